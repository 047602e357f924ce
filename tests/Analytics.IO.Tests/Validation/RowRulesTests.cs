using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.IO.Validation;

namespace Analytics.Tests.Validation;

/// <summary>Every docs/METHODOLOGY.md §1 row rule, one bad cell at a time, asserting the exact reject (table, file, row, column,
/// reason).</summary>
public sealed class RowRulesTests
{
    private static readonly EngineConfig Config = TestEngineConfig.Create() with
    {
        FxRates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 7.1 },
        Run = new RunConfig { MaxRejectRate = 1.0 },
    };

    private const string GoodCustomer = "C1,Name One,ind,reg,rm,BBB,0.01,10";
    private const string GoodAccount = "A1,C1,loan,,1000,1000,2000,0.05,,2025-01-01,2027-01-01,,0,,,";

    private static async Task<LoadedPortfolio> Load(CsvFolder folder) =>
        await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false);

    private static Reject Single(LoadedPortfolio loaded)
    {
        Assert.Single(loaded.Rejects.Items);
        return loaded.Rejects.Items[0];
    }

    public static TheoryData<string, string, RejectReason> CustomerCases => new()
    {
        { ",Name,ind,reg,rm,BBB,0.01,10", "customer_id", RejectReason.MissingValue },
        { "C2,Name,ind,reg,rm,BBB,1.5,10", "pd", RejectReason.OutOfRange },
        { "C2,Name,ind,reg,rm,BBB,-0.1,10", "pd", RejectReason.OutOfRange },
        { "C2,Name,ind,reg,rm,BBB,abc,10", "pd", RejectReason.Unparsable },
        { "C2,Name,ind,reg,rm,BBB,NaN,10", "pd", RejectReason.NotFinite },
        { "C2,Name,ind,reg,rm,BBB,0.01,-5", "annual_sales", RejectReason.NegativeValue },
        { "C2,Name,ind,reg,rm,BBB,0.01,Infinity", "annual_sales", RejectReason.NotFinite },
        { "C2,Name,ind,reg,rm,BBB,0.01", "", RejectReason.WrongFieldCount },
    };

    [Theory]
    [MemberData(nameof(CustomerCases))]
    public async Task Customer_rule(string row, string column, RejectReason reason)
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer, row)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount);
        var loaded = await Load(folder);
        Assert.Equal(new Reject("customers", "customers.csv", 2, column, reason), Single(loaded));
        Assert.Equal(["C1"], loaded.Data.Customers.Ids);
    }

    public static TheoryData<string, string, RejectReason> AccountCases => new()
    {
        { ",C1,loan,,1000,1000,2000,0.05,,2025-01-01,,,0,,,", "account_id", RejectReason.MissingValue },
        { "A2,C9,loan,,1000,1000,2000,0.05,,2025-01-01,,,0,,,", "customer_id", RejectReason.UnknownCustomer },
        { "A2,C1,mortgage,,1000,1000,2000,0.05,,2025-01-01,,,0,,,", "product_type", RejectReason.UnknownProductType },
        { "A2,C1,Loan,,1000,1000,2000,0.05,,2025-01-01,,,0,,,", "product_type", RejectReason.UnknownProductType },
        { "A2,C1,loan,XXX,1000,1000,2000,0.05,,2025-01-01,,,0,,,", "currency", RejectReason.UnknownCurrency },
        { "A2,C1,loan,,-1,1000,2000,0.05,,2025-01-01,,,0,,,", "average_balance", RejectReason.NegativeValue },
        { "A2,C1,loan,,,1000,2000,0.05,,2025-01-01,,,0,,,", "average_balance", RejectReason.MissingValue },
        { "A2,C1,loan,,1000,-1,2000,0.05,,2025-01-01,,,0,,,", "end_balance", RejectReason.NegativeValue },
        { "A2,C1,loan,,1000,1000,-2000,0.05,,2025-01-01,,,0,,,", "limit_amount", RejectReason.NegativeValue },
        { "A2,C1,loan,,1000,1000,2000,,,2025-01-01,,,0,,,", "client_rate", RejectReason.MissingValue },
        { "A2,C1,deposit,,1000,1000,,,,2025-01-01,,,0,,,", "client_rate", RejectReason.MissingValue },
        { "A2,C1,loan,,1000,1000,2000,0.05,NaN,2025-01-01,,,0,,,", "ftp_rate", RejectReason.NotFinite },
        { "A2,C1,loan,,1000,1000,2000,0.05,,,,,0,,,", "open_date", RejectReason.MissingValue },
        { "A2,C1,loan,,1000,1000,2000,0.05,,1899-12-31,,,0,,,", "open_date", RejectReason.DateOutOfRange },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,2101-01-01,,0,,,", "maturity_date", RejectReason.DateOutOfRange },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-13-01,,,0,,,", "open_date", RejectReason.Unparsable },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,,1.2,0,,,", "lgd", RejectReason.OutOfRange },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,,,-3,,,", "days_past_due", RejectReason.NegativeValue },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,,,2.5,,,", "days_past_due", RejectReason.Unparsable },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,,,0,-1,,", "interest_arrears", RejectReason.NegativeValue },
        { "A2,C1,loan,,1000,1000,2000,0.05,,2025-01-01,,,0,,2,", "origination_pd", RejectReason.OutOfRange },
        { "A2,C1,deposit,,1000,1000,,0.01,,2025-01-01,,,0,,,-5", "prior_average_balance", RejectReason.NegativeValue },
        // Column order decides between two faults: the unknown customer is reported, not the negative balance.
        { "A2,C9,loan,,-1,1000,2000,0.05,,2025-01-01,,,0,,,", "customer_id", RejectReason.UnknownCustomer },
    };

    [Theory]
    [MemberData(nameof(AccountCases))]
    public async Task Account_rule(string row, string column, RejectReason reason)
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount, row);
        var loaded = await Load(folder);
        Assert.Equal(new Reject("accounts", "accounts.csv", 2, column, reason), Single(loaded));
        Assert.Equal(["A1"], loaded.Data.Accounts.AccountId);
    }

    [Fact]
    public async Task Guarantee_needs_no_client_rate()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount, "G1,C1,guarantee,,0,0,5000,,,2025-01-01,,,0,,,");
        var loaded = await Load(folder);
        Assert.Empty(loaded.Rejects.Items);
        Assert.Equal(2, loaded.Data.Accounts.Count);
        Assert.True(double.IsNaN(loaded.Data.Accounts.ClientRate[1]));
    }

    [Fact]
    public async Task Duplicate_keys_reject_every_carrying_row_whatever_else_is_wrong()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer, "C2,a,,,,,0.01,", "C2,b,,,,,7,", "C3,c,,,,,0.01,")
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount,
                "A9,C1,loan,,1,1,1,0.05,,2025-01-01,,,0,,,",
                "A9,C1,loan,,-1,1,1,0.05,,2025-01-01,,,0,,,",
                "A8,C2,loan,,1,1,1,0.05,,2025-01-01,,,0,,,");
        var loaded = await Load(folder);
        Assert.Equal(
        [
            new Reject("customers", "customers.csv", 2, "customer_id", RejectReason.DuplicateKey),
            new Reject("customers", "customers.csv", 3, "customer_id", RejectReason.DuplicateKey),
            new Reject("accounts", "accounts.csv", 2, "account_id", RejectReason.DuplicateKey),
            new Reject("accounts", "accounts.csv", 3, "account_id", RejectReason.DuplicateKey),
            // The rows of a rejected customer are rejected as unknown customer.
            new Reject("accounts", "accounts.csv", 4, "customer_id", RejectReason.UnknownCustomer),
        ], loaded.Rejects.Sorted());
        Assert.Equal(["C1", "C3"], loaded.Data.Customers.Ids);
    }

    public static TheoryData<string, string, RejectReason> FeeCases => new()
    {
        { "C9,fx,10,,2026-10-05", "customer_id", RejectReason.UnknownCustomer },
        { "C1,,10,,2026-10-05", "fee_type", RejectReason.MissingValue },
        { "C1,fx,,,2026-10-05", "amount", RejectReason.MissingValue },
        { "C1,fx,1e,,2026-10-05", "amount", RejectReason.Unparsable },
        { "C1,fx,-Infinity,,2026-10-05", "amount", RejectReason.NotFinite },
        { "C1,fx,10,JPY,2026-10-05", "currency", RejectReason.UnknownCurrency },
        { "C1,fx,10,,2026/10/05", "booking_date", RejectReason.Unparsable },
        { "C1,fx,10,,1800-01-01", "booking_date", RejectReason.DateOutOfRange },
        { "C1,fx,10,,2026-10-05,extra", "", RejectReason.WrongFieldCount },
    };

    [Theory]
    [MemberData(nameof(FeeCases))]
    public async Task Fee_rule(string row, string column, RejectReason reason)
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("fees", CsvFolder.FeesHeader, "C1,fx,10,USD,2026-10-05", row);
        var loaded = await Load(folder);
        Assert.Equal(new Reject("fees", "fees.csv", 2, column, reason), Single(loaded));
        Assert.Equal(1, loaded.Data.Activity.FeeRows[0]);
    }

    [Fact]
    public async Task Fees_on_the_period_edges_count_and_outside_are_out_of_period()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("fees", CsvFolder.FeesHeader,
                "C1,fx,10,,2026-10-01", "C1,fx,-2.5,,2026-10-31", "C1,fx,100,,2026-09-30", "C1,fx,100,,2026-11-01",
                    "C1,settlement,1,USD,2026-10-15");
        var loaded = await Load(folder);
        var stats = loaded.Stats[2];
        Assert.Equal((5L, 3L, 0L, 2L), (stats.RowsRead, stats.Accepted, stats.Rejected, stats.OutOfPeriod));
        // 10 − 2.5 (reversal) + 1 USD × 7.1 = 14.6
        Assert.Equal(14.6, Core.Numerics.ExactSum.ToDouble(loaded.Data.Activity.FeeIncome[0]), 12);
        Assert.Equal(3, loaded.Data.Activity.FeeRows[0]);
        Assert.Equal(2, loaded.Data.Activity.FeeTypesHeld[0]);
    }

    public static TheoryData<string, string, RejectReason> CrossSaleCases => new()
    {
        { "C9,cards,1,10,", "customer_id", RejectReason.UnknownCustomer },
        { "C1,,1,10,", "product_line", RejectReason.MissingValue },
        { "C1,cards,-1,10,", "units", RejectReason.NegativeValue },
        { "C1,cards,x,10,", "units", RejectReason.Unparsable },
        { "C1,cards,1,NaN,", "revenue", RejectReason.NotFinite },
        { "C1,cards,1,10,ABC", "currency", RejectReason.UnknownCurrency },
    };

    [Theory]
    [MemberData(nameof(CrossSaleCases))]
    public async Task Cross_sale_rule(string row, string column, RejectReason reason)
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("cross_sales", CsvFolder.CrossSalesHeader, "C1,payroll,3,100,", row);
        var loaded = await Load(folder);
        Assert.Equal(new Reject("cross_sales", "cross_sales.csv", 2, column, reason), Single(loaded));
    }

    [Fact]
    public async Task Cross_sales_count_product_lines_with_units_and_null_means_zero()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("cross_sales", CsvFolder.CrossSalesHeader, "C1,payroll,3,100,", "C1,cards,0,50,USD", "C1,wealth,,,", "C1,payroll,2,,");
        var loaded = await Load(folder);
        Assert.Empty(loaded.Rejects.Items);
        Assert.Equal(5, loaded.Data.Activity.CrossSellUnits[0]);
        Assert.Equal(1, loaded.Data.Activity.ProductLinesHeld[0]);
        Assert.Equal(100 + 50 * 7.1, Core.Numerics.ExactSum.ToDouble(loaded.Data.Activity.CrossSellRevenue[0]), 12);
    }

    [Fact]
    public async Task Financials_reject_duplicate_statement_dates_and_skip_statements_after_as_of()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("financials", CsvFolder.FinancialsHeader,
                "C1,2025-12-31,100,,,,,,,,,,,,",
                "C1,2024-12-31,90,,,,,,,,,,,,",
                "C1,2024-12-31,91,,,,,,,,,,,,",
                "C1,2026-11-01,120,,,,,,,,,,,,",
                "C9,2025-12-31,1,,,,,,,,,,,,",
                "C1,2023-12-31,abc,,,,,,,,,,,,");
        var loaded = await Load(folder);
        Assert.Equal(
        [
            new Reject("financials", "financials.csv", 2, "statement_date", RejectReason.DuplicateKey),
            new Reject("financials", "financials.csv", 3, "statement_date", RejectReason.DuplicateKey),
            new Reject("financials", "financials.csv", 5, "customer_id", RejectReason.UnknownCustomer),
            new Reject("financials", "financials.csv", 6, "revenue", RejectReason.Unparsable),
        ], loaded.Rejects.Sorted());
        var s = loaded.Stats[4];
        Assert.Equal((6L, 1L, 4L, 1L), (s.RowsRead, s.Accepted, s.Rejected, s.OutOfPeriod));
        Assert.Equal([new DateOnly(2025, 12, 31).DayNumber], loaded.Data.Financials.StatementDate);
    }

    [Fact]
    public async Task Accounts_are_sorted_by_customer_then_account_id_and_converted()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, "C2,,,,,,,", GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader,
                "B1,C2,deposit,USD,100,200,,0.01,,2025-01-01,,,,,,50",
                "A2,C1,overdraft,,10,20,30,0.06,,2025-01-01,,,,3.5,,",
                GoodAccount);
        var loaded = await Load(folder);
        var a = loaded.Data.Accounts;
        Assert.Equal(["A1", "A2", "B1"], a.AccountId);
        Assert.Equal([0, 0, 1], a.Customer);
        Assert.Equal([0, 2, 3], a.CustomerStart);
        Assert.Equal(710, a.AverageBalance[2], 12);
        Assert.Equal(355, a.PriorAverageBalance[2], 12);
        Assert.Equal(3.5, a.InterestArrears[1]);
        Assert.Equal(0.02, loaded.Data.Customers.Pd[1]); // C2's null pd → pd_default
        Assert.Equal("UNKNOWN", loaded.Data.Customers.Industry[1]);
    }

    [Fact]
    public async Task Gate_fails_when_a_table_rejects_more_than_the_limit()
    {
        using var folder = new CsvFolder()
            .Table("customers", CsvFolder.CustomersHeader, GoodCustomer)
            .Table("accounts", CsvFolder.AccountsHeader, GoodAccount)
            .Table("fees", CsvFolder.FeesHeader, "C1,fx,10,,2026-10-05", "C9,fx,10,,2026-10-05");
        var config = Config with { Run = new RunConfig { MaxRejectRate = 0.5 } };
        var loaded = await PortfolioLoader.LoadAsync(folder.Path, config, false);
        PortfolioLoader.EnforceGates(loaded, config); // exactly 50 %: not above the limit
        var strict = Config with { Run = new RunConfig { MaxRejectRate = 0.49 } };
        var e = Assert.Throws<DataQualityException>(() => PortfolioLoader.EnforceGates(loaded, strict));
        Assert.Equal("Table 'fees' rejected 1 of 2 rows (50.00 %), above run.max_reject_rate 49.00 %; see the rejects listed by "
            + "'analytics validate', fix the data and rerun.", e.Message);
    }

    [Fact]
    public async Task Missing_required_table_fails_naming_it()
    {
        using var folder = new CsvFolder().Table("customers", CsvFolder.CustomersHeader, GoodCustomer);
        var e = await Assert.ThrowsAsync<InputException>(() => Load(folder));
        Assert.Equal("Required table 'accounts' is missing from the input folder; add accounts.parquet, accounts.csv or a folder "
            + "accounts/ of part files.", e.Message);
    }
}
