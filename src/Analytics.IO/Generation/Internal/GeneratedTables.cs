using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>The five tables the generator writes, with docs/METHODOLOGY.md §1 column names in file order.</summary>
internal static class GeneratedTables
{
    public const string CustomersName = "customers";
    public const string AccountsName = "accounts";
    public const string FeesName = "fees";
    public const string CrossSalesName = "cross_sales";
    public const string FinancialsName = "financials";

    public static readonly string[] FinancialValueColumns =
    [
        "revenue", "ebitda", "ebit", "interest_expense", "debt_service", "total_debt", "current_assets",
        "current_liabilities", "total_assets", "total_liabilities", "retained_earnings", "equity", "operating_cash_flow",
    ];

    public static GeneratedTable Customers(bool includeNames)
    {
        var columns = new List<GeneratedColumnSpec> { new("customer_id", ColumnKind.String) };
        if (includeNames)
        {
            columns.Add(new("customer_name", ColumnKind.String));
        }

        columns.AddRange(
        [
            new("industry", ColumnKind.String, Dictionary: true),
            new("region", ColumnKind.String, Dictionary: true),
            new("rm_id", ColumnKind.String, Dictionary: true),
            new("rating", ColumnKind.String, Dictionary: true),
            new("pd", ColumnKind.Double),
            new("annual_sales", ColumnKind.Double),
        ]);
        return new GeneratedTable(CustomersName, columns);
    }

    public static readonly GeneratedTable Accounts = new(AccountsName,
    [
        new("account_id", ColumnKind.String),
        new("customer_id", ColumnKind.String, Dictionary: true),
        new("product_type", ColumnKind.String, Dictionary: true),
        new("currency", ColumnKind.String, Dictionary: true),
        new("average_balance", ColumnKind.Double),
        new("end_balance", ColumnKind.Double),
        new("limit_amount", ColumnKind.Double),
        new("client_rate", ColumnKind.Double),
        new("ftp_rate", ColumnKind.Double),
        new("open_date", ColumnKind.Date),
        new("maturity_date", ColumnKind.Date),
        new("lgd", ColumnKind.Double),
        new("days_past_due", ColumnKind.Int),
        new("interest_arrears", ColumnKind.Double),
        new("origination_pd", ColumnKind.Double),
        new("prior_average_balance", ColumnKind.Double),
    ]);

    public static readonly GeneratedTable Fees = new(FeesName,
    [
        new("customer_id", ColumnKind.String, Dictionary: true),
        new("fee_type", ColumnKind.String, Dictionary: true),
        new("amount", ColumnKind.Double),
        new("currency", ColumnKind.String, Dictionary: true),
        new("booking_date", ColumnKind.Date),
    ]);

    public static readonly GeneratedTable CrossSales = new(CrossSalesName,
    [
        new("customer_id", ColumnKind.String, Dictionary: true),
        new("product_line", ColumnKind.String, Dictionary: true),
        new("units", ColumnKind.Int),
        new("revenue", ColumnKind.Double),
        new("currency", ColumnKind.String, Dictionary: true),
    ]);

    public static readonly GeneratedTable Financials = BuildFinancials();

    private static GeneratedTable BuildFinancials()
    {
        var columns = new List<GeneratedColumnSpec>
        {
            new("customer_id", ColumnKind.String, Dictionary: true),
            new("statement_date", ColumnKind.Date),
        };
        foreach (var name in FinancialValueColumns)
        {
            columns.Add(new(name, ColumnKind.Double));
        }

        return new GeneratedTable(FinancialsName, columns);
    }
}
