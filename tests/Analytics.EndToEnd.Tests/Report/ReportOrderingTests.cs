using Analytics.Core.EarlyWarning;
using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

/// <summary>
/// The report's fast rankings and histogram quartiles give exactly what the straightforward versions they replaced
/// gave: a comparison sort (value descending, ties by index) and quartiles read off a fully sorted copy.
/// </summary>
public sealed class ReportOrderingTests
{
    /// <summary>Values with duplicates, ±0, NaN and long equal runs, the cases where orderings can disagree.</summary>
    private static double[] Awkward(int seed, int n)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.Next(8) switch
            {
                0 => double.NaN,
                1 => 0.0,
                2 => -0.0,
                3 => random.Next(5),
                4 => -random.Next(5),
                _ => (random.NextDouble() - 0.4) * 1e6,
            };
        }

        return values;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 17)]
    [InlineData(4, 1000)]
    [InlineData(5, 20000)]
    public void Descending_order_equals_the_comparison_sort(int seed, int n)
    {
        var values = Awkward(seed, n);
        var expected = Enumerable.Range(0, n).ToArray();
        Array.Sort(expected, (a, b) =>
        {
            int c = values[b].CompareTo(values[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        Assert.Equal(expected, DescendingOrder.Of(values));
    }

    [Fact]
    public void Descending_order_by_hand()
    {
        // 3 first; the two 2s by index (1 before 3); −0 and +0 tie, so by index (2 before 4); NaN last.
        Assert.Equal([0, 1, 3, 2, 4, 5], DescendingOrder.Of([3, 2, -0.0, 2, 0.0, double.NaN]));
    }

    [Theory]
    [InlineData(11, 0)]
    [InlineData(12, 1)]
    [InlineData(13, 40)]
    [InlineData(14, 3000)]
    [InlineData(15, 20000)]
    public void Watch_list_order_equals_the_comparison_sort(int seed, int n)
    {
        var ead = Awkward(seed, n);
        var random = new Random(seed);
        var severity = new Severity[n];
        for (int i = 0; i < n; i++) severity[i] = (Severity)random.Next(4);

        // The comparison sort WatchList.Ordered used before: severity descending, EAD descending, then index.
        var expected = Enumerable.Range(0, n).Where(c => severity[c] >= Severity.Watch).ToArray();
        Array.Sort(expected, (a, b) =>
        {
            int bySeverity = severity[b].CompareTo(severity[a]);
            if (bySeverity != 0) return bySeverity;
            int byEad = ead[b].CompareTo(ead[a]);
            return byEad != 0 ? byEad : a.CompareTo(b);
        });
        Assert.Equal(expected, WatchList.Ordered(severity, ead));
    }

    [Fact]
    public void Watch_list_order_by_hand()
    {
        // Not flagged: 0 and 5. Critical first (4), then warning (1 and 3: EAD 7 before 2), then watch (2 and 6 tie on
        // EAD, −0 = +0, so by index).
        Severity[] severity = [Severity.None, Severity.Warning, Severity.Watch, Severity.Warning, Severity.Critical, Severity.None,
            Severity.Watch];
        double[] ead = [9, 2, -0.0, 7, 1, 100, 0.0];
        Assert.Equal([4, 3, 1, 2, 6], WatchList.Ordered(severity, ead));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 9)]
    [InlineData(4, 500)]
    [InlineData(5, 20000)]
    [InlineData(6, 40)]
    public void Bins_equal_those_from_a_fully_sorted_copy(int seed, int n)
    {
        var values = Awkward(seed, n);
        var actual = BinnedCounts.Of(values);
        var expected = SortedReference(values);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Below, actual.Below);
        Assert.Equal(expected.Above, actual.Above);
    }

    /// <summary>The implementation before selection replaced the sort, kept as the reference.</summary>
    private static BinnedCounts SortedReference(IReadOnlyList<double> values, int maxBins = 40)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToList();
        if (finite.Count == 0) return new BinnedCounts(0, 1, [], 0, 0);
        finite.Sort();
        double Percentile(double p) => finite[Math.Clamp((int)Math.Ceiling(p * finite.Count) - 1, 0, finite.Count - 1)];
        double q1 = Percentile(0.25), q3 = Percentile(0.75), iqr = q3 - q1;
        double low = finite[0], high = finite[^1];
        if (iqr > 0)
        {
            low = finite.First(v => v >= q1 - 3 * iqr);
            high = finite.Last(v => v <= q3 + 3 * iqr);
        }

        if (!(high > low)) return new BinnedCounts(low - 0.5, 1, [finite.Count], 0, 0);
        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(finite.Count)), 1, maxBins);
        double width = (high - low) / bins;
        var counts = new int[bins];
        int below = 0, above = 0;
        foreach (double v in finite)
        {
            if (v < low) below++;
            if (v > high) above++;
            counts[Math.Clamp((int)Math.Floor((v - low) / width), 0, bins - 1)]++;
        }

        return new BinnedCounts(low, width, counts, below, above);
    }
}
