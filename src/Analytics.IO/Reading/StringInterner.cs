namespace Analytics.IO.Reading;

/// <summary>
/// Returns one shared string instance per distinct short value of a column, looked up from a span so a repeated
/// <c>customer_id</c>, <c>fee_type</c> or <c>currency</c> costs no allocation. Not thread-safe: one per column per reader.
/// </summary>
internal sealed class StringInterner
{
    /// <summary>Longer values are rarely repeated keys; caching them would only hold memory.</summary>
    public const int MaxInternedLength = 64;

    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;

    /// <param name="maxEntries">Bound on cached values, so a column of unique values cannot grow the cache without limit.</param>
    public StringInterner(int maxEntries = 1 << 18)
    {
        _maxEntries = maxEntries;
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Distinct values currently cached.</summary>
    public int Count => _set.Count;

    public string Intern(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxInternedLength)
        {
            return value.ToString();
        }

        if (_lookup.TryGetValue(value, out string? existing))
        {
            return existing;
        }

        string created = value.ToString();
        if (_set.Count < _maxEntries)
        {
            _set.Add(created);
        }

        return created;
    }
}
