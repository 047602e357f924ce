using Analytics.Core.Data;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>The five input tables of docs/METHODOLOGY.md §1 and the columns the engine reads from each.</summary>
public static class InputTables
{
    /// <summary>customers.</summary>
    public const string Customers = "customers";
    /// <summary>accounts.</summary>
    public const string Accounts = "accounts";
    /// <summary>fees.</summary>
    public const string Fees = "fees";
    /// <summary>cross_sales.</summary>
    public const string CrossSales = "cross_sales";
    /// <summary>financials.</summary>
    public const string Financials = "financials";

    /// <summary>Table names in the order of docs/METHODOLOGY.md §1.</summary>
    public static IReadOnlyList<string> All { get; } = [Customers, Accounts, Fees, CrossSales, Financials];

    /// <summary>Position of a table in the order of docs/METHODOLOGY.md §1 (for sorting).</summary>
    public static int Order(string table) => table switch
    {
        Customers => 0,
        Accounts => 1,
        Fees => 2,
        CrossSales => 3,
        Financials => 4,
        _ => 5,
    };

    /// <summary>customers columns; <paramref name="extraStringColumns"/> are read too (names, when requested).</summary>
    public static TableSchema CustomerSchema(IReadOnlyList<string> extraStringColumns)
    {
        var columns = new List<ColumnSpec>
        {
            new("customer_id", ColumnKind.String, true, DistinctValues: true),
            new("industry", ColumnKind.String, false),
            new("region", ColumnKind.String, false),
            new("rm_id", ColumnKind.String, false),
            new("rating", ColumnKind.String, false),
            new("pd", ColumnKind.Double, false),
            new("annual_sales", ColumnKind.Double, false),
        };
        foreach (var extra in extraStringColumns)
        {
            if (columns.FindIndex(c => c.Name == extra) < 0)
            {
                // Names and other extra text: nearly all distinct, and never resolved by symbol.
                columns.Add(new ColumnSpec(extra, ColumnKind.String, false, DistinctValues: true));
            }
        }

        return new TableSchema(Customers, columns);
    }

    /// <summary>accounts columns.</summary>
    public static TableSchema AccountSchema { get; } = new(Accounts,
    [
        new("account_id", ColumnKind.String, true, DistinctValues: true),
        new("customer_id", ColumnKind.String, true),
        new("product_type", ColumnKind.String, true),
        new("currency", ColumnKind.String, false),
        new("average_balance", ColumnKind.Double, true),
        new("end_balance", ColumnKind.Double, true),
        new("limit_amount", ColumnKind.Double, false),
        new("client_rate", ColumnKind.Double, true),
        new("ftp_rate", ColumnKind.Double, false),
        new("open_date", ColumnKind.Date, true),
        new("maturity_date", ColumnKind.Date, false),
        new("lgd", ColumnKind.Double, false),
        new("days_past_due", ColumnKind.Int, false),
        new("interest_arrears", ColumnKind.Double, false),
        new("origination_pd", ColumnKind.Double, false),
        new("prior_average_balance", ColumnKind.Double, false),
    ]);

    /// <summary>fees columns.</summary>
    public static TableSchema FeeSchema { get; } = new(Fees,
    [
        new("customer_id", ColumnKind.String, true),
        new("fee_type", ColumnKind.String, true),
        new("amount", ColumnKind.Double, true),
        new("currency", ColumnKind.String, false),
        new("booking_date", ColumnKind.Date, true),
    ]);

    /// <summary>cross_sales columns.</summary>
    public static TableSchema CrossSaleSchema { get; } = new(CrossSales,
    [
        new("customer_id", ColumnKind.String, true),
        new("product_line", ColumnKind.String, true),
        new("units", ColumnKind.Int, false),
        new("revenue", ColumnKind.Double, false),
        new("currency", ColumnKind.String, false),
    ]);

    /// <summary>financials columns: the keys then the 13 statement items.</summary>
    public static TableSchema FinancialSchema { get; } = BuildFinancialSchema();

    private static TableSchema BuildFinancialSchema()
    {
        var columns = new List<ColumnSpec>
        {
            new("customer_id", ColumnKind.String, true),
            new("statement_date", ColumnKind.Date, true),
        };
        foreach (var item in FinancialTable.ItemColumns)
        {
            columns.Add(new ColumnSpec(item, ColumnKind.Double, false));
        }

        return new TableSchema(Financials, columns);
    }
}
