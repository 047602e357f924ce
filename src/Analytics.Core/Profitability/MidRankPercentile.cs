using Analytics.Core.Numerics;

namespace Analytics.Core.Profitability;

/// <summary>
/// Mid-rank percentile of docs/METHODOLOGY.md §3.11: <c>(#{x_j &lt; x_i} + 0.5·(#{x_j = x_i} − 1)) / (N − 1)</c>, 0.5 when N = 1.
/// Tied values share one percentile, so the result does not depend on input order.
/// </summary>
internal static class MidRankPercentile
{
    /// <summary>
    /// Writes the percentile of each of <paramref name="values"/> into <paramref name="percentiles"/> (same length),
    /// in O(N log N). Values must not be NaN. −0 and +0 are equal.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a value is NaN.</exception>
    public static void Compute(ReadOnlySpan<double> values, Span<double> percentiles)
    {
        int n = values.Length;
        if (percentiles.Length != n)
        {
            throw new ArgumentException("The percentile span must have the same length as the values.", nameof(percentiles));
        }

        if (n == 0)
        {
            return;
        }

        if (n == 1)
        {
            percentiles[0] = 0.5;
            return;
        }

        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                // NaN has no rank; a silent order would make scores depend on where NaN sorts.
                throw new ArgumentException($"Value {i} is NaN and has no percentile.", nameof(values));
            }

            keys[i] = v;
            order[i] = i;
        }

        // The order within a tie group does not matter: every member receives the same percentile.
        KeySort.Sort(keys, order);
        double denominator = n - 1;
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            // start = #{x_j < x_i}; end − start = #{x_j = x_i}.
            double pct = (start + 0.5 * (end - start - 1)) / denominator;
            for (int k = start; k < end; k++)
            {
                percentiles[order[k]] = pct;
            }

            start = end;
        }
    }
}
