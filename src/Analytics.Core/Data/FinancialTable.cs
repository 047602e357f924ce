namespace Analytics.Core.Data;

/// <summary>The optional statement values of the <c>financials</c> table, in input column order.</summary>
public enum FinancialItem
{
    /// <summary>revenue.</summary>
    Revenue,
    /// <summary>ebitda.</summary>
    Ebitda,
    /// <summary>ebit.</summary>
    Ebit,
    /// <summary>interest_expense.</summary>
    InterestExpense,
    /// <summary>debt_service: principal and interest due in the next 12 months.</summary>
    DebtService,
    /// <summary>total_debt.</summary>
    TotalDebt,
    /// <summary>current_assets.</summary>
    CurrentAssets,
    /// <summary>current_liabilities.</summary>
    CurrentLiabilities,
    /// <summary>total_assets.</summary>
    TotalAssets,
    /// <summary>total_liabilities.</summary>
    TotalLiabilities,
    /// <summary>retained_earnings.</summary>
    RetainedEarnings,
    /// <summary>equity.</summary>
    Equity,
    /// <summary>operating_cash_flow.</summary>
    OperatingCashFlow,
}

/// <summary>
/// Accepted statements dated on or before <c>as_of</c>, sorted by (customer index, statement_date).
/// Values are as reported (statements carry no currency); null is NaN.
/// </summary>
public sealed class FinancialTable
{
    /// <summary>Number of <see cref="FinancialItem"/> values.</summary>
    public const int ItemCount = 13;

    /// <summary>Input column names of the items, indexed by <see cref="FinancialItem"/>.</summary>
    public static readonly string[] ItemColumns =
    [
        "revenue", "ebitda", "ebit", "interest_expense", "debt_service", "total_debt", "current_assets",
        "current_liabilities", "total_assets", "total_liabilities", "retained_earnings", "equity", "operating_cash_flow",
    ];

    /// <summary>Dense customer index (non-decreasing).</summary>
    public required int[] Customer { get; init; }

    /// <summary>statement_date as day number (increasing within a customer).</summary>
    public required int[] StatementDate { get; init; }

    /// <summary>One column per <see cref="FinancialItem"/>; NaN when null.</summary>
    public required double[][] Items { get; init; }

    /// <summary>CSR offsets per customer, length customer count + 1.</summary>
    public required int[] CustomerStart { get; init; }

    /// <summary>A table of no statements for <paramref name="customerCount"/> customers.</summary>
    public static FinancialTable Without(int customerCount)
    {
        var items = new double[ItemCount][];
        for (int k = 0; k < ItemCount; k++)
        {
            items[k] = [];
        }

        return new FinancialTable { Customer = [], StatementDate = [], Items = items, CustomerStart = new int[customerCount + 1] };
    }

    /// <summary>Number of statements.</summary>
    public int Count => Customer.Length;

    /// <summary>The value of <paramref name="item"/> in statement <paramref name="row"/> (NaN when null).</summary>
    public double Get(int row, FinancialItem item) => Items[(int)item][row];
}
