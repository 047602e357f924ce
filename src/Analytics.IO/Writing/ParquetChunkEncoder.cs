using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.IO.Writing;

/// <summary>Parquet physical types used by the output tables (values of the format's Type enum).</summary>
internal enum ParquetPhysicalType
{
    Int32 = 1,
    Int64 = 2,
    Double = 5,
    ByteArray = 6,
}

/// <summary>
/// One encoded column chunk: a single v1 data page (page header + Snappy-compressed body) and what the footer says
/// about it. A function of the values alone, so equal inputs give equal bytes on any thread.
/// </summary>
/// <param name="Bytes">Page header followed by the compressed page.</param>
/// <param name="Length">Bytes used in <paramref name="Bytes"/>.</param>
/// <param name="UncompressedSize">Page header + uncompressed page, as ColumnMetaData.total_uncompressed_size.</param>
/// <param name="Values">Values including nulls (ColumnMetaData.num_values).</param>
/// <param name="NullCount">Null values.</param>
/// <param name="Min">Plain-encoded minimum (no length prefix), or null when every value is null or there are none.</param>
/// <param name="Max">Plain-encoded maximum, or null.</param>
internal sealed record EncodedChunk(byte[] Bytes, int Length, long UncompressedSize, long Values, long NullCount, byte[]? Min, byte[]? Max);

