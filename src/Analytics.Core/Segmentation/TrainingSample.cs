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

        // Customer tables are already in ordinal id order, so this sort only confirms it; other callers get it done.
        Array.Sort(chosen, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
        return chosen;
    }

    /// <summary>The <paramref name="size"/> smallest (key, id), kept in a max-heap so most customers cost one comparison.</summary>
    private static int[] SmallestKeys(IReadOnlyList<string> ids, int size)
    {
        var heap = new PriorityQueue<int, (ulong Key, string Id)>(size, Largest.Instance);
        for (int i = 0; i < ids.Count; i++)
        {
            string id = ids[i];
            ulong key = Key(id);
            if (heap.Count < size)
            {
                heap.Enqueue(i, (key, id));
            }
            else if (heap.TryPeek(out _, out var largest) && Compare(key, id, largest.Key, largest.Id) < 0)
            {
                heap.DequeueEnqueue(i, (key, id));
            }
        }

        var chosen = new int[heap.Count];
        int next = 0;
        foreach (var (index, _) in heap.UnorderedItems)
        {
            chosen[next++] = index;
        }

        return chosen;
    }

    /// <summary>Reverses <see cref="Compare"/> so that <see cref="PriorityQueue{TElement, TPriority}"/> keeps the largest on top.</summary>
    private sealed class Largest : IComparer<(ulong Key, string Id)>
    {
        public static readonly Largest Instance = new();

        public int Compare((ulong Key, string Id) x, (ulong Key, string Id) y)
            => TrainingSample.Compare(y.Key, y.Id, x.Key, x.Id);
    }
}
