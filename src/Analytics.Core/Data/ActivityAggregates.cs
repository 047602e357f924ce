namespace Analytics.Core.Data;

/// <summary>
/// Per-customer aggregates of the high-volume tables (fees, cross-sales), built by streaming and merged
/// exactly, so that row order, part split and thread count change nothing. Arrays are indexed by dense
/// customer index.
/// </summary>
public sealed class ActivityAggregates
{
    /// <summary>Creates zeroed aggregates for <paramref name="customerCount"/> customers.</summary>
    public ActivityAggregates(int customerCount)
    {
        FeeIncome = new Numerics.Fixed128[customerCount];
        FeeRows = new long[customerCount];
        FeeTypesHeld = new int[customerCount];
        CrossSellRevenue = new Numerics.Fixed128[customerCount];
        CrossSellUnits = new long[customerCount];
        ProductLinesHeld = new int[customerCount];
    }

    /// <summary>Σ fx(amount) of accepted in-period fee rows, in <see cref="Numerics.ExactSum"/> fixed point.</summary>
    public Numerics.Fixed128[] FeeIncome { get; }

    /// <summary>Count of accepted in-period fee rows.</summary>
    public long[] FeeRows { get; }

    /// <summary>Distinct fee_type values with at least one accepted in-period row.</summary>
    public int[] FeeTypesHeld { get; }

    /// <summary>Σ fx(revenue) of accepted cross-sale rows, fixed point.</summary>
    public Numerics.Fixed128[] CrossSellRevenue { get; }

    /// <summary>Σ units of accepted cross-sale rows.</summary>
    public long[] CrossSellUnits { get; }

    /// <summary>Distinct product_line values with units &gt; 0 (summed over the customer's rows of that line).</summary>
    public int[] ProductLinesHeld { get; }

    /// <summary>Number of customers.</summary>
    public int Count => FeeRows.Length;

    /// <summary>Adds one worker's fee sums of customer <paramref name="customer"/> (exact, so merge order changes nothing).</summary>
    public void AddFees(int customer, in FeeSums sums)
    {
        FeeIncome[customer] = Numerics.ExactSum.Add(FeeIncome[customer], sums.Income);
        FeeRows[customer] += sums.Rows;
    }

    /// <summary>Adds one worker's cross-sale sums of customer <paramref name="customer"/>.</summary>
    public void AddCrossSales(int customer, in CrossSaleSums sums)
    {
        CrossSellRevenue[customer] = Numerics.ExactSum.Add(CrossSellRevenue[customer], sums.Revenue);
        CrossSellUnits[customer] += sums.Units;
    }
}
