using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Configuration;
using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Analytics.Tests.Reading;
using Analytics.Tests.Validation;
using Parquet.Schema;

namespace Analytics.Tests.Performance;

/// <summary>
/// The staged (column by column, block-parallel) customers, accounts and financials loaders against the row-by-row
/// loaders they replaced (<see cref="RowByRowLoaders"/>), for 1, 2 and 4 workers: every column, count and reject (in
/// order) must be identical. Inputs cover both paths of each loader — keys already in order (generated data) and
/// keys out of order with duplicates spread over row groups and part files — and both buffer kinds (Parquet files
/// sized up front, CSV files grown while read).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ParallelStagingTests
{
    private static readonly EngineConfig Config = TestEngineConfig.Create() with
    {
        FxRates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 7.1, ["EUR"] = 7.7 },
        Run = new RunConfig { MaxRejectRate = 1.0 },
    };

    [Theory]
    [InlineData(TableFileFormat.Parquet, 2_500)]
    // Over 16,384 statements, so a CSV file arrives in several batches and its staging buffer grows with rows in it.
    [InlineData(TableFileFormat.Csv, 5_000)]
    public async Task Generated_portfolio_stages_identically_on_any_thread_count(TableFileFormat format, int customers)
    {
        using var folder = new TempFolder();
        var summary = await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = customers,
            Seed = 11,
            OutputDirectory = folder.Path,
            Format = format,
            InjectDefects = true,
            FeesPerCustomer = 1,
            RowGroupSize = 400,
        });
        Assert.Contains(summary.PlantedDefects, d => d.Table == InputTables.Accounts && d.Kind == PlantedDefectKind.DuplicateKey);
        string configPath = folder.WriteText("config.yaml", TestConfigs.GeneratorYaml);
        var config = ConfigLoader.Load(configPath);

        var expected = await ReferenceAsync(folder.Path, config);
        if (format == TableFileFormat.Csv)
        {
            Assert.True(expected.Stats[4].RowsRead > CsvTableReader.BatchRows);
        }
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, config, includeConfidential: false, threads);
            AssertSame(expected, loaded);
        }
    }

    [Fact]
    public async Task Keys_out_of_order_with_duplicates_across_row_groups_and_parts_match_the_row_by_row_loaders()
    {
        using var folder = new TempFolder();
        var random = new Random(3);
        // Customers in two CSV parts, ids shuffled, some repeated within and across the parts.
        var customerIds = Enumerable.Range(0, 400).Select(i => $"C{random.Next(330):000}").ToArray();
        for (int p = 0; p < 2; p++)
        {
            var lines = customerIds.Skip(p * 200).Take(200).Select(id => random.Next(40) switch
            {
                0 => $",Name,ind,reg,rm,BBB,0.01,10",
                1 => $"{id},Name,ind,reg,rm,BBB,1.5,10",
                2 => $"{id},Name,,,,,,",
                3 => $"{id},Name,ind",
                _ => $"{id},Name,ind{random.Next(3)},reg,rm,BBB,{random.Next(100) / 1000.0},{random.Next(1000)}",
            });
            folder.WriteText($"customers/part-{p}.csv", CsvFolder.CustomersHeader + "\n" + string.Join("\n", lines) + "\n");
        }

        // A part with no rows stages nothing but still takes its place in the file order.
        folder.WriteText("customers/part-1a.csv", CsvFolder.CustomersHeader + "\n");

        // Accounts and financials in three Parquet parts of three row groups each, rows in random order.
        Directory.CreateDirectory(folder.File("accounts"));
        Directory.CreateDirectory(folder.File("financials"));
        for (int p = 0; p < 3; p++)
        {
            var accountGroups = new List<Array[]>();
            var financialGroups = new List<Array[]>();
            for (int g = 0; g < 3; g++)
            {
                accountGroups.Add(RandomAccounts(random, 150));
                financialGroups.Add(RandomFinancials(random, 200));
            }

            await ReadingTestKit.WriteParquetAsync(folder.File($"accounts/part-{p}.parquet"), AccountFields(), [.. accountGroups]);
            await ReadingTestKit.WriteParquetAsync(folder.File($"financials/part-{p}.parquet"), FinancialFields(), [.. financialGroups]);
        }

        var expected = await ReferenceAsync(folder.Path, Config);
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false, threads);
            AssertSame(expected, loaded);
        }

        // The data is meant to exercise the rules: duplicates of every key, other failures, out-of-period statements.
        Assert.Contains(expected.Rejects, r => r.Table == "customers" && r.Reason == RejectReason.DuplicateKey);
        Assert.Contains(expected.Rejects, r => r.Table == "accounts" && r.Reason == RejectReason.DuplicateKey);
        Assert.Contains(expected.Rejects, r => r.Table == "accounts" && r.Reason == RejectReason.UnknownCustomer);
        Assert.Contains(expected.Rejects, r => r.Table == "financials" && r.Reason == RejectReason.DuplicateKey);
        Assert.Contains(expected.Rejects, r => r.Table == "financials" && r.Reason == RejectReason.NotFinite);
        Assert.True(expected.Stats[4].OutOfPeriod > 0);
        Assert.True(expected.Accounts.Accounts.Count > 100);
        Assert.True(expected.Financials.Count > 100);
    }

    [Fact]
    public async Task Duplicates_split_over_row_groups_and_files_reject_every_row_that_carries_them()
    {
        using var folder = new TempFolder();
        folder.WriteText("customers.csv", CsvFolder.CustomersHeader
            + "\nC001,N,i,r,m,BBB,0.01,1\nC002,N,i,r,m,BBB,0.01,1\nC003,N,i,r,m,BBB,0.01,1\n");
        Directory.CreateDirectory(folder.File("accounts"));
        Directory.CreateDirectory(folder.File("financials"));
        // accounts/part-0: row group 1 = rows 1-2, row group 2 = rows 3-4; accounts/part-1: rows 1-2.
        // A2 is in part-0 row 2 and part-1 row 1 (different files); A5 in part-0 rows 3 and 4 (one row group), where
        // row 4 also has a negative balance (duplicate_key wins); A1 and A3 are unique.
        await ReadingTestKit.WriteParquetAsync(folder.File("accounts/part-0.parquet"), AccountFields(),
            Accounts(("A3", "C002", 100), ("A2", "C001", 100)),
            Accounts(("A5", "C003", 100), ("A5", "C001", -1)));
        await ReadingTestKit.WriteParquetAsync(folder.File("accounts/part-1.parquet"), AccountFields(),
            Accounts(("A2", "C002", 100), ("A1", "C001", 100)));
        // financials/part-0: rows 1-2 | 3; financials/part-1: rows 1-2. (C001, 2026-06-30) is in part-0 row 1 and
        // part-1 row 2; (C999, 2026-03-31) — an unknown customer, keyed by text — in part-0 rows 2 and 3 (two row
        // groups); C002's two statements have different dates.
        await ReadingTestKit.WriteParquetAsync(folder.File("financials/part-0.parquet"), FinancialFields(),
            Financials(("C001", new(2026, 6, 30)), ("C999", new(2026, 3, 31))),
            Financials(("C999", new(2026, 3, 31))));
        await ReadingTestKit.WriteParquetAsync(folder.File("financials/part-1.parquet"), FinancialFields(),
            Financials(("C002", new(2026, 6, 30)), ("C001", new(2026, 6, 30))),
            Financials(("C002", new(2026, 3, 31))));

        foreach (int threads in new[] { 1, 2, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false, threads);
            Assert.Equal(
                [
                    new Reject("accounts", "accounts/part-0.parquet", 2, "account_id", RejectReason.DuplicateKey),
                    new Reject("accounts", "accounts/part-0.parquet", 3, "account_id", RejectReason.DuplicateKey),
                    new Reject("accounts", "accounts/part-0.parquet", 4, "account_id", RejectReason.DuplicateKey),
                    new Reject("accounts", "accounts/part-1.parquet", 1, "account_id", RejectReason.DuplicateKey),
                    new Reject("financials", "financials/part-0.parquet", 1, "statement_date", RejectReason.DuplicateKey),
                    new Reject("financials", "financials/part-0.parquet", 2, "statement_date", RejectReason.DuplicateKey),
                    new Reject("financials", "financials/part-0.parquet", 3, "statement_date", RejectReason.DuplicateKey),
                    new Reject("financials", "financials/part-1.parquet", 2, "statement_date", RejectReason.DuplicateKey),
                ],
                loaded.Rejects.Items);

            // Accepted accounts in (customer, account_id) order: C001's A1, C002's A3.
            var accounts = loaded.Data.Accounts;
            Assert.Equal(["A1", "A3"], accounts.AccountId);
            Assert.Equal([0, 1], accounts.Customer);
            Assert.Equal([0, 1, 2, 2], accounts.CustomerStart);
            Assert.Equal((2, 4), (loaded.Stats[1].Accepted, loaded.Stats[1].Rejected));

            // Accepted statements in (customer, date) order: C002's 2026-03-31 then 2026-06-30.
            var financials = loaded.Data.Financials;
            Assert.Equal([1, 1], financials.Customer);
            Assert.Equal([new DateOnly(2026, 3, 31).DayNumber, new DateOnly(2026, 6, 30).DayNumber], financials.StatementDate);
            Assert.Equal([0, 0, 2, 2], financials.CustomerStart);
            Assert.Equal((2, 4), (loaded.Stats[4].Accepted, loaded.Stats[4].Rejected));
        }
    }

    private sealed record Reference(
        CustomerLoadResult Customers, AccountLoadResult Accounts, FinancialTable Financials, List<Reject> Rejects, TableStats[] Stats);

    /// <summary>The three tables through the row-by-row loaders, one after another, rejects in table order.</summary>
    private static async Task<Reference> ReferenceAsync(string input, EngineConfig config)
    {
        var stats = new[] { new TableStats(InputTables.Customers), new TableStats(InputTables.Accounts),
            new TableStats(InputTables.Financials) };
        var customerRejects = new RejectLog();
        var accountRejects = new RejectLog();
        var financialRejects = new RejectLog();
        var customers = await RowByRowLoaders.CustomersAsync(InputFolder.Locate(input, InputTables.Customers), config, [], stats[0],
            customerRejects, null, CancellationToken.None);
        int n = customers.Customers.Count;
        var accounts = await RowByRowLoaders.AccountsAsync(InputFolder.Locate(input, InputTables.Accounts), config, customers.Index, n,
            stats[1], accountRejects, CancellationToken.None);
        var financials = await RowByRowLoaders.FinancialsAsync(InputFolder.Locate(input, InputTables.Financials), config, customers.Index,
            n, stats[2], financialRejects, CancellationToken.None);
        var rejects = customerRejects.Items.Concat(accountRejects.Items).Concat(financialRejects.Items).ToList();
        return new Reference(customers, accounts, financials, rejects, [stats[0], stats[1], null!, null!, stats[2]]);
    }

    private static void AssertSame(Reference expected, LoadedPortfolio loaded)
    {
        Assert.Equal(expected.Rejects, loaded.Rejects.Items.Where(r => r.Table is "customers" or "accounts" or "financials").ToList());
        foreach (int t in new[] { 0, 1, 4 })
        {
            var (e, a) = (expected.Stats[t], loaded.Stats[t]);
            Assert.Equal((e.RowsRead, e.Accepted, e.Rejected, e.OutOfPeriod), (a.RowsRead, a.Accepted, a.Rejected, a.OutOfPeriod));
            Assert.Equal(e.Files, a.Files);
        }

        var ec = expected.Customers.Customers;
        var c = loaded.Data.Customers;
        Assert.Equal(ec.Ids, c.Ids);
        Assert.Equal(ec.Industry, c.Industry);
        Assert.Equal(ec.Region, c.Region);
        Assert.Equal(ec.RmId, c.RmId);
        Assert.Equal(ec.Rating, c.Rating);
        Assert.Equal(ec.Pd, c.Pd);
        Assert.Equal(ec.AnnualSales, c.AnnualSales);

        var ea = expected.Accounts.Accounts;
        var acc = loaded.Data.Accounts;
        Assert.Equal(ea.Customer, acc.Customer);
        Assert.Equal(ea.AccountId, acc.AccountId);
        Assert.Equal(ea.Type, acc.Type);
        Assert.Equal(ea.Currency, acc.Currency);
        Assert.Equal(ea.AverageBalance, acc.AverageBalance);
        Assert.Equal(ea.EndBalance, acc.EndBalance);
        Assert.Equal(ea.Limit, acc.Limit);
        Assert.Equal(ea.ClientRate, acc.ClientRate);
        Assert.Equal(ea.FtpRate, acc.FtpRate);
        Assert.Equal(ea.OpenDate, acc.OpenDate);
        Assert.Equal(ea.MaturityDate, acc.MaturityDate);
        Assert.Equal(ea.Lgd, acc.Lgd);
        Assert.Equal(ea.DaysPastDue, acc.DaysPastDue);
        Assert.Equal(ea.InterestArrears, acc.InterestArrears);
        Assert.Equal(ea.OriginationPd, acc.OriginationPd);
        Assert.Equal(ea.PriorAverageBalance, acc.PriorAverageBalance);
        Assert.Equal(ea.CustomerStart, acc.CustomerStart);
        Assert.Equal(
            (expected.Accounts.DepositAverageBalance, expected.Accounts.LendingAverageBalance, expected.Accounts.GuaranteeAverageBalance),
            (loaded.Totals.DepositAverageBalance, loaded.Totals.LendingAverageBalance, loaded.Totals.GuaranteeAverageBalance));

        var ef = expected.Financials;
        var fin = loaded.Data.Financials;
        Assert.Equal(ef.Customer, fin.Customer);
        Assert.Equal(ef.StatementDate, fin.StatementDate);
        Assert.Equal(ef.CustomerStart, fin.CustomerStart);
        for (int k = 0; k < FinancialTable.ItemCount; k++)
        {
            Assert.Equal(ef.Items[k], fin.Items[k]);
        }
    }

    private static DataField[] AccountFields() =>
    [
        new DataField<string>("account_id"),
        new DataField<string>("customer_id"),
        new DataField<string>("product_type"),
        new DataField<string>("currency"),
        new DataField<double?>("average_balance"),
        new DataField<double?>("end_balance"),
        new DataField<double?>("limit_amount"),
        new DataField<double?>("client_rate"),
        new DataField<DateOnly?>("open_date"),
        new DataField<DateOnly?>("maturity_date"),
        new DataField<double?>("lgd"),
        new DataField<int?>("days_past_due"),
    ];

    /// <summary>One row group of valid loans but for the given id, customer and balance.</summary>
    private static Array[] Accounts(params (string Id, string Customer, double Balance)[] rows) =>
    [
        rows.Select(r => (string?)r.Id).ToArray(),
        rows.Select(r => (string?)r.Customer).ToArray(),
        rows.Select(_ => (string?)"loan").ToArray(),
        rows.Select(_ => (string?)null).ToArray(),
        rows.Select(r => (double?)r.Balance).ToArray(),
        rows.Select(r => (double?)r.Balance).ToArray(),
        rows.Select(_ => (double?)null).ToArray(),
        rows.Select(_ => (double?)0.05).ToArray(),
        rows.Select(_ => (DateOnly?)new DateOnly(2025, 1, 1)).ToArray(),
        rows.Select(_ => (DateOnly?)new DateOnly(2028, 1, 1)).ToArray(),
        rows.Select(_ => (double?)null).ToArray(),
        rows.Select(_ => (int?)0).ToArray(),
    ];

    private static Array[] RandomAccounts(Random r, int rows)
    {
        var id = new string?[rows];
        var customer = new string?[rows];
        var type = new string?[rows];
        var currency = new string?[rows];
        var avg = new double?[rows];
        var end = new double?[rows];
        var limit = new double?[rows];
        var client = new double?[rows];
        var open = new DateOnly?[rows];
        var maturity = new DateOnly?[rows];
        var lgd = new double?[rows];
        var dpd = new int?[rows];
        for (int i = 0; i < rows; i++)
        {
            // About 1,400 rows over 3,000 ids: some ids repeat, in the same row group or anywhere else.
            id[i] = r.Next(60) == 0 ? null : $"A{r.Next(3000):0000}";
            customer[i] = r.Next(30) == 0 ? $"C{900 + r.Next(5)}" : $"C{r.Next(330):000}";
            type[i] = r.Next(40) switch { 0 => "swap", 1 => null, 2 or 3 or 4 => "guarantee", 5 or 6 => "deposit", _ => "loan" };
            currency[i] = r.Next(20) switch { 0 => "XXX", 1 or 2 => "USD", 3 => "EUR", _ => null };
            avg[i] = r.Next(50) == 0 ? -5 : Math.Round(r.NextDouble() * 1e6, 2);
            end[i] = r.Next(50) == 0 ? null : Math.Round(r.NextDouble() * 1e6, 2);
            limit[i] = r.Next(3) == 0 ? null : Math.Round(r.NextDouble() * 2e6, 2);
            client[i] = r.Next(15) == 0 ? null : r.Next(50) == 0 ? double.NaN : r.NextDouble() / 10;
            open[i] = r.Next(50) == 0 ? new DateOnly(1800, 1, 1) : new DateOnly(2020, 1, 1).AddDays(r.Next(2000));
            maturity[i] = r.Next(4) == 0 ? null : new DateOnly(2026, 1, 1).AddDays(r.Next(2000));
            lgd[i] = r.Next(3) == 0 ? null : r.Next(40) == 0 ? 1.5 : r.NextDouble();
            dpd[i] = r.Next(3) == 0 ? null : r.Next(40) == 0 ? -1 : r.Next(120);
        }

        return [id, customer, type, currency, avg, end, limit, client, open, maturity, lgd, dpd];
    }

    private static DataField[] FinancialFields()
    {
        var fields = new List<DataField> { new DataField<string>("customer_id"), new DataField<DateOnly?>("statement_date") };
        fields.AddRange(FinancialTable.ItemColumns.Select(name => new DataField<double?>(name)));
        return [.. fields];
    }

    /// <summary>One row group of statements with every item 1.</summary>
    private static Array[] Financials(params (string Customer, DateOnly Date)[] rows)
    {
        var columns = new List<Array> { rows.Select(r => (string?)r.Customer).ToArray(), rows.Select(r => (DateOnly?)r.Date).ToArray() };
        columns.AddRange(FinancialTable.ItemColumns.Select(_ => rows.Select(_ => (double?)1).ToArray()));
        return [.. columns];
    }

    private static Array[] RandomFinancials(Random r, int rows)
    {
        var customer = new string?[rows];
        var date = new DateOnly?[rows];
        for (int i = 0; i < rows; i++)
        {
            customer[i] = r.Next(40) switch { 0 => null, 1 => $"C{900 + r.Next(3)}", _ => $"C{r.Next(330):000}" };
            // Quarter ends from 2024 to 2027, some after as_of; 1,800 rows over ~330 × 16 keys, so some keys repeat.
            date[i] = r.Next(60) == 0 ? null : new DateOnly(2024 + r.Next(4), 3 * (1 + r.Next(4)), 1).AddMonths(1).AddDays(-1);
        }

        var columns = new List<Array> { customer, date };
        foreach (var _ in FinancialTable.ItemColumns)
        {
            columns.Add(Enumerable.Range(0, rows).Select(_ => r.Next(100) switch
            {
                0 => (double?)double.NaN,
                1 => double.PositiveInfinity,
                < 20 => null,
                _ => Math.Round(r.NextDouble() * 1e5 - 1e4, 2),
            }).ToArray());
        }

        return [.. columns];
    }
}
