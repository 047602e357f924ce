using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Analytics.IO.Reading;

/// <summary>
/// Holds one column of one row group as read from Parquet (dense non-null values plus definition levels, in pooled
/// arrays) and converts it, slice by slice, into a <see cref="ColumnData"/>. Invariant between calls to
/// <see cref="Fill"/>: <c>_row</c> rows have been delivered and they held <c>_value</c> non-null values.
/// </summary>
internal abstract class ParquetColumnBuffer
{
    private int[]? _defs;
    private int _maxDef;
    protected int _row;
    protected int _value;

    /// <summary>Every row of the loaded chunk holds a value, so fills need not look at definition levels.</summary>
    protected bool _dense;

    /// <summary>
    /// The physical type <see cref="ParquetChunkDecoder"/> reads for this buffer, or null when only Parquet.Net reads
    /// the field (it converts the value, e.g. DECIMAL, TIMESTAMP, INT96, small or unsigned integers).
    /// </summary>
    public Parquet.Meta.Type? DirectType { get; private set; }

    public static ParquetColumnBuffer For(DataField field, StringInterner interner)
    {
        var buffer = Create(field, interner);
        Type t = field.ClrType;
        var physical = field.SchemaElement?.Type;
        bool direct = physical switch
        {
            Parquet.Meta.Type.BYTE_ARRAY => t == typeof(ReadOnlyMemory<char>),
            Parquet.Meta.Type.DOUBLE => t == typeof(double),
            Parquet.Meta.Type.FLOAT => t == typeof(float),
            Parquet.Meta.Type.INT32 => t == typeof(int) || t == typeof(DateOnly),
            Parquet.Meta.Type.INT64 => t == typeof(long),
            _ => false,
        };
        buffer.DirectType = direct ? physical : null;
        return buffer;
    }

