using System.Numerics;

namespace Analytics.IO.Validation;

/// <summary>
/// Distinct small categories (fee types, product lines) per customer. The first 64 categories seen live in a
/// bit mask per customer; rarer ones beyond that fall back to a set of (customer, category) pairs, so memory
/// grows with customers, not rows.
/// </summary>
internal sealed class DistinctPerCustomer(int customerCount)
{
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly ulong[] _masks = new ulong[customerCount];
    private readonly HashSet<long> _overflow = [];

    /// <summary>Marks <paramref name="category"/> as held by <paramref name="customer"/>.</summary>
    public void Add(int customer, string category)
    {
        if (!_categories.TryGetValue(category, out int id))
        {
            id = _categories.Count;
            _categories.Add(category, id);
        }

        if (id < 64)
        {
            _masks[customer] |= 1UL << id;
        }
        else
        {
            _overflow.Add(((long)customer << 32) | (uint)id);
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
            counts[(int)(key >> 32)]++;
        }
    }
}
