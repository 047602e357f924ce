using System.Numerics;

namespace Analytics.IO.Validation;

/// <summary>
/// Distinct small categories (fee types, product lines) per customer. The first 64 categories seen live in a
/// bit mask per customer; rarer ones beyond that fall back to a set of (customer, category) pairs, so memory
/// grows with customers, not rows.
/// </summary>
/// <remarks>
/// A parallel scan gives each worker its own <see cref="CategoryNumbers"/>, its own masks (kept next to its other
/// per-customer sums) and its own overflow pairs; <see cref="AddMask"/> and <see cref="Add(int, int)"/> fold them in
/// here through a map from the worker's numbers to this instance's. Union is order-free, so the merged counts do
/// not depend on how rows were split between workers.
/// </remarks>
internal sealed class DistinctPerCustomer(int customerCount)
{
    private readonly CategoryNumbers _numbers = new();
    private readonly ulong[] _masks = new ulong[customerCount];
    private readonly HashSet<long> _overflow = [];

    /// <summary>Marks <paramref name="category"/> as held by <paramref name="customer"/>.</summary>
    public void Add(int customer, string category) => Add(customer, _numbers.IdOf(category));

    /// <summary>Marks this instance's category number <paramref name="id"/> as held by <paramref name="customer"/>.</summary>
    public void Add(int customer, int id)
    {
        if (id < 64)
        {
            _masks[customer] |= 1UL << id;
        }
        else
        {
            _overflow.Add(OverflowKey(customer, id));
        }
    }

    /// <summary>Packs a (customer, category number ≥ 64) pair.</summary>
    public static long OverflowKey(int customer, int id) => ((long)customer << 32) | (uint)id;

    /// <summary>Unpacks <see cref="OverflowKey"/>.</summary>
    public static (int Customer, int Id) FromOverflowKey(long key) => ((int)(key >> 32), (int)(uint)key);

    /// <summary>
    /// Maps another numbering into this instance's: entry i is this instance's number for <paramref name="other"/>'s
    /// category i. <paramref name="identity"/> tells whether every number maps to itself (the usual case).
    /// </summary>
    public int[] MapFrom(CategoryNumbers other, out bool identity)
    {
        var map = new int[other.Count];
        identity = true;
        for (int id = 0; id < map.Length; id++)
        {
            map[id] = _numbers.IdOf(other.Name(id));
            identity &= map[id] == id;
        }

        return map;
    }

    /// <summary>Adds a worker's mask of <paramref name="customer"/>, whose bit b is the worker's category b.</summary>
    public void AddMask(int customer, ulong mask, int[] map, bool identity)
    {
        if (identity)
        {
            _masks[customer] |= mask;
            return;
        }

        while (mask != 0)
        {
            int bit = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            Add(customer, map[bit]);
        }
    }

    /// <summary>Writes the distinct count per customer into <paramref name="counts"/>.</summary>
    public void CountInto(int[] counts)
    {
        for (int c = 0; c < _masks.Length; c++)
        {
            counts[c] = BitOperations.PopCount(_masks[c]);
        }

        foreach (long key in _overflow)
        {
            counts[FromOverflowKey(key).Customer]++;
        }
    }
}
