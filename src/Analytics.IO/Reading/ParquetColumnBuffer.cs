using System.Runtime.CompilerServices;
using Analytics.ParquetFormat.Reading;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Analytics.IO.Reading;

/// <summary>
/// Holds one column of one row group as read from Parquet (dense non-null values plus definition levels, in pooled
/// arrays) and converts it, slice by slice, into a <see cref="ColumnData"/>. Invariant between calls to
/// <see cref="Fill"/>: <c>_row</c> rows have been delivered and they held <c>_value</c> non-null values.
/// </summary>
internal abstract partial class ParquetColumnBuffer : IChunkValueSink
{
    private int[]? _defs;

    /// <summary>Every array <see cref="Rent"/> handed out and not yet given back, each once.</summary>
    private readonly List<Array> _owned = [];
    private int _maxDef;
    protected int _row;
    protected int _value;

    /// <summary>Every row of the loaded chunk holds a value, so fills need not look at definition levels.</summary>
    protected bool _dense;

    /// <summary>
    /// The physical type <see cref="ParquetChunkDecoder"/> reads for this buffer, or null when only Parquet.Net reads
    /// the field (timestamps of an unknown unit, DECIMAL of a scale over 28).
    /// </summary>
    public Parquet.Meta.Type? DirectType { get; private set; }

    /// <summary>How the direct path's PLAIN bytes become this buffer's values (physical type, length, scale, time unit).</summary>
    private protected PhysicalLayout Layout { get; private set; }

    /// <param name="field">The file's field.</param>
    /// <param name="interner">Numbers the text values (and keeps one instance per distinct value).</param>
    /// <param name="customers">For a <see cref="ColumnSpec.CustomerKey"/> text column: the accepted customers, so chunks the
    /// engine decodes deliver customer indices (<see cref="ColumnData.Customers"/>) instead of strings.</param>
    /// <param name="textBySymbol">A text column whose consumer reads text through <see cref="ColumnData.TextAt"/>
    /// (<see cref="TableSchema.TextBySymbol"/>): dictionary-encoded rows with a symbol then get no string reference.</param>
    public static ParquetColumnBuffer For(DataField field, StringInterner interner, CustomerKeys? customers = null,
        bool textBySymbol = false)
    {
        var buffer = Create(field, interner, customers, textBySymbol);
        var layout = PhysicalLayout.Of(field);
        buffer.Layout = layout ?? default;
        buffer.DirectType = layout?.Physical;
        return buffer;
    }

