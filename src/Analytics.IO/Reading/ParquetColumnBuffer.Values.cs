using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Analytics.IO.Reading;

internal abstract partial class ParquetColumnBuffer
{
    /// <summary>
    /// Parquet.Net's raw read of a column into <paramref name="values"/>; it needs a <c>struct</c> type parameter, which
    /// <see cref="ValueBuffer{T}"/> must not have, so <see cref="Create"/> passes one in where T is known.
    /// </summary>
    private delegate ValueTask RawRead<T>(ParquetRowGroupReader rowGroup, DataField field, Memory<T> values, Memory<int>? definitionLevels,
        CancellationToken cancellationToken);

    /// <summary>
    /// A DATE as its day number (<see cref="DateOnly.DayNumber"/>, the same 4 bytes as a DateOnly): DATE columns are
    /// buffered as <c>ValueBuffer&lt;DayNumber&gt;</c> rather than over DateOnly, because the ahead-of-time compiler cannot
    /// precompile a generic of this assembly over a CoreLib struct (DateOnly), only over its primitives and its own types.
    /// </summary>
    private readonly struct DayNumber(int value)
    {
        public readonly int Value = value;
    }

    /// <summary>
    /// Parquet.Net's DATE read into day numbers: it reads DateOnly values, copied here as their day numbers.
    /// </summary>
    private static async ValueTask ReadDates(ParquetRowGroupReader rowGroup, DataField field, Memory<DayNumber> values,
        Memory<int>? definitionLevels, CancellationToken cancellationToken)
    {
        var dates = new DateOnly[values.Length];
        await rowGroup.ReadRawAsync(field, dates.AsMemory(), definitionLevels, null, cancellationToken).ConfigureAwait(false);
        var days = values.Span;
        for (int i = 0; i < dates.Length; i++)
        {
            days[i] = new DayNumber(dates[i].DayNumber);
        }
    }

    /// <summary>
    /// Numbers and dates. The <c>typeof(T)</c> tests in the converters are constants per instantiation, so the JIT
    /// keeps one branch and the loops neither box nor call through delegates. T has no <c>struct</c> constraint on
    /// purpose: C# writes that constraint as a type constraint (System.ValueType), and the ahead-of-time compiler
    /// (ReadyToRun) precompiles a generic over double, int or long only when the parameter has no type constraint, so
    /// with it every ValueBuffer&lt;double&gt; method ran as unoptimised JIT code in a cold run. Spans of T are therefore
    /// reinterpreted with <see cref="Unsafe"/> (<see cref="As{TTo}(Span{T})"/>) instead of MemoryMarshal.Cast, which needs it.
    /// </summary>
    private sealed class ValueBuffer<T>(ParquetColumnBuffer.RawRead<T> readRaw) : ParquetColumnBuffer
    {
        private T[]? _values;
        private T[]? _dictionary;
        private int _dictionaryCount;

        public override void BeginDirect(int rows)
        {
            _values = Rent(_values, rows);
            _dictionaryCount = -1;
        }

        public override void AcceptDictionaryPage(ReadOnlySpan<byte> data, int count)
        {
            _dictionary = Rent(_dictionary, count);
            DecodePlain(data, _dictionary.AsSpan(0, count));
            _dictionaryCount = count;
        }

        public override void AcceptPlainValues(ReadOnlySpan<byte> data, int start, int count) =>
            DecodePlain(data, _values.AsSpan(start, count));

