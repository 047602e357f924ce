using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Analytics.Core.Segmentation;

/// <summary>
/// The customers k-means trains on (docs/SEGMENTATION.md, "Behaviour clusters"): the <c>sample_size</c> customers
/// with the smallest <see cref="Key"/>, ties by customer_id (ordinal), or every customer when there are fewer. The
/// key depends on the id alone, so the sample does not depend on row order, part files, threads or machines: a
/// distributed run can take each partition's own smallest keys and keep the smallest of those.
/// </summary>
internal static class TrainingSample
{
    /// <summary>XxHash64 (seed 0) of the UTF-8 bytes of <paramref name="customerId"/>, as an unsigned 64-bit integer.</summary>
    public static ulong Key(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        int max = Encoding.UTF8.GetMaxByteCount(customerId.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = Encoding.UTF8.GetBytes(customerId, buffer);
            return XxHash64.HashToUInt64(buffer[..length], seed: 0);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Orders customers for the sample: smaller key first, equal keys by customer_id (ordinal).</summary>
    public static int Compare(ulong keyA, string idA, ulong keyB, string idB)
    {
        int byKey = keyA.CompareTo(keyB);
        return byKey != 0 ? byKey : string.CompareOrdinal(idA, idB);
    }

    /// <summary>
    /// Positions in <paramref name="ids"/> of the training sample, in ordinal customer_id order (the order the rows
    /// are given to k-means, so that it too is independent of how the customers arrived).
    /// </summary>
    public static int[] Select(IReadOnlyList<string> ids, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        int n = ids.Count;
        int[] chosen;
        if (n <= sampleSize)
        {
            chosen = new int[n];
            for (int i = 0; i < n; i++)
            {
                chosen[i] = i;
            }
        }
        else
        {
            chosen = SmallestKeys(ids, sampleSize);
        }

        // Customer tables are already in ordinal id order, so the chosen positions, taken in index order, usually are
        // too: one pass proves it. Other callers get the sort.
        if (!InOrdinalOrder(ids, chosen))
        {
            Array.Sort(chosen, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
        }

        return chosen;
    }

    /// <summary>
    /// Positions, in index order, of the <paramref name="size"/> customers with the smallest (<paramref name="keys"/>, id)
    /// (<see cref="Compare"/>); <paramref name="keys"/> holds every customer's <see cref="Key"/>. Why not a heap: this
    /// is a selection of the size-th smallest key and one pass, with no per-customer comparison of ids and no generic
    /// collection code, which a ReadyToRun publish would run unoptimised at first use.
    /// </summary>
    internal static int[] Smallest(ReadOnlySpan<ulong> keys, IReadOnlyList<string> ids, int size)
    {
        int n = keys.Length;
        if (n <= size)
        {
            var all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }

        ulong threshold = NthSmallest(keys.ToArray(), size - 1);
        int below = 0, tied = 0;
        foreach (ulong key in keys)
        {
            if (key < threshold) below++;
            else if (key == threshold) tied++;
        }

        // Keys equal to the size-th smallest (almost always that one customer alone): the smallest ids among them fill
        // the sample.
        int fromTied = size - below;
        HashSet<int>? tiedKept = null;
        if (tied > fromTied)
        {
            var candidates = new int[tied];
            int t = 0;
            for (int i = 0; i < n; i++)
            {
                if (keys[i] == threshold) candidates[t++] = i;
            }

            Array.Sort(candidates, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
            tiedKept = [.. candidates.AsSpan(0, fromTied)];
        }

        var chosen = new int[size];
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            ulong key = keys[i];
            if (key < threshold || (key == threshold && (tiedKept is null || tiedKept.Contains(i))))
            {
                chosen[next++] = i;
            }
        }

        return chosen;
    }

    private static int[] SmallestKeys(IReadOnlyList<string> ids, int size)
    {
        var keys = new ulong[ids.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(ids[i]);
        }

        return Smallest(keys, ids, size);
    }

    /// <summary>The <paramref name="k"/>-th smallest value (from 0) of <paramref name="values"/>, reordering them (quickselect).</summary>
    private static ulong NthSmallest(ulong[] values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            ulong a = values[lo], b = values[lo + ((hi - lo) >> 1)], c = values[hi];
            ulong pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // lo..j hold values ≤ pivot, i..hi values ≥ pivot, and anything between them equals the pivot.
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }

        return values[k];
    }

    private static bool InOrdinalOrder(IReadOnlyList<string> ids, int[] positions)
    {
        for (int k = 1; k < positions.Length; k++)
        {
            if (string.CompareOrdinal(ids[positions[k - 1]], ids[positions[k]]) >= 0) return false;
        }

        return true;
    }
}
