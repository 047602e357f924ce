using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Schema;

namespace Analytics.IO.Reading;

internal abstract partial class ParquetColumnBuffer
{
    /// <summary>
    /// Strings, interned per column as they are read (the decoded character memory is not kept). Parquet.Net
    /// expands a dictionary-encoded column by copying the entry's <see cref="ReadOnlyMemory{T}"/> into every row,
    /// so all rows of one entry share one character array: a <see cref="ReferenceCache{TValue}"/> keyed by that
    /// array turns the per-row interning (hashing and comparing the characters) into one lookup by address.
    /// </summary>
    /// <remarks>
    /// Given <see cref="CustomerKeys"/> (a <see cref="ColumnSpec.CustomerKey"/> column), a chunk the engine decodes
    /// delivers customer indices instead: each PLAIN value, and each dictionary entry once per chunk, is looked up from
    /// its UTF-8 bytes, rows carry ints, and only values that are no accepted customer are made into strings (they are
    /// rare, and rejects and keys by text need them). Chunks read by Parquet.Net still deliver strings.
    /// </remarks>
    private sealed class StringBuffer(StringInterner interner, CustomerKeys? customers, bool textBySymbol) : ParquetColumnBuffer
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

        // Customer mode (the direct path with CustomerKeys): per non-null value its customer index, and the text of the
        // values with a negative one, in value order (read back in order as rows are filled).
        private bool _byCustomer;
        private int[]? _valueCustomer;
        private int[]? _entryCustomer;
        private readonly List<(int Value, string Text)> _texts = [];
        private int _nextText;

        // Leading entries of _values this block may have written: what Release must clear, and no more (the
        // dictionary path writes none, and clearing a million-entry array per block showed up in profiles).
        private int _valuesWritten;

        /// <summary>The numbering of the symbols this buffer hands out.</summary>
        public StringInterner Interner => interner;

        protected override async ValueTask LoadValuesAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, Memory<int>? defs,
            CancellationToken cancellationToken)
        {
            _byEntry = false;
            _byCustomer = false;
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
            if (customers is not null)
            {
                _byCustomer = true;
                _byEntry = false;
                _valueCustomer = Rent(_valueCustomer, rows);
                _texts.Clear();
                _nextText = 0;
                _entryCount = -1;
                return;
            }

            _byCustomer = false;
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

        public override void AcceptDictionaryPage(ReadOnlySpan<byte> data, int count)
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
            if (_byCustomer)
            {
                // Every entry once per chunk: rows then copy ints.
                _entryCustomer = Rent(_entryCustomer, count);
                for (int i = 0; i < count; i++)
                {
                    _entryCustomer[i] = customers!.Resolve(data.Slice(_entryStart[i], _entryLength[i]), out _entryText[i]);
                }
            }
        }

        public override void AcceptPlainValues(ReadOnlySpan<byte> data, int start, int count)
        {
            if (_byCustomer)
            {
                AcceptPlainCustomers(data, start, count);
                return;
            }

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

        private void AcceptPlainCustomers(ReadOnlySpan<byte> data, int start, int count)
        {
            var keys = customers!;
            var values = _valueCustomer!;
            int position = 0;
            for (int i = start; i < start + count; i++)
            {
                int length = NextByteArray(data, ref position);
                int customer = keys.Resolve(data.Slice(position, length), out string? text);
                values[i] = customer;
                if (customer < 0)
                {
                    _texts.Add((i, text!));
                }

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

        public override void AcceptDictionaryIndices(ReadOnlySpan<int> indices, int start)
        {
            if (_byEntry || _byCustomer)
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

                if (_byCustomer)
                {
                    MapToCustomers(indices, start);
                }
                else
                {
                    indices.CopyTo(_valueEntry.AsSpan(start));
                }

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

        /// <summary>Customer mode: the customer of each entry in <paramref name="indices"/> (already checked).</summary>
        private void MapToCustomers(ReadOnlySpan<int> indices, int start)
        {
            var entryCustomer = _entryCustomer!;
            var values = _valueCustomer.AsSpan(start, indices.Length);
            for (int i = 0; i < indices.Length; i++)
            {
                int customer = entryCustomer[indices[i]];
                values[i] = customer;
                if (customer < 0)
                {
                    _texts.Add((start + i, _entryText![indices[i]]!));
                }
            }
        }

        public override void Fill(ColumnData target, int count)
        {
            if (_byCustomer)
            {
                FillCustomers(target, count);
                return;
            }

            target.HasCustomers = false;
            target.TextBySymbol = false;
            var state = target.State;
            var strings = target.Strings!;
            var targetSymbols = target.Symbols!;
            var values = _values!;
            var symbols = _symbols!;
            target.SymbolSpace = interner;
            if (_byEntry)
            {
                if (textBySymbol)
                {
                    target.TextBySymbol = true;
                    FillSymbolsByEntry(state, strings, targetSymbols, count);
                }
                else
                {
                    FillByEntry(state, strings, targetSymbols, count);
                }

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

        private void FillCustomers(ColumnData target, int count)
        {
            var state = target.State;
            var strings = target.Strings!;
            var rowCustomer = target.Customers is { } existing && existing.Length >= count
                ? existing
                : target.Customers = new int[Math.Max(count, state.Length)];
            target.HasCustomers = true;
            target.TextBySymbol = false;
            target.SymbolSpace = null;
            var values = _valueCustomer!;
            var texts = _texts;
            if (_dense)
            {
                values.AsSpan(_value, count).CopyTo(rowCustomer);
                state.AsSpan(0, count).Fill(CellState.Value);
                int end = _value + count;
                while (_nextText < texts.Count && texts[_nextText].Value < end)
                {
                    var (value, text) = texts[_nextText++];
                    strings[value - _value] = text;
                }

                _value = end;
                _row += count;
                return;
            }

            for (int i = 0; i < count; i++, _row++)
            {
                if (CurrentRowHasValue())
                {
                    int customer = values[_value];
                    rowCustomer[i] = customer;
                    state[i] = CellState.Value;
                    if (customer < 0)
                    {
                        // Texts are in value order, one per value with a negative index.
                        strings[i] = texts[_nextText++].Text;
                    }

                    _value++;
                }
                else
                {
                    state[i] = CellState.Null;
                    strings[i] = null;
                    rowCustomer[i] = CustomerKeys.Unknown;
                }
            }
        }

        /// <summary>As <see cref="FillByEntry"/>, but a row whose value has a symbol gets only the symbol (no reference store).</summary>
        private void FillSymbolsByEntry(CellState[] state, string?[] strings, int[] targetSymbols, int count)
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
                    if (text[entry] is null)
                    {
                        Resolve(entry);
                    }

                    int symbol = entrySymbol[entry];
                    targetSymbols[i] = symbol;
                    if (symbol < 0)
                    {
                        strings[i] = text[entry];
                    }

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
            _texts.Clear();
            _nextText = 0;
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
}