        public override void AcceptDictionaryIndices(ReadOnlySpan<int> indices, int start)
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
        /// PLAIN values of the physical type (every other encoding reaches here rewritten as PLAIN): TIMESTAMP, INT96 and
        /// DECIMAL are converted as Parquet.Net converts them (see ParquetColumnBuffer.Logical.cs); DATE (INT32 days since 1970-01-01)
        /// becomes a
        /// <see cref="DayNumber"/>, failing outside DateOnly's range as Parquet.Net's conversion does.
        /// </summary>
        private void DecodePlain(ReadOnlySpan<byte> data, Span<T> target)
        {
            if (typeof(T) == typeof(DateTime))
            {
                DecodeTimestamps(data, As<DateTime>(target), Layout);
                return;
            }

            if (typeof(T) == typeof(decimal))
            {
                DecodeDecimals(data, As<decimal>(target), Layout);
                return;
            }

            if (typeof(T) == typeof(BigDecimal))
            {
                DecodeBigDecimals(data, As<BigDecimal>(target), Layout);
                return;
            }

            if (typeof(T) == typeof(DayNumber))
            {
                if ((long)target.Length * sizeof(int) > data.Length)
                {
                    throw Truncated();
                }

                var days = MemoryMarshal.Cast<byte, int>(data[..(target.Length * sizeof(int))]);
                var dates = As<DayNumber>(target);
                for (int i = 0; i < days.Length; i++)
                {
                    long dayNumber = UnixEpochDayNumber + days[i];
                    if ((ulong)dayNumber > (ulong)MaxDayNumber)
                    {
                        throw new InvalidDataException("a DATE value is outside the years 1 to 9999");
                    }

                    dates[i] = new DayNumber((int)dayNumber);
                }

                return;
            }

            if (typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(byte) || typeof(T) == typeof(ushort))
            {
                // INTEGER(8/16) values are stored as INT32; narrowed unchecked, as Parquet.Net narrows them.
                if ((long)target.Length * sizeof(int) > data.Length)
                {
                    throw Truncated();
                }

                var stored = MemoryMarshal.Cast<byte, int>(data[..(target.Length * sizeof(int))]);
                for (int i = 0; i < stored.Length; i++)
                {
                    target[i] = Narrow(stored[i]);
                }

                return;
            }

            // The rest have the physical type's width: int, long, float, double, and uint/ulong (the same bits, unsigned).
            var bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(target)),
                checked(target.Length * Unsafe.SizeOf<T>()));
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
            await readRaw(rowGroup, field, _values.AsMemory(0, rows), defs, cancellationToken).ConfigureAwait(false);
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
                    if (_dense && typeof(T) == typeof(DayNumber))
                    {
                        // A DayNumber is its 4-byte day number.
                        As<int>(values.AsSpan(_value, count)).CopyTo(days);
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
                As<double>(values).CopyTo(doubles);
                return;
            }

            for (int i = 0; i < values.Length; i++)
            {
                doubles[i] = ToDouble(values[i]);
            }
        }

        /// <summary>
        /// <paramref name="span"/> read as <typeparamref name="TTo"/>, element for element: only for a TTo of T's own
        /// size (the callers test <c>typeof(T)</c> first, or read a DayNumber as its 4-byte int).
        /// </summary>
        private static Span<TTo> As<TTo>(Span<T> span) =>
            MemoryMarshal.CreateSpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

        private static ReadOnlySpan<TTo> As<TTo>(ReadOnlySpan<T> span) =>
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

        public override void Release()
        {
            base.Release();
            if (_values is not null && RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_values);
            }
        }

        private static T Narrow(int v)
        {
            if (typeof(T) == typeof(short)) { short x = (short)v; return Unsafe.As<short, T>(ref x); }
            if (typeof(T) == typeof(sbyte)) { sbyte x = (sbyte)v; return Unsafe.As<sbyte, T>(ref x); }
            if (typeof(T) == typeof(byte)) { byte x = (byte)v; return Unsafe.As<byte, T>(ref x); }
            if (typeof(T) == typeof(ushort)) { ushort x = (ushort)v; return Unsafe.As<ushort, T>(ref x); }
            throw new InvalidOperationException($"{typeof(T).Name} is not a narrow integer.");
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
            if (typeof(T) == typeof(DayNumber)) return Unsafe.As<T, DayNumber>(ref v).Value;
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
}
