using Analytics.Core.Numerics;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// Indices ordered by value, largest first, ties by index, NaN last: the order of a comparison sort with
/// <c>values[b].CompareTo(values[a])</c> then <c>a.CompareTo(b)</c>, computed by a stable radix sort of 64-bit keys
/// instead (200,000 customers: a few milliseconds rather than ≈ 90 ms of delegate comparisons).
/// </summary>
internal static class DescendingOrder
{
    public static int[] Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var keys = new ulong[n];
        var order = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            if (double.IsNaN(v))
            {
                continue;
            }

            // −0 and +0 are equal under CompareTo, so they get one key and keep index order.
            keys[m] = ~KeySort.Ascending(v);
            order[m++] = i;
        }

        KeySort.RadixSort(keys.AsSpan(0, m), order.AsSpan(0, m));

        // NaN is the smallest value under CompareTo, so it ranks last, in index order.
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                order[m++] = i;
            }
        }

        return order;
    }
}
