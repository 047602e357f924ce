namespace Analytics.Core.Data;

/// <summary>
/// Accepted customers, one entry per customer, in ordinal order of <see cref="Ids"/>; the position is the
/// dense customer index every other table refers to. Confidential columns (names) are not held here.
/// </summary>
public sealed class CustomerTable
{
    /// <summary>customer_id, sorted ordinally, unique.</summary>
    public required string[] Ids { get; init; }

    /// <summary>industry, <c>UNKNOWN</c> when null.</summary>
    public required string[] Industry { get; init; }

    /// <summary>region, <c>UNKNOWN</c> when null.</summary>
    public required string[] Region { get; init; }

    /// <summary>rm_id, <c>UNKNOWN</c> when null.</summary>
    public required string[] RmId { get; init; }

    /// <summary>rating, <c>UNKNOWN</c> when null.</summary>
    public required string[] Rating { get; init; }

    /// <summary>pd with null replaced by <c>risk.pd_default</c>; not yet floored.</summary>
    public required double[] Pd { get; init; }

    /// <summary>annual_sales in millions of EUR; NaN when null.</summary>
    public required double[] AnnualSales { get; init; }

    /// <summary>Number of customers.</summary>
    public int Count => Ids.Length;

    /// <summary>An empty table.</summary>
    public static CustomerTable Empty { get; } = new()
    {
        Ids = [], Industry = [], Region = [], RmId = [], Rating = [], Pd = [], AnnualSales = [],
    };
}
