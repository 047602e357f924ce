namespace Analytics.Cluster.Tests;

/// <summary>
/// Partitions own customer_id ranges (docs/SCALE_OUT.md, "Design"): boundaries from the gathered sample, routing by
/// ordinal comparison, so partitions in index order hold the customers in the contract's order.
/// </summary>
public sealed class CustomerRangeTests
{
    [Fact]
    public void Boundaries_are_the_sorted_distinct_sample_at_positions_i_m_over_P()
    {
        // Distinct sorted sample: a b c d e f g h (m = 8); P = 4 → positions ⌊8/4⌋ = 2, ⌊16/4⌋ = 4, ⌊24/4⌋ = 6 → c, e, g.
        string[] sample = ["h", "b", "a", "g", "c", "e", "d", "f", "c", "a"];
        Assert.Equal(["c", "e", "g"], Steps.Boundaries(sample, 4));
        Assert.Empty(Steps.Boundaries(sample, 1));
        Assert.Empty(Steps.Boundaries([], 5));
    }

    [Fact]
    public void An_id_goes_to_the_range_whose_lower_boundary_it_reaches()
    {
        string[] boundaries = ["c", "e", "g"];
        Assert.Equal(0, Steps.RangeOf("a", boundaries));
        Assert.Equal(0, Steps.RangeOf("bz", boundaries));
        Assert.Equal(1, Steps.RangeOf("c", boundaries));
        Assert.Equal(1, Steps.RangeOf("d", boundaries));
        Assert.Equal(2, Steps.RangeOf("e", boundaries));
        Assert.Equal(3, Steps.RangeOf("g", boundaries));
        Assert.Equal(3, Steps.RangeOf("zzz", boundaries));
        Assert.Equal(0, Steps.RangeOf(null, boundaries));
        // Ordinal, not culture: "Z" (0x5A) sorts before "a" (0x61), so before every boundary.
        Assert.Equal(0, Steps.RangeOf("Z", boundaries));
    }

    [Fact]
    public void Equal_boundaries_leave_empty_ranges_and_ranges_follow_ordinal_order()
    {
        // More partitions than distinct ids: repeated boundaries, some ranges empty, none out of order.
        string[] boundaries = Steps.Boundaries(["x", "y"], 5);
        Assert.Equal(4, boundaries.Length);
        var ids = new[] { "a", "x", "xa", "y", "z" };
        int previous = 0;
        foreach (var id in ids)
        {
            int range = Steps.RangeOf(id, boundaries);
            Assert.InRange(range, previous, 4);
            previous = range;
        }
    }

    [Fact]
    public void Ranges_concatenate_in_customer_id_order_for_any_partition_count()
    {
        // Property: for any P, sorting ids by (range, ordinal id) equals sorting them ordinally.
        var random = new Random(11);
        var ids = new string[500];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "C" + random.Next(0, 100_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        }

        var ordinal = ids.Order(StringComparer.Ordinal).ToArray();
        foreach (int partitions in new[] { 1, 2, 7, 64, 1000 })
        {
            var boundaries = Steps.Boundaries(ids.Take(60), partitions);
            var byRange = ids.OrderBy(id => Steps.RangeOf(id, boundaries)).ThenBy(id => id, StringComparer.Ordinal).ToArray();
            Assert.Equal(ordinal, byRange);
        }
    }

    [Fact]
    public void The_sample_per_split_depends_on_P_alone()
    {
        Assert.Equal(64, Steps.SamplePerSplit(1));
        Assert.Equal(112, Steps.SamplePerSplit(7));
        Assert.Equal(100_000, Steps.SamplePerSplit(1_000_000));
    }
}
