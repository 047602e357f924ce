using System.Text;

namespace Analytics.IO.Reading;

/// <summary>
/// Returns one shared string instance per distinct short value of a column, looked up from a span so a repeated
/// <c>customer_id</c>, <c>fee_type</c> or <c>currency</c> costs no allocation. Each interned value also gets a
/// <em>symbol</em>: its number 0, 1, 2, … in order of first sight, which consumers use as an index into their own
/// per-value arrays (see <see cref="ColumnData.Symbols"/>). Not thread-safe: one per column per reader.
/// </summary>
internal sealed class StringInterner
{
    /// <summary>Longer values are rarely repeated keys; caching them would only hold memory.</summary>
    public const int MaxInternedLength = 64;

    /// <summary>Symbol of a value that was not interned (too long, or the interner is full).</summary>
    public const int NoSymbol = -1;

    private const int DefaultMaxEntries = 1 << 21;

    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private string[] _texts = [];
    private readonly int _maxEntries;

    /// <param name="maxEntries">
    /// Bound on cached values, so a column of unique values cannot grow the cache without limit. The default holds
    /// the customer ids of a two-million-customer portfolio.
    /// </param>
    public StringInterner(int maxEntries = DefaultMaxEntries)
    {
        _maxEntries = maxEntries;
        _lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The interner for a column read as <paramref name="column"/>: one that hands out fresh strings without symbols
    /// for a <see cref="ColumnSpec.DistinctValues"/> column, a caching one otherwise.
    /// </summary>
    public static StringInterner For(ColumnSpec column) => new(column.DistinctValues ? 0 : DefaultMaxEntries);

    /// <summary>The value of <paramref name="symbol"/>, a symbol this interner handed out.</summary>
    public string TextOf(int symbol) => _texts[symbol];

    /// <summary>Distinct values currently cached (every symbol handed out is below this).</summary>
    public int Count => _symbols.Count;

    public string Intern(ReadOnlySpan<char> value) => Intern(value, out _);

    /// <summary>The shared instance of <paramref name="value"/> and its symbol (<see cref="NoSymbol"/> when not interned).</summary>
    public string Intern(ReadOnlySpan<char> value, out int symbol)
    {
        if (value.Length > MaxInternedLength || _maxEntries == 0)
        {
            symbol = NoSymbol;
            return value.ToString();
        }

        if (_lookup.TryGetValue(value, out string? existing, out symbol))
        {
            return existing;
        }

        string created = value.ToString();
        if (_symbols.Count < _maxEntries)
        {
            symbol = _symbols.Count;
            _symbols.Add(created, symbol);
            if (symbol == _texts.Length)
            {
                Array.Resize(ref _texts, Math.Max(16, 2 * _texts.Length));
            }

            _texts[symbol] = created;
        }
        else
        {
            symbol = NoSymbol;
        }

        return created;
    }

    /// <summary>
    /// As <see cref="Intern(ReadOnlySpan{char}, out int)"/> for UTF-8 text, decoded as
    /// <see cref="Encoding.UTF8"/>'s <c>GetString</c> does (invalid sequences become U+FFFD).
    /// </summary>
    public string Intern(ReadOnlySpan<byte> utf8, out int symbol)
    {
        // Every UTF-16 unit takes at most 3 UTF-8 bytes (4 bytes make a surrogate pair; an invalid sequence of up to 3
        // bytes makes one U+FFFD), so longer input decodes to more than MaxInternedLength characters.
        if (utf8.Length > 3 * MaxInternedLength || _maxEntries == 0)
        {
            symbol = NoSymbol;
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[3 * MaxInternedLength];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        return Intern(chars[..length], out symbol);
    }
}
