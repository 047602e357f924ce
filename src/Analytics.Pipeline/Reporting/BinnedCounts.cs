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
        var finite = new double[values.Count];
        int n = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < finite.Length; i++)
        {
            double v = values[i];
            if (double.IsNaN(v)) continue;
            finite[n++] = v;
            if (v < min) min = v;
            if (v > max) max = v;
        }

        if (n == 0)
        {
            return new BinnedCounts(0, 1, [], 0, 0);
        }

        // Quartiles by selection rather than a full sort: only two order statistics are needed.
        var scratch = finite.AsSpan(0, n).ToArray();
        int k1 = NearestRank(n, 0.25), k3 = NearestRank(n, 0.75);
        double q1 = Select(scratch, 0, k1), q3 = Select(scratch, k1, k3), iqr = q3 - q1;
        double low = min, high = max;
        if (iqr > 0)
        {
            // Pull each end in to the last value inside its fence (never past the quartile itself).
            double lowFence = q1 - 3 * iqr, highFence = q3 + 3 * iqr;
            low = double.PositiveInfinity;
            high = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double v = finite[i];
                if (v >= lowFence && v < low) low = v;
                if (v <= highFence && v > high) high = v;
            }
        }

        if (!(high > low))
        {
            return new BinnedCounts(low - 0.5, 1, [n], 0, 0);
        }

        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(n)), 1, maxBins);
        double width = (high - low) / bins;
        var counts = new int[bins];
        int below = 0, above = 0;
        for (int i = 0; i < n; i++)
        {
            double v = finite[i];
            if (v < low) below++;
            if (v > high) above++;
            int b = (int)Math.Floor((v - low) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return new BinnedCounts(low, width, counts, below, above);
    }

    /// <summary>Zero-based index of the nearest-rank percentile <paramref name="p"/> among <paramref name="n"/> sorted values.</summary>
    private static int NearestRank(int n, double p) => Math.Clamp((int)Math.Ceiling(p * n) - 1, 0, n - 1);

    /// <summary>
    /// The value that would sit at index <paramref name="k"/> if <paramref name="a"/> were sorted, given that
    /// a[0..<paramref name="from"/>) already holds the smallest values; partitions <paramref name="a"/> in place
    /// (three-way, so runs of equal values cost nothing).
    /// </summary>
    private static double Select(double[] a, int from, int k)
    {
        int lo = from, hi = a.Length - 1;
        while (lo < hi)
        {
            double x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi];
            double pivot = Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                double v = a[i];
                if (v < pivot)
                {
                    a[i] = a[lt];
                    a[lt] = v;
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    a[i] = a[gt];
                    a[gt] = v;
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return a[k];
        }

        return a[k];
    }
}
