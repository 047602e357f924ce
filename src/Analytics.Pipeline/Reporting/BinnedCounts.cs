namespace Analytics.Pipeline.Reporting;

/// <summary>
/// Equal-width histogram bins of a distribution. The range runs between Tukey's far fences — the smallest and largest
/// values within [Q1 − 3·IQR, Q3 + 3·IQR] (quartiles by nearest rank) — so a few extreme customers (a RAROC of −15,000 %
/// on a tiny capital) do not squash the rest into one bar; values outside are counted in the end bins and reported
/// separately (<see cref="Below"/>, <see cref="Above"/>), so the bars still add up to every customer.
/// </summary>
/// <param name="Start">Left edge of the first bin.</param>
/// <param name="Width">Bin width (1 when every value is equal).</param>
/// <param name="Counts">Customers per bin, end bins including the clamped values.</param>
/// <param name="Below">Values below <paramref name="Start"/>, counted in the first bin.</param>
/// <param name="Above">Values above the last edge, counted in the last bin.</param>
internal sealed record BinnedCounts(double Start, double Width, int[] Counts, int Below, int Above)
{
    /// <summary>Total count (every value given).</summary>
    public int Total
    {
        get
        {
            int sum = 0;
            foreach (int c in Counts) sum += c;
            return sum;
        }
    }

    /// <summary>Bins <paramref name="values"/>, skipping NaN (a null figure); at most <paramref name="maxBins"/> bins.</summary>
    public static BinnedCounts Of(IReadOnlyList<double> values, int maxBins = 40)
    {
        var finite = new List<double>(values.Count);
        foreach (double v in values)
        {
            if (!double.IsNaN(v)) finite.Add(v);
        }

        if (finite.Count == 0)
        {
            return new BinnedCounts(0, 1, [], 0, 0);
        }

        finite.Sort();
        double q1 = Percentile(finite, 0.25), q3 = Percentile(finite, 0.75), iqr = q3 - q1;
        double low = finite[0], high = finite[^1];
        if (iqr > 0)
        {
            // Pull each end in to the last value inside its fence (never past the quartile itself).
            foreach (double v in finite)
            {
                if (v >= q1 - 3 * iqr) { low = v; break; }
            }

            for (int i = finite.Count - 1; i >= 0; i--)
            {
                if (finite[i] <= q3 + 3 * iqr) { high = finite[i]; break; }
            }
        }

        if (!(high > low))
        {
            return new BinnedCounts(low - 0.5, 1, [finite.Count], 0, 0);
        }

        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(finite.Count)), 1, maxBins);
        double width = (high - low) / bins;
        var counts = new int[bins];
        int below = 0, above = 0;
        foreach (double v in finite)
        {
            if (v < low) below++;
            if (v > high) above++;
            int b = (int)Math.Floor((v - low) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return new BinnedCounts(low, width, counts, below, above);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