    private static ParquetColumnBuffer Create(DataField field, StringInterner interner, CustomerKeys? customers, bool textBySymbol)
    {
        Type t = field.ClrType;
        if (t == typeof(ReadOnlyMemory<char>)) return new StringBuffer(interner, customers, textBySymbol);
        if (t == typeof(double)) return new ValueBuffer<double>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(float)) return new ValueBuffer<float>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(int)) return new ValueBuffer<int>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(long)) return new ValueBuffer<long>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(short)) return new ValueBuffer<short>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(sbyte)) return new ValueBuffer<sbyte>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(byte)) return new ValueBuffer<byte>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(ushort)) return new ValueBuffer<ushort>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(uint)) return new ValueBuffer<uint>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(ulong)) return new ValueBuffer<ulong>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(decimal)) return new ValueBuffer<decimal>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(BigDecimal)) return new ValueBuffer<BigDecimal>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        if (t == typeof(DateOnly)) return new ValueBuffer<DayNumber>(ReadDates);
        if (t == typeof(DateTime)) return new ValueBuffer<DateTime>(static (g, f, v, d, c) => g.ReadRawAsync(f, v, d, null, c));
        throw new NotSupportedException($"No reader for {t}; ParquetTypeMapping.Accepts must reject it first.");
    }

    /// <summary>Reads the column of <paramref name="rowGroup"/> (all <paramref name="rows"/> rows).</summary>
    public async ValueTask LoadAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken cancellationToken)
    {
        _row = 0;
        _value = 0;
        _maxDef = field.MaxDefinitionLevel;
        _dense = _maxDef == 0;
        Memory<int>? defs = null;
        if (_maxDef > 0)
        {
            _defs = Rent(_defs, rows);
            defs = _defs.AsMemory(0, rows);
        }

        await LoadValuesAsync(rowGroup, field, rows, defs, cancellationToken).ConfigureAwait(false);
    }

    protected abstract ValueTask LoadValuesAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, Memory<int>? defs,
        CancellationToken cancellationToken);

    /// <summary>Reads the column chunk <paramref name="chunk"/> (all <paramref name="rows"/> rows) through <paramref
    /// name="decoder"/>.</summary>
    public void LoadDirect(ParquetChunkDecoder decoder, in ParquetChunkDecoder.Chunk chunk, DataField field, int rows)
    {
        _row = 0;
        _value = 0;
        _maxDef = field.MaxDefinitionLevel;
        if (_maxDef > 0)
        {
            _defs = Rent(_defs, rows);
        }

        BeginDirect(rows);
        int present = decoder.Decode(chunk, rows, _maxDef, _defs, this);
        _dense = present == rows;
    }

    /// <summary>Prepares for the values of a chunk of <paramref name="rows"/> rows; forgets the last chunk's dictionary.</summary>
    public abstract void BeginDirect(int rows);

    /// <summary>The chunk's dictionary: <paramref name="count"/> PLAIN-encoded entries. The bytes are only valid during the call.</summary>
    public abstract void AcceptDictionaryPage(ReadOnlySpan<byte> data, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk, <paramref name="count"/> PLAIN-encoded values.</summary>
    public abstract void AcceptPlainValues(ReadOnlySpan<byte> data, int start, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk, as indices into the dictionary.</summary>
    public abstract void AcceptDictionaryIndices(ReadOnlySpan<int> indices, int start);

    protected static InvalidDataException IndexOutOfDictionary(int index, int size) =>
        new($"dictionary index {index} is outside the dictionary of {size} entries");

    protected static InvalidDataException Truncated() => new("PLAIN values are truncated");

    /// <summary>Converts the next <paramref name="count"/> rows into rows 0..count-1 of <paramref name="target"/>.</summary>
    public abstract void Fill(ColumnData target, int count);

    /// <summary>
    /// Ends a block: drops references into its data. The arrays themselves stay with this buffer for the next block
    /// and go back to <see cref="ReadArrayPool"/> when its lease is disposed (<see cref="ReturnArrays"/>), for the next
    /// lease or file. Why not the shared array pool: a million-row group needs arrays of millions of entries per column,
    /// and the shared pool keeps such arrays per core long after the table is read (at a million customers that held
    /// hundreds of megabytes through the rest of the run); <see cref="ReadArrayPool.Clear"/> lets them go when loading ends.
    /// </summary>
    public virtual void Release()
    {
    }

    /// <summary>True when row <c>_row</c> holds a value (not null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool CurrentRowHasValue() => _defs is null || _defs[_row] == _maxDef;

    /// <summary>
    /// <paramref name="current"/> when it holds <paramref name="length"/> entries, else an array from
    /// <see cref="ReadArrayPool"/> (the outgrown one goes back to it). Contents are unspecified.
    /// </summary>
    protected T[] Rent<T>(T[]? current, int length)
    {
        if (current is not null && current.Length >= length)
        {
            return current;
        }

        if (current is not null && _owned.Remove(current))
        {
            ReadArrayPool.Return(current);
        }

        var array = ReadArrayPool<T>.Take(length);
        _owned.Add(array);
        return array;
    }

    /// <summary>
    /// Gives every array this buffer rented back to <see cref="ReadArrayPool"/>; only when its lease is disposed, after
    /// the last batch filled from it has been consumed. The buffer must not be used afterwards.
    /// </summary>
    public void ReturnArrays()
    {
        Release();
        foreach (var array in _owned)
        {
            ReadArrayPool.Return(array);
        }

        _owned.Clear();
    }
}