    private static ParquetColumnBuffer Create(DataField field, StringInterner interner)
    {
        Type t = field.ClrType;
        if (t == typeof(ReadOnlyMemory<char>)) return new StringBuffer(interner);
        if (t == typeof(double)) return new ValueBuffer<double>();
        if (t == typeof(float)) return new ValueBuffer<float>();
        if (t == typeof(int)) return new ValueBuffer<int>();
        if (t == typeof(long)) return new ValueBuffer<long>();
        if (t == typeof(short)) return new ValueBuffer<short>();
        if (t == typeof(sbyte)) return new ValueBuffer<sbyte>();
        if (t == typeof(byte)) return new ValueBuffer<byte>();
        if (t == typeof(ushort)) return new ValueBuffer<ushort>();
        if (t == typeof(uint)) return new ValueBuffer<uint>();
        if (t == typeof(ulong)) return new ValueBuffer<ulong>();
        if (t == typeof(decimal)) return new ValueBuffer<decimal>();
        if (t == typeof(BigDecimal)) return new ValueBuffer<BigDecimal>();
        if (t == typeof(DateOnly)) return new ValueBuffer<DateOnly>();
        if (t == typeof(DateTime)) return new ValueBuffer<DateTime>();
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
    public abstract void FastDictionary(ReadOnlySpan<byte> data, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk, <paramref name="count"/> PLAIN-encoded values.</summary>
    public abstract void FastPlain(ReadOnlySpan<byte> data, int start, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk, as indices into the dictionary.</summary>
    public abstract void FastIndexed(ReadOnlySpan<int> indices, int start);

    protected static InvalidDataException IndexOutOfDictionary(int index, int size) =>
        new($"dictionary index {index} is outside the dictionary of {size} entries");

    protected static InvalidDataException Truncated() => new("PLAIN values are truncated");

    /// <summary>Converts the next <paramref name="count"/> rows into rows 0..count-1 of <paramref name="target"/>.</summary>
    public abstract void Fill(ColumnData target, int count);

    /// <summary>
    /// Ends a block: drops references into its data. The arrays themselves stay with this buffer for the next block
    /// and go when its reader is disposed. Why not the shared array pool: a million-row group needs arrays of millions
    /// of entries per column, and the shared pool keeps such arrays per core long after the table is read (at a million
    /// customers that held hundreds of megabytes through the rest of the run).
    /// </summary>
    public virtual void Release()
    {
    }

    /// <summary>True when row <c>_row</c> holds a value (not null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected bool CurrentRowHasValue() => _defs is null || _defs[_row] == _maxDef;

    protected static T[] Rent<T>(T[]? current, int length)
    {
        if (current is not null && current.Length >= length)
        {
            return current;
        }

        return GC.AllocateUninitializedArray<T>(Math.Max(length, 1));
    }

    /// <summary>
    /// Strings, interned per column as they are read (the decoded character memory is not kept). Parquet.Net
    /// expands a dictionary-encoded column by copying the entry's <see cref="ReadOnlyMemory{T}"/> into every row,
    /// so all rows of one entry share one character array: a <see cref="ReferenceCache{TValue}"/> keyed by that
    /// array turns the per-row interning (hashing and comparing the characters) into one lookup by address.
    /// </summary>
    private sealed class StringBuffer(StringInterner interner) : ParquetColumnBuffer
    {
        /// <summary>Rows after which a column whose values have all been distinct so far stops using the cache.</summary>
        private const int ProbeWindow = 4096;

        private ReadOnlyMemory<char>[]? _raw;
        private string[]? _values;
        private int[]? _symbols;
        private ReferenceCache<Interned>? _byArray;

        // The direct path's dictionary: entry bytes, and each entry's string and symbol once a row has used it
        // (interning on first use keeps symbols numbered in order of first sight, as for Parquet.Net's path).
        private byte[]? _entryBytes;
        private int[]? _entryStart;
        private int[]? _entryLength;
        private string?[]? _entryText;
        private int[]? _entrySymbol;
        private int _entryCount;

        // While every page of the direct path's chunk is dictionary-encoded, values are kept as entry numbers and
        // resolved to strings as rows are filled (one pass over the rows instead of two).
        private int[]? _valueEntry;
        private bool _byEntry;

        // Leading entries of _values this block may have written: what Release must clear, and no more (the
        // dictionary path writes none, and clearing a million-entry array per block showed up in profiles).
        private int _valuesWritten;

        /// <summary>The numbering of the symbols this buffer hands out.</summary>
        public StringInterner Interner => interner;

        protected override async ValueTask LoadValuesAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, Memory<int>? defs,
            CancellationToken cancellationToken)
        {
            _byEntry = false;
            _raw = Rent(_raw, rows);
            _values = Rent(_values, rows);
            _valuesWritten = rows;
            _symbols = Rent(_symbols, rows);
            await rowGroup.ReadRawAsync(field, _raw.AsMemory(0, rows), defs, null, cancellationToken).ConfigureAwait(false);

            int present = rows;
            if (defs is { } d)
            {
                present = 0;
                int maxDef = field.MaxDefinitionLevel;
                foreach (int level in d.Span)
                {
                    if (level == maxDef) present++;
                }
            }

            // Only dictionary pages share arrays between rows; plain-encoded text gets a new array per row.
            if (IsDictionaryEncoded(rowGroup, field) && MemoryLayout.IsKnown)
            {
                InternByArray(present);
            }
            else
            {
                InternAll(0, present);
            }

            Array.Clear(_raw, 0, present);
        }

        /// <summary>
        /// Whether the column chunk has dictionary pages. Writers differ in what they record: some set the dictionary
        /// page offset, Parquet.Net only lists the dictionary encoding.
        /// </summary>
        private static bool IsDictionaryEncoded(ParquetRowGroupReader rowGroup, DataField field)
        {
            var meta = rowGroup.GetMetadata(field)?.MetaData;
            if (meta is null)
            {
                return false;
            }

            if (meta.DictionaryPageOffset is not null)
            {
                return true;
            }

            foreach (var encoding in meta.Encodings)
            {
                if (encoding is Parquet.Meta.Encoding.PLAIN_DICTIONARY or Parquet.Meta.Encoding.RLE_DICTIONARY)
                {
                    return true;
                }
            }

            return false;
        }

        private void InternAll(int from, int to)
        {
            var raw = _raw!;
            var values = _values!;
            var symbols = _symbols!;
            for (int i = from; i < to; i++)
            {
                values[i] = interner.Intern(raw[i].Span, out symbols[i]);
            }
        }

        private void InternByArray(int present)
        {
            var raw = _raw!;
            var values = _values!;
            var symbols = _symbols!;
            var cache = _byArray ??= new ReferenceCache<Interned>(1024, MaxCacheSlots);
            int hits = 0;
            for (int i = 0; i < present; i++)
            {
                if (i == ProbeWindow && hits == 0)
                {
                    // No value has repeated (a key column): the cache would only cost memory.
                    InternAll(i, present);
                    break;
                }

                ref readonly MemoryLayout parts = ref Unsafe.As<ReadOnlyMemory<char>, MemoryLayout>(ref raw[i]);
                if (parts.Object is { } array)
                {
                    if (cache.TryGetValue(array, parts.Index, parts.Length, out Interned known))
                    {
                        values[i] = known.Text;
                        symbols[i] = known.Symbol;
                        hits++;
                        continue;
                    }

                    string text = interner.Intern(raw[i].Span, out int symbol);
                    cache.Add(array, parts.Index, parts.Length, new Interned(text, symbol));
                    values[i] = text;
                    symbols[i] = symbol;
                }
                else
                {
                    values[i] = interner.Intern(raw[i].Span, out symbols[i]);
                }
            }
        }

        public override void BeginDirect(int rows)
        {
            _values = Rent(_values, rows);
            _valuesWritten = 0;
            _symbols = Rent(_symbols, rows);
            _valueEntry = Rent(_valueEntry, rows);
            _entryCount = -1;
            _byEntry = true;
        }

        /// <summary>The string (interned on first use) and symbol of dictionary entry <paramref name="entry"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private string Resolve(int entry)
        {
            string value = interner.Intern(_entryBytes.AsSpan(_entryStart![entry], _entryLength![entry]), out _entrySymbol![entry]);
            _entryText![entry] = value;
            return value;
        }

        /// <summary>A PLAIN page follows dictionary pages: the values so far become strings after all.</summary>
        private void StopKeepingEntries(int valuesSoFar)
        {
            _valuesWritten = _values!.Length;
            var values = _values!;
            var symbols = _symbols!;
            var entries = _valueEntry!;
            var text = _entryText!;
            var entrySymbol = _entrySymbol!;
            for (int v = 0; v < valuesSoFar; v++)
            {
                int entry = entries[v];
                values[v] = text[entry] ?? Resolve(entry);
                symbols[v] = entrySymbol[entry];
            }

            _byEntry = false;
        }

        public override void FastDictionary(ReadOnlySpan<byte> data, int count)
        {
            _entryBytes = Rent(_entryBytes, data.Length);
            data.CopyTo(_entryBytes);
            _entryStart = Rent(_entryStart, count);
            _entryLength = Rent(_entryLength, count);
            _entrySymbol = Rent(_entrySymbol, count);
            _entryText = Rent(_entryText, count);
            Array.Clear(_entryText, 0, count);
            int position = 0;
            for (int i = 0; i < count; i++)
            {
                int length = NextByteArray(data, ref position);
                _entryStart[i] = position;
                _entryLength[i] = length;
                position += length;
            }

            _entryCount = count;
        }

        public override void FastPlain(ReadOnlySpan<byte> data, int start, int count)
        {
            if (_byEntry)
            {
                StopKeepingEntries(start);
            }

            _valuesWritten = Math.Max(_valuesWritten, start + count);
            var values = _values!;
            var symbols = _symbols!;
            int position = 0;
            for (int i = start; i < start + count; i++)
            {
                int length = NextByteArray(data, ref position);
                values[i] = interner.Intern(data.Slice(position, length), out symbols[i]);
                position += length;
            }
        }

        /// <summary>
        /// Reads the 4-byte length of the PLAIN byte array at <paramref name="position"/> and moves past it; the
        /// array's bytes must lie within <paramref name="data"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int NextByteArray(ReadOnlySpan<byte> data, ref int position)
        {
            if (data.Length - position < 4)
            {
                throw Truncated();
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(position));
            position += 4;
            if ((uint)length > (uint)(data.Length - position))
            {
                throw Truncated();
            }

            return length;
        }

        public override void FastIndexed(ReadOnlySpan<int> indices, int start)
        {
            if (_byEntry)
            {
                // Checked here, while reading, so a bad index is reported as undecodable data like any other.
                uint largest = 0;
                foreach (uint index in MemoryMarshal.Cast<int, uint>(indices))
                {
                    largest = Math.Max(largest, index);
                }

                if (largest >= (uint)_entryCount)
                {
                    throw IndexOutOfDictionary((int)largest, _entryCount);
                }

                indices.CopyTo(_valueEntry.AsSpan(start));
                return;
            }

            _valuesWritten = Math.Max(_valuesWritten, start + indices.Length);
            var values = _values!;
            var symbols = _symbols!;
            var text = _entryText!;
            var entrySymbol = _entrySymbol!;
            int entries = _entryCount;
            for (int i = 0; i < indices.Length; i++)
            {
                int index = indices[i];
                if ((uint)index >= (uint)entries)
                {
                    throw IndexOutOfDictionary(index, entries);
                }

                string? value = text[index];
                if (value is null)
                {
                    value = interner.Intern(_entryBytes.AsSpan(_entryStart![index], _entryLength![index]), out entrySymbol[index]);
                    text[index] = value;
                }

                values[start + i] = value;
                symbols[start + i] = entrySymbol[index];
            }
        }

        public override void Fill(ColumnData target, int count)
        {
            var state = target.State;
            var strings = target.Strings!;
            var targetSymbols = target.Symbols!;
            var values = _values!;
            var symbols = _symbols!;
            target.SymbolSpace = interner;
            if (_byEntry)
            {
                FillByEntry(state, strings, targetSymbols, count);
                return;
            }

            for (int i = 0; i < count; i++, _row++)
            {
                if (CurrentRowHasValue())
                {
                    state[i] = CellState.Value;
                    strings[i] = values[_value];
                    targetSymbols[i] = symbols[_value++];
                }
                else
                {
                    state[i] = CellState.Null;
                    strings[i] = null;
                    targetSymbols[i] = StringInterner.NoSymbol;
                }
            }
        }

        private void FillByEntry(CellState[] state, string?[] strings, int[] targetSymbols, int count)
        {
            var entries = _valueEntry!;
            var text = _entryText!;
            var entrySymbol = _entrySymbol!;
            bool dense = _dense;
            for (int i = 0; i < count; i++, _row++)
            {
                if (dense || CurrentRowHasValue())
                {
                    int entry = entries[_value++];
                    strings[i] = text[entry] ?? Resolve(entry);
                    targetSymbols[i] = entrySymbol[entry];
                    state[i] = CellState.Value;
                }
                else
                {
                    state[i] = CellState.Null;
                    strings[i] = null;
                    targetSymbols[i] = StringInterner.NoSymbol;
                }
            }
        }

        public override void Release()
        {
            base.Release();
            // The arrays are this row group's dictionary entries: the next row group brings new ones.
            _byArray?.Clear();
            // Strings of this block must not outlive it through these arrays (the character memory Parquet.Net's
            // path decoded into _raw is dropped as soon as it is interned).
            if (_values is not null) Array.Clear(_values, 0, Math.Min(_valuesWritten, _values.Length));
            if (_entryText is not null && _entryCount > 0) Array.Clear(_entryText, 0, Math.Min(_entryCount, _entryText.Length));
            _valuesWritten = 0;
        }

        private readonly record struct Interned(string Text, int Symbol);
    }

    /// <summary>Most slots of a string column's cache: enough for a row group of about a million distinct keys.</summary>
    private const int MaxCacheSlots = 1 << 21;

    /// <summary>
    /// The fields of <see cref="ReadOnlyMemory{T}"/> (object, start, length), read without dereferencing the object.
    /// The layout is checked once at start-up; if a runtime ever lays it out differently the cache is not used.
    /// </summary>
    private readonly struct MemoryLayout
    {
        public readonly object? Object;
        public readonly int Index;
        public readonly int Length;

        public static readonly bool IsKnown = Check();

        private static bool Check()
        {
            if (Unsafe.SizeOf<MemoryLayout>() != Unsafe.SizeOf<ReadOnlyMemory<char>>())
            {
                return false;
            }

            char[] probe = new char[5];
            ReadOnlyMemory<char> memory = probe.AsMemory(1, 3);
            ref readonly MemoryLayout parts = ref Unsafe.As<ReadOnlyMemory<char>, MemoryLayout>(ref memory);
            return ReferenceEquals(parts.Object, probe) && parts.Index == 1 && parts.Length == 3;
        }
    }

    /// <summary>
    /// Numbers and dates. The <c>typeof(T)</c> tests in the converters are constants per instantiation, so the JIT
    /// keeps one branch and the loops neither box nor call through delegates.
    /// </summary>
    private sealed class ValueBuffer<T> : ParquetColumnBuffer
        where T : struct
    {
        private T[]? _values;
        private T[]? _dictionary;
        private int _dictionaryCount;

        public override void BeginDirect(int rows)
        {
            _values = Rent(_values, rows);
            _dictionaryCount = -1;
        }

        public override void FastDictionary(ReadOnlySpan<byte> data, int count)
        {
            _dictionary = Rent(_dictionary, count);
            DecodePlain(data, _dictionary.AsSpan(0, count));
            _dictionaryCount = count;
        }

        public override void FastPlain(ReadOnlySpan<byte> data, int start, int count) =>
            DecodePlain(data, _values.AsSpan(start, count));

        public override void FastIndexed(ReadOnlySpan<int> indices, int start)
        {
            var values = _values!;
            var dictionary = _dictionary!;
            int entries = _dictionaryCount;
            for (int i = 0; i < indices.Length; i++)
            {
                int index = indices[i];
                if ((uint)index >= (uint)entries)
                {
                    throw IndexOutOfDictionary(index, entries);
                }

                values[start + i] = dictionary[index];
            }
        }

        /// <summary>
        /// Little-endian values of the physical type; DATE (INT32 days since 1970-01-01) becomes a
        /// <see cref="DateOnly"/>, failing outside its range as Parquet.Net's conversion does.
        /// </summary>
        private static void DecodePlain(ReadOnlySpan<byte> data, Span<T> target)
        {
            if (typeof(T) == typeof(DateOnly))
            {
                if ((long)target.Length * sizeof(int) > data.Length)
                {
                    throw Truncated();
                }

                var days = MemoryMarshal.Cast<byte, int>(data[..(target.Length * sizeof(int))]);
                var dates = MemoryMarshal.Cast<T, DateOnly>(target);
                for (int i = 0; i < days.Length; i++)
                {
                    long dayNumber = UnixEpochDayNumber + days[i];
                    if ((ulong)dayNumber > (ulong)MaxDayNumber)
                    {
                        throw new InvalidDataException("a DATE value is outside the years 1 to 9999");
                    }

                    dates[i] = DateOnly.FromDayNumber((int)dayNumber);
                }

                return;
            }

            var bytes = MemoryMarshal.AsBytes(target);
            if (bytes.Length > data.Length)
            {
                throw Truncated();
            }

            data[..bytes.Length].CopyTo(bytes);
        }

        protected override async ValueTask LoadValuesAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, Memory<int>? defs,
            CancellationToken cancellationToken)
        {
            _values = Rent(_values, rows);
            await rowGroup.ReadRawAsync(field, _values.AsMemory(0, rows), defs, null, cancellationToken).ConfigureAwait(false);
        }

        public override void Fill(ColumnData target, int count)
        {
            var state = target.State;
            var values = _values!;
            switch (target.Kind)
            {
                case ColumnKind.Double:
                    var doubles = target.Doubles!;
                    if (_dense)
                    {
                        FillDense(values.AsSpan(_value, count), doubles.AsSpan(0, count));
                        Array.Fill(state, CellState.Value, 0, count);
                        _value += count;
                        _row += count;
                        break;
                    }

                    for (int i = 0; i < count; i++, _row++)
                    {
                        if (CurrentRowHasValue())
                        {
                            doubles[i] = ToDouble(values[_value++]);
                            state[i] = CellState.Value;
                        }
                        else
                        {
                            doubles[i] = 0;
                            state[i] = CellState.Null;
                        }
                    }

                    break;
                case ColumnKind.Int:
                    var ints = target.Ints!;
                    for (int i = 0; i < count; i++, _row++)
                    {
                        if (!CurrentRowHasValue())
                        {
                            ints[i] = 0;
                            state[i] = CellState.Null;
                        }
                        else if (TryToInt(values[_value++], out int v))
                        {
                            ints[i] = v;
                            state[i] = CellState.Value;
                        }
                        else
                        {
                            ints[i] = 0;
                            state[i] = CellState.Unparsable;
                        }
                    }

                    break;
                case ColumnKind.Date:
                    var days = target.Ints!;
                    if (_dense && typeof(T) == typeof(DateOnly))
                    {
                        // A DateOnly is its day number: the same 4 bytes.
                        MemoryMarshal.Cast<T, int>(values.AsSpan(_value, count)).CopyTo(days);
                        Array.Fill(state, CellState.Value, 0, count);
                        _value += count;
                        _row += count;
                        break;
                    }

                    for (int i = 0; i < count; i++, _row++)
                    {
                        if (CurrentRowHasValue())
                        {
                            days[i] = ToDayNumber(values[_value++]);
                            state[i] = CellState.Value;
                        }
                        else
                        {
                            days[i] = 0;
                            state[i] = CellState.Null;
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"A {typeof(T).Name} column cannot fill a {target.Kind} column.");
            }
        }

        private static void FillDense(ReadOnlySpan<T> values, Span<double> doubles)
        {
            if (typeof(T) == typeof(double))
            {
                MemoryMarshal.Cast<T, double>(values).CopyTo(doubles);
                return;
            }

            for (int i = 0; i < values.Length; i++)
            {
                doubles[i] = ToDouble(values[i]);
            }
        }

        public override void Release()
        {
            base.Release();
            if (_values is not null && RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_values);
            }
        }

        private static double ToDouble(T v)
        {
            if (typeof(T) == typeof(double)) return Unsafe.As<T, double>(ref v);
            if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref v);
            if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref v);
            if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref v);
            if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref v);
            if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref v);
            if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref v);
            if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref v);
            if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref v);
            if (typeof(T) == typeof(ulong)) return Unsafe.As<T, ulong>(ref v);
            if (typeof(T) == typeof(decimal)) return (double)Unsafe.As<T, decimal>(ref v);
            if (typeof(T) == typeof(BigDecimal)) return BigDecimalToDouble(Unsafe.As<T, BigDecimal>(ref v));
            throw new InvalidOperationException($"{typeof(T).Name} is not a number.");
        }

        /// <summary>Whole values within the Int32 range; anything else is unparsable as an integer.</summary>
        private static bool TryToInt(T v, out int result)
        {
            if (typeof(T) == typeof(int)) { result = Unsafe.As<T, int>(ref v); return true; }
            if (typeof(T) == typeof(short)) { result = Unsafe.As<T, short>(ref v); return true; }
            if (typeof(T) == typeof(sbyte)) { result = Unsafe.As<T, sbyte>(ref v); return true; }
            if (typeof(T) == typeof(byte)) { result = Unsafe.As<T, byte>(ref v); return true; }
            if (typeof(T) == typeof(ushort)) { result = Unsafe.As<T, ushort>(ref v); return true; }
            if (typeof(T) == typeof(long))
            {
                long l = Unsafe.As<T, long>(ref v);
                result = (int)l;
                return l is >= int.MinValue and <= int.MaxValue;
            }

            if (typeof(T) == typeof(uint))
            {
                uint u = Unsafe.As<T, uint>(ref v);
                result = (int)u;
                return u <= int.MaxValue;
            }

            if (typeof(T) == typeof(ulong))
            {
                ulong u = Unsafe.As<T, ulong>(ref v);
                result = (int)u;
                return u <= int.MaxValue;
            }

            if (typeof(T) == typeof(decimal))
            {
                decimal m = Unsafe.As<T, decimal>(ref v);
                bool ok = m == decimal.Truncate(m) && m >= int.MinValue && m <= int.MaxValue;
                result = ok ? (int)m : 0;
                return ok;
            }

            return TryDoubleToInt(ToDouble(v), out result);
        }

        private static int ToDayNumber(T v)
        {
            if (typeof(T) == typeof(DateOnly)) return Unsafe.As<T, DateOnly>(ref v).DayNumber;
            if (typeof(T) == typeof(DateTime))
            {
                // A TIMESTAMP adjusted to UTC reads back as Kind.Utc, a local one as Unspecified: either way the
                // written calendar date is the date part. Only a Local kind needs moving to UTC first.
                DateTime t = Unsafe.As<T, DateTime>(ref v);
                if (t.Kind == DateTimeKind.Local) t = t.ToUniversalTime();
                return DateOnly.FromDateTime(t).DayNumber;
            }

            throw new InvalidOperationException($"{typeof(T).Name} is not a date.");
        }
    }

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;

    private static bool TryDoubleToInt(double d, out int result)
    {
        bool ok = d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue;
        result = ok ? (int)d : 0;
        return ok;
    }

    /// <summary>
    /// unscaled × 10^−scale, rounded once to the nearest double. Trailing zeros are stripped first so typical values
    /// (a few significant digits in a wide DECIMAL(38,18)) divide two exactly representable doubles, which IEEE
    /// rounds correctly. Other values go through the (correctly rounding) decimal-string parser, because .NET's
    /// BigInteger→double conversion truncates (10^30 would become 9.9999999999999988E+29).
    /// </summary>
    internal static double BigDecimalToDouble(BigDecimal value)
    {
        BigInteger unscaled = value.UnscaledValue;
        int scale = value.Scale;
        if (unscaled.IsZero)
        {
            return 0;
        }

        while (scale > 0)
        {
            var quotient = BigInteger.DivRem(unscaled, Ten, out BigInteger remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            unscaled = quotient;
            scale--;
        }

        if (scale is >= 0 and <= 22 && BigInteger.Abs(unscaled) <= MaxExactInteger)
        {
            return (double)(long)unscaled / Math.Pow(10, scale);
        }

        return double.Parse(
            unscaled.ToString(CultureInfo.InvariantCulture) + "E" + (-scale).ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static readonly BigInteger Ten = new(10);

    /// <summary>2^53: every integer up to it is exactly a double.</summary>
    private static readonly BigInteger MaxExactInteger = new(1L << 53);
}
