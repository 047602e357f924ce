using Analytics.Core.Data;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// The five input tables of docs/METHODOLOGY.md §1 and the columns the engine reads from each. Each column is named once,
/// with its position (<see cref="AccountColumn"/> and its siblings below); loaders address cells by those names.
/// </summary>
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
        var columns = new List<ColumnSpec>(Placed(CustomerColumn.Count,
            (CustomerColumn.CustomerId, new("customer_id", ColumnKind.String, true, DistinctValues: true)),
            (CustomerColumn.Industry, new("industry", ColumnKind.String, false)),
            (CustomerColumn.Region, new("region", ColumnKind.String, false)),
            (CustomerColumn.RmId, new("rm_id", ColumnKind.String, false)),
            (CustomerColumn.Rating, new("rating", ColumnKind.String, false)),
            (CustomerColumn.Pd, new("pd", ColumnKind.Double, false)),
            (CustomerColumn.AnnualSales, new("annual_sales", ColumnKind.Double, false))));
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
    public static TableSchema AccountSchema { get; } = new(Accounts, Placed(AccountColumn.Count,
        (AccountColumn.AccountId, new("account_id", ColumnKind.String, true, DistinctValues: true)),
        (AccountColumn.CustomerId, new("customer_id", ColumnKind.String, true, CustomerKey: true)),
        (AccountColumn.ProductType, new("product_type", ColumnKind.String, true)),
        (AccountColumn.Currency, new("currency", ColumnKind.String, false)),
        (AccountColumn.AverageBalance, new("average_balance", ColumnKind.Double, true)),
        (AccountColumn.EndBalance, new("end_balance", ColumnKind.Double, true)),
        (AccountColumn.LimitAmount, new("limit_amount", ColumnKind.Double, false)),
        (AccountColumn.ClientRate, new("client_rate", ColumnKind.Double, true)),
        (AccountColumn.FtpRate, new("ftp_rate", ColumnKind.Double, false)),
        (AccountColumn.OpenDate, new("open_date", ColumnKind.Date, true)),
        (AccountColumn.MaturityDate, new("maturity_date", ColumnKind.Date, false)),
        (AccountColumn.Lgd, new("lgd", ColumnKind.Double, false)),
        (AccountColumn.DaysPastDue, new("days_past_due", ColumnKind.Int, false)),
        (AccountColumn.InterestArrears, new("interest_arrears", ColumnKind.Double, false)),
        (AccountColumn.OriginationPd, new("origination_pd", ColumnKind.Double, false)),
        (AccountColumn.PriorAverageBalance, new("prior_average_balance", ColumnKind.Double, false))));

    /// <summary>fees columns.</summary>
    public static TableSchema FeeSchema { get; } = new(Fees, Placed(FeeColumn.Count,
        (FeeColumn.CustomerId, new("customer_id", ColumnKind.String, true, CustomerKey: true)),
        (FeeColumn.FeeType, new("fee_type", ColumnKind.String, true)),
        (FeeColumn.Amount, new("amount", ColumnKind.Double, true)),
        (FeeColumn.Currency, new("currency", ColumnKind.String, false)),
        (FeeColumn.BookingDate, new("booking_date", ColumnKind.Date, true))));

    /// <summary>cross_sales columns.</summary>
    public static TableSchema CrossSaleSchema { get; } = new(CrossSales, Placed(CrossSaleColumn.Count,
        (CrossSaleColumn.CustomerId, new("customer_id", ColumnKind.String, true, CustomerKey: true)),
        (CrossSaleColumn.ProductLine, new("product_line", ColumnKind.String, true)),
        (CrossSaleColumn.Units, new("units", ColumnKind.Int, false)),
        (CrossSaleColumn.Revenue, new("revenue", ColumnKind.Double, false)),
        (CrossSaleColumn.Currency, new("currency", ColumnKind.String, false))));

    /// <summary>financials columns: the keys then the 13 statement items.</summary>
    public static TableSchema FinancialSchema { get; } = BuildFinancialSchema();

    private static TableSchema BuildFinancialSchema()
    {
        var columns = new List<ColumnSpec>(Placed(FinancialColumn.FirstItem,
            (FinancialColumn.CustomerId, new("customer_id", ColumnKind.String, true, CustomerKey: true)),
            (FinancialColumn.StatementDate, new("statement_date", ColumnKind.Date, true))));
        foreach (var item in FinancialTable.ItemColumns)
        {
            columns.Add(new ColumnSpec(item, ColumnKind.Double, false));
        }

        return new TableSchema(Financials, columns);
    }

    /// <summary>
    /// The columns in position order, each placed at its named position, so a column's name and position are written
    /// on one line; a position used twice or left empty is a programming error.
    /// </summary>
    private static ColumnSpec[] Placed(int count, params (int At, ColumnSpec Spec)[] columns)
    {
        var placed = new ColumnSpec[count];
        foreach (var (at, spec) in columns)
        {
            if (placed[at] is not null)
            {
                throw new InvalidOperationException($"Column position {at} is given to both {placed[at].Name} and {spec.Name}.");
            }

            placed[at] = spec;
        }

        for (int i = 0; i < count; i++)
        {
            if (placed[i] is null)
            {
                throw new InvalidOperationException($"Column position {i} of {count} has no column.");
            }
        }

        return placed;
    }
}