/// <summary>
/// Encodes one column slice as one Parquet data page: definition levels (RLE/bit-packed hybrid, optional columns
/// only), PLAIN values, Snappy compression, and min/max/null-count statistics in the column's sort order (signed
/// for numbers, unsigned bytewise UTF-8 for strings; ±0 follows the format's rule: min −0, max +0).
/// </summary>
internal static class ParquetChunkEncoder
{
    /// <summary>DATE is days since 1970-01-01; our day numbers count from 0001-01-01.</summary>
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Physical type and whether the column is optional, for <paramref name="kind"/> (the schema the tables have always had).</summary>
    public static (ParquetPhysicalType Type, bool Optional) Layout(OutputKind kind) => kind switch
    {
        OutputKind.String => (ParquetPhysicalType.ByteArray, true),
        OutputKind.Double => (ParquetPhysicalType.Double, true),
        OutputKind.Int => (ParquetPhysicalType.Int32, false),
        OutputKind.Long => (ParquetPhysicalType.Int64, false),
        OutputKind.Date => (ParquetPhysicalType.Int32, false),
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    /// <summary>Encodes rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="column"/>.</summary>
    public static EncodedChunk Encode(OutputColumn column, int start, int count) => column.Kind switch
    {
        OutputKind.String => EncodeStrings(((string?[])column.Values).AsSpan(start, count)),
        OutputKind.Double => EncodeDoubles(((double[])column.Values).AsSpan(start, count)),
        OutputKind.Int => EncodeInts(((int[])column.Values).AsSpan(start, count), 0),
        OutputKind.Long => EncodeLongs(((long[])column.Values).AsSpan(start, count)),
        OutputKind.Date => EncodeInts(((int[])column.Values).AsSpan(start, count), EpochDay),
        _ => throw new InvalidOperationException(column.Kind.ToString()),
    };

    private static EncodedChunk EncodeStrings(ReadOnlySpan<string?> values)
    {
        int n = values.Length;
        long capacity = 4 + DefinitionLevelEncoder.MaxLength(n);
        for (int i = 0; i < n; i++)
        {
            capacity += 4 + Encoding.UTF8.GetMaxByteCount(values[i]?.Length ?? 0);
        }

        if (capacity > Array.MaxLength)
        {
            throw new InvalidOperationException("A text column slice is too large for one Parquet page.");
        }

        byte[] body = ArrayPool<byte>.Shared.Rent((int)capacity);
        try
        {
            int pos = WriteDefinitionLevels(values, body);
            int minOffset = -1, minLength = 0, maxOffset = -1, maxLength = 0;
            long nulls = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[i];
                if (s is null)
                {
                    nulls++;
                    continue;
                }

                int length = Encoding.UTF8.GetBytes(s, body.AsSpan(pos + 4));
                BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(pos), length);
                int offset = pos + 4;
                var bytes = body.AsSpan(offset, length);
                if (minOffset < 0)
                {
                    (minOffset, minLength, maxOffset, maxLength) = (offset, length, offset, length);
                }
                else if (bytes.SequenceCompareTo(body.AsSpan(minOffset, minLength)) < 0)
                {
                    (minOffset, minLength) = (offset, length);
                }
                else if (bytes.SequenceCompareTo(body.AsSpan(maxOffset, maxLength)) > 0)
                {
                    (maxOffset, maxLength) = (offset, length);
                }

                pos = offset + length;
            }

            byte[]? min = minOffset < 0 ? null : body.AsSpan(minOffset, minLength).ToArray();
            byte[]? max = maxOffset < 0 ? null : body.AsSpan(maxOffset, maxLength).ToArray();
            return Finish(body.AsSpan(0, pos), n, nulls, min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static int WriteDefinitionLevels(ReadOnlySpan<string?> values, byte[] body)
    {
        int n = values.Length;
        byte[] levels = ArrayPool<byte>.Shared.Rent(Math.Max(1, n));
        try
        {
            for (int i = 0; i < n; i++)
            {
                levels[i] = values[i] is null ? (byte)0 : (byte)1;
            }

            return PrefixedLevels(levels.AsSpan(0, n), body);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(levels);
        }
    }

    /// <summary>Writes the v1 page's 4-byte length followed by the encoded levels; returns the position after them.</summary>
    private static int PrefixedLevels(ReadOnlySpan<byte> levels, Span<byte> body)
    {
        int length = DefinitionLevelEncoder.Encode(levels, body[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(body, length);
        return 4 + length;
    }

    private static EncodedChunk EncodeDoubles(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        int capacity = 4 + DefinitionLevelEncoder.MaxLength(n) + 8 * n;
        byte[] body = ArrayPool<byte>.Shared.Rent(capacity);
        byte[] levels = ArrayPool<byte>.Shared.Rent(Math.Max(1, n));
        try
        {
            long nulls = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double v = values[i];
                if (double.IsNaN(v))
                {
                    levels[i] = 0;
                    nulls++;
                    continue;
                }

                levels[i] = 1;
                if (v < min) min = v;
                if (v > max) max = v;
            }

            int pos = PrefixedLevels(levels.AsSpan(0, n), body);
            if (nulls == 0)
            {
                MemoryMarshal.AsBytes(values).CopyTo(body.AsSpan(pos));
                pos += 8 * n;
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(body.AsSpan(pos), values[i]);
                        pos += 8;
                    }
                }
            }

            byte[]? minBytes = null, maxBytes = null;
            if (nulls < n)
            {
                // The format's rule for zeros: a zero minimum is written as −0, a zero maximum as +0.
                if (min == 0) min = -0.0;
                if (max == 0) max = 0.0;
                minBytes = new byte[8];
                maxBytes = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(minBytes, min);
                BinaryPrimitives.WriteDoubleLittleEndian(maxBytes, max);
            }

            return Finish(body.AsSpan(0, pos), n, nulls, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(levels);
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeInts(ReadOnlySpan<int> values, int offset)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 4 * n));
        try
        {
            int min = int.MaxValue, max = int.MinValue;
            var target = MemoryMarshal.Cast<byte, int>(body.AsSpan(0, 4 * n));
            for (int i = 0; i < n; i++)
            {
                int v = values[i] - offset;
                target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                if (v < min) min = v;
                if (v > max) max = v;
            }

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[4];
                maxBytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt32LittleEndian(maxBytes, max);
            }

            return Finish(body.AsSpan(0, 4 * n), n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeLongs(ReadOnlySpan<long> values)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 8 * n));
        try
        {
            long min = long.MaxValue, max = long.MinValue;
            var target = MemoryMarshal.Cast<byte, long>(body.AsSpan(0, 8 * n));
            for (int i = 0; i < n; i++)
            {
                long v = values[i];
                target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                if (v < min) min = v;
                if (v > max) max = v;
            }

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[8];
                maxBytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt64LittleEndian(maxBytes, max);
            }

            return Finish(body.AsSpan(0, 8 * n), n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    /// <summary>Compresses the page body and prepends its header.</summary>
    private static EncodedChunk Finish(ReadOnlySpan<byte> body, int values, long nulls, byte[]? min, byte[]? max)
    {
        byte[] compressed = ArrayPool<byte>.Shared.Rent(Snappier.Snappy.GetMaxCompressedLength(body.Length));
        try
        {
            int compressedLength = Snappier.Snappy.Compress(body, compressed);
            var header = new ArrayBufferWriter<byte>(32);
            var thrift = new ThriftCompactWriter(header);
            thrift.I32(1, 0); // type: DATA_PAGE
            thrift.I32(2, body.Length); // uncompressed_page_size
            thrift.I32(3, compressedLength); // compressed_page_size
            thrift.StructBegin(5); // data_page_header
            thrift.I32(1, values); // num_values, nulls included
            thrift.I32(2, 0); // encoding: PLAIN
            thrift.I32(3, 3); // definition_level_encoding: RLE
            thrift.I32(4, 3); // repetition_level_encoding: RLE
            thrift.StructEnd();
            thrift.End();

            int headerLength = header.WrittenCount;
            byte[] bytes = GC.AllocateUninitializedArray<byte>(headerLength + compressedLength);
            header.WrittenSpan.CopyTo(bytes);
            compressed.AsSpan(0, compressedLength).CopyTo(bytes.AsSpan(headerLength));
            return new EncodedChunk(bytes, bytes.Length, headerLength + (long)body.Length, values, nulls, min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }
}
