using System.Runtime.CompilerServices;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// One worker's memo of what each symbol (<see cref="ColumnData.Symbols"/>) of one column resolved to, e.g. the
/// dense customer index of a customer_id. Resolving a value then costs one dictionary lookup per distinct value and
/// reader, and every further row is an array read. Symbols are numbered per reader (<see cref="ColumnData.SymbolSpace"/>),
/// so one array is kept per numbering. Not thread-safe: one per worker and column.
/// </summary>
internal sealed class SymbolMap
{
    private const int Unresolved = int.MinValue;

    private readonly Dictionary<object, int[]> _bySpace = new(ReferenceEqualityComparer.Instance);
    private object? _space;
    private int[] _values = [];

    /// <summary>Switches to the numbering of <paramref name="column"/>; call once per batch before <see cref="TryGet"/>.</summary>
    public void Use(ColumnData column)
    {
        if (ReferenceEquals(column.SymbolSpace, _space))
        {
            return;
        }

        if (_space is not null)
        {
            _bySpace[_space] = _values;
        }

        _space = column.SymbolSpace;
        _values = _space is not null && _bySpace.TryGetValue(_space, out var known) ? known : [];
    }

    /// <summary>The value memoised for <paramref name="symbol"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int symbol, out int value)
    {
        var values = _values;
        if ((uint)symbol < (uint)values.Length)
        {
            value = values[symbol];
            return value != Unresolved;
        }

        value = 0;
        return false;
    }

    /// <summary>Memoises <paramref name="value"/> for <paramref name="symbol"/> (ignored for a value without a symbol).</summary>
    public void Set(int symbol, int value)
    {
        if (symbol < 0 || _space is null)
        {
            return;
        }

        if (symbol >= _values.Length)
        {
            int length = Math.Max(symbol + 1, Math.Max(256, _values.Length * 2));
            var grown = new int[length];
            _values.CopyTo(grown, 0);
            Array.Fill(grown, Unresolved, _values.Length, length - _values.Length);
            _values = grown;
        }

        _values[symbol] = value;
    }
}