/// <summary>Positions of the customers columns in <see cref="InputTables.CustomerSchema"/>; requested extra columns follow.</summary>
public static class CustomerColumn
{
    /// <summary>customer_id.</summary>
    public const int CustomerId = 0;
    /// <summary>industry.</summary>
    public const int Industry = 1;
    /// <summary>region.</summary>
    public const int Region = 2;
    /// <summary>rm_id.</summary>
    public const int RmId = 3;
    /// <summary>rating.</summary>
    public const int Rating = 4;
    /// <summary>pd.</summary>
    public const int Pd = 5;
    /// <summary>annual_sales.</summary>
    public const int AnnualSales = 6;
    /// <summary>Number of fixed columns; extra columns start here.</summary>
    public const int Count = 7;
}

/// <summary>Positions of the accounts columns in <see cref="InputTables.AccountSchema"/>.</summary>
public static class AccountColumn
{
    /// <summary>account_id.</summary>
    public const int AccountId = 0;
    /// <summary>customer_id.</summary>
    public const int CustomerId = 1;
    /// <summary>product_type.</summary>
    public const int ProductType = 2;
    /// <summary>currency.</summary>
    public const int Currency = 3;
    /// <summary>average_balance.</summary>
    public const int AverageBalance = 4;
    /// <summary>end_balance.</summary>
    public const int EndBalance = 5;
    /// <summary>limit_amount.</summary>
    public const int LimitAmount = 6;
    /// <summary>client_rate.</summary>
    public const int ClientRate = 7;
    /// <summary>ftp_rate.</summary>
    public const int FtpRate = 8;
    /// <summary>open_date.</summary>
    public const int OpenDate = 9;
    /// <summary>maturity_date.</summary>
    public const int MaturityDate = 10;
    /// <summary>lgd.</summary>
    public const int Lgd = 11;
    /// <summary>days_past_due.</summary>
    public const int DaysPastDue = 12;
    /// <summary>interest_arrears.</summary>
    public const int InterestArrears = 13;
    /// <summary>origination_pd.</summary>
    public const int OriginationPd = 14;
    /// <summary>prior_average_balance.</summary>
    public const int PriorAverageBalance = 15;
    /// <summary>Number of columns.</summary>
    public const int Count = 16;
}

/// <summary>Positions of the fees columns in <see cref="InputTables.FeeSchema"/>.</summary>
public static class FeeColumn
{
    /// <summary>customer_id.</summary>
    public const int CustomerId = 0;
    /// <summary>fee_type.</summary>
    public const int FeeType = 1;
    /// <summary>amount.</summary>
    public const int Amount = 2;
    /// <summary>currency.</summary>
    public const int Currency = 3;
    /// <summary>booking_date.</summary>
    public const int BookingDate = 4;
    /// <summary>Number of columns.</summary>
    public const int Count = 5;
}

/// <summary>Positions of the cross_sales columns in <see cref="InputTables.CrossSaleSchema"/>.</summary>
public static class CrossSaleColumn
{
    /// <summary>customer_id.</summary>
    public const int CustomerId = 0;
    /// <summary>product_line.</summary>
    public const int ProductLine = 1;
    /// <summary>units.</summary>
    public const int Units = 2;
    /// <summary>revenue.</summary>
    public const int Revenue = 3;
    /// <summary>currency.</summary>
    public const int Currency = 4;
    /// <summary>Number of columns.</summary>
    public const int Count = 5;
}

/// <summary>Positions of the financials columns in <see cref="InputTables.FinancialSchema"/>.</summary>
public static class FinancialColumn
{
    /// <summary>customer_id.</summary>
    public const int CustomerId = 0;
    /// <summary>statement_date.</summary>
    public const int StatementDate = 1;
    /// <summary>The first statement item; item k of <see cref="FinancialTable.ItemColumns"/> is at FirstItem + k.</summary>
    public const int FirstItem = 2;
}
