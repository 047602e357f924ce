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
            long bits = BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);
            ulong ascending = bits < 0 ? ~(ulong)bits : (ulong)bits | 0x8000_0000_0000_0000UL;
            keys[m] = ~ascending;
            order[m++] = i;
        }

        RadixSort(keys.AsSpan(0, m), order.AsSpan(0, m));

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

    /// <summary>Least-significant-byte-first radix sort; stable, so equal keys keep their (index) order.</summary>
    private static void RadixSort(Span<ulong> keys, Span<int> items)
    {
        int n = keys.Length;
        var keyBuffer = new ulong[n];
        var itemBuffer = new int[n];
        Span<ulong> sourceKeys = keys, targetKeys = keyBuffer;
        Span<int> sourceItems = items, targetItems = itemBuffer;
        Span<int> counts = stackalloc int[256];
        for (int shift = 0; shift < 64; shift += 8)
        {
            counts.Clear();
            for (int i = 0; i < n; i++)
            {
                counts[(int)(sourceKeys[i] >> shift) & 0xFF]++;
            }

            // A byte that every key shares orders nothing.
            if (n == 0 || counts[(int)(sourceKeys[0] >> shift) & 0xFF] == n)
            {
                continue;
            }

            int sum = 0;
            for (int b = 0; b < 256; b++)
            {
                (counts[b], sum) = (sum, sum + counts[b]);
            }

            for (int i = 0; i < n; i++)
            {
                int slot = counts[(int)(sourceKeys[i] >> shift) & 0xFF]++;
                targetKeys[slot] = sourceKeys[i];
                targetItems[slot] = sourceItems[i];
            }

            var k = sourceKeys;
            sourceKeys = targetKeys;
            targetKeys = k;
            var t = sourceItems;
            sourceItems = targetItems;
            targetItems = t;
        }

        if (sourceItems != items)
        {
            sourceItems.CopyTo(items);
        }
    }
}
