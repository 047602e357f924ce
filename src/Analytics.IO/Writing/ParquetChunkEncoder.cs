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
/// One encoded column chunk: an optional dictionary page and a single v1 data page (each a page header and a
/// Snappy-compressed body), and what the footer says about them. A function of the values alone, so equal inputs give equal bytes on any
/// thread.
/// </summary>
/// <param name="Bytes">Page header followed by the compressed page.</param>
/// <param name="Length">Bytes used in <paramref name="Bytes"/>.</param>
/// <param name="UncompressedSize">Page header + uncompressed page, as ColumnMetaData.total_uncompressed_size.</param>
/// <param name="Values">Values including nulls (ColumnMetaData.num_values).</param>
/// <param name="NullCount">Null values.</param>
/// <param name="Min">Plain-encoded minimum (no length prefix), or null when every value is null or there are none.</param>
/// <param name="Max">Plain-encoded maximum, or null.</param>
/// <param name="Snappy">Pages are Snappy-compressed (otherwise stored as they are).</param>
/// <param name="DictionaryLength">Bytes of the dictionary page at the start of <paramref name="Bytes"/> (0: no dictionary, PLAIN
/// values).</param>
internal sealed record EncodedChunk(byte[] Bytes, int Length, long UncompressedSize, long Values, long NullCount, byte[]? Min, byte[]? Max,
    bool Snappy, int DictionaryLength = 0);

/// <summary>
/// Encodes one column slice as one Parquet data page: definition levels (RLE/bit-packed hybrid, optional columns
/// only), PLAIN values, Snappy compression where it saves at least a quarter (else none), and min/max/null-count statistics in the column's
/// sort order (signed
/// for numbers, unsigned bytewise UTF-8 for strings; ±0 follows the format's rule: min −0, max +0).
/// </summary>
/// <remarks>
/// Text with few distinct values (tiers, bands, severities, reason codes, industries…) is dictionary-encoded: a PLAIN
/// dictionary page of the distinct values in order of first appearance, and RLE/bit-packed indices in the data page.
/// A column is treated so when its first <see cref="DictionarySample"/> values, and all of them, hold at most half as
/// many distinct ones, and the slice at most <see cref="MaxDictionaryEntries"/>; otherwise (ids) it stays PLAIN. The choice
/// depends on the values alone, so it is the same on every thread.
/// </remarks>
internal static class ParquetChunkEncoder
{
    /// <summary>DATE is days since 1970-01-01; our day numbers count from 0001-01-01.</summary>
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Largest dictionary; past it a text column is written PLAIN.</summary>
    public const int MaxDictionaryEntries = 4096;

    /// <summary>Values looked at before deciding that a text column is too distinct for a dictionary.</summary>
    public const int DictionarySample = 1024;

    /// <summary>Bytes of a data page Snappy is tried on before the whole chunk is compressed.</summary>
    public const int CompressionSample = 64 * 1024;

    /// <summary>Largest compressed share of the sample at which the chunk is compressed (Snappy must save a quarter).</summary>
    public const double MaxCompressedShare = 0.75;

    /// <summary>Physical type and whether the column is optional, for <paramref name="kind"/> (the schema the tables have always
    /// had).</summary>
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

    private static EncodedChunk EncodeStrings(ReadOnlySpan<string?> values) =>
        TryDictionary(values) ?? EncodePlainStrings(values);

    /// <summary>The dictionary-encoded chunk, or null when the values are too distinct for one.</summary>
    private static EncodedChunk? TryDictionary(ReadOnlySpan<string?> values)
    {
        int n = values.Length;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<string>();
        // Most cells of such columns share a handful of string objects, so a small cache keyed by object identity
        // saves hashing the text on almost every row; equal texts in different objects still meet in the dictionary.
        const int CacheSlots = 64;
        var cachedString = new string?[CacheSlots];
        var cachedIndex = new int[CacheSlots];
        int[] indices = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        try
        {
            int m = 0;
            long nulls = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[i];
                if (s is null)
                {
                    nulls++;
                    continue;
                }

                int slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(s) & (CacheSlots - 1);
                int k;
                if (ReferenceEquals(cachedString[slot], s))
                {
                    k = cachedIndex[slot];
                }
                else
                {
                    if (!index.TryGetValue(s, out k))
                    {
                        k = entries.Count;
                        if (k == MaxDictionaryEntries)
                        {
                            return null;
                        }

                        index.Add(s, k);
                        entries.Add(s);
                    }

                    cachedString[slot] = s;
                    cachedIndex[slot] = k;
                }

                indices[m++] = k;
                if (m == DictionarySample && entries.Count > DictionarySample / 2)
                {
                    return null;
                }
            }

            // Mostly distinct (or no values at all): a dictionary would only add a page.
            if (entries.Count == 0 || entries.Count * 2 > m)
            {
                return null;
            }

            return EncodeDictionary(values, entries, indices.AsSpan(0, m), nulls);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static EncodedChunk EncodeDictionary(ReadOnlySpan<string?> values, List<string> entries, ReadOnlySpan<int> indices, long nulls)
    {
        // Dictionary page: the distinct values, PLAIN; the statistics come from them.
        long capacity = 0;
        foreach (var e in entries)
        {
            capacity += 4 + Encoding.UTF8.GetMaxByteCount(e.Length);
        }

        byte[] dictionary = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, capacity));
        int bitWidth = RleBitPackedEncoder.BitWidth(Math.Max(0, entries.Count - 1));
        byte[] body = ArrayPool<byte>.Shared.Rent(4 + DefinitionLevelEncoder.MaxLength(values.Length) + 1
            + RleBitPackedEncoder.MaxLength(indices.Length, bitWidth));
        try
        {
            int pos = 0, minOffset = -1, minLength = 0, maxOffset = -1, maxLength = 0;
            foreach (var e in entries)
            {
                int length = Encoding.UTF8.GetBytes(e, dictionary.AsSpan(pos + 4));
                BinaryPrimitives.WriteInt32LittleEndian(dictionary.AsSpan(pos), length);
                int offset = pos + 4;
                var bytes = dictionary.AsSpan(offset, length);
                if (minOffset < 0 || bytes.SequenceCompareTo(dictionary.AsSpan(minOffset, minLength)) < 0)
                {
                    (minOffset, minLength) = (offset, length);
                }

                if (maxOffset < 0 || bytes.SequenceCompareTo(dictionary.AsSpan(maxOffset, maxLength)) > 0)
                {
                    (maxOffset, maxLength) = (offset, length);
                }

                pos = offset + length;
            }

            byte[]? min = minOffset < 0 ? null : dictionary.AsSpan(minOffset, minLength).ToArray();
            byte[]? max = maxOffset < 0 ? null : dictionary.AsSpan(maxOffset, maxLength).ToArray();

            // Data page: definition levels, the index bit width, then the indices.
            int bodyLength = WriteDefinitionLevels(values, body);
            body[bodyLength++] = (byte)bitWidth;
            bodyLength += RleBitPackedEncoder.Encode(indices, bitWidth, body.AsSpan(bodyLength));
            bool snappy = Compressible(body.AsSpan(0, bodyLength));
            var (dictionaryPage, dictionaryUncompressed) = Page(dictionary.AsSpan(0, pos), PageKind.Dictionary, entries.Count, snappy);
            var (dataPage, dataUncompressed) = Page(body.AsSpan(0, bodyLength), PageKind.DictionaryIndices, values.Length, snappy);

            byte[] bytes2 = GC.AllocateUninitializedArray<byte>(dictionaryPage.Length + dataPage.Length);
            dictionaryPage.CopyTo(bytes2, 0);
            dataPage.CopyTo(bytes2, dictionaryPage.Length);
            return new EncodedChunk(bytes2, bytes2.Length, dictionaryUncompressed + dataUncompressed, values.Length, nulls, min, max,
                snappy, dictionaryPage.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
            ArrayPool<byte>.Shared.Return(dictionary);
        }
    }

    private static EncodedChunk EncodePlainStrings(ReadOnlySpan<string?> values)
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

    private enum PageKind
    {
        Plain,
        Dictionary,
        DictionaryIndices,
    }

    /// <summary>A data page of PLAIN values.</summary>
    private static EncodedChunk Finish(ReadOnlySpan<byte> body, int values, long nulls, byte[]? min, byte[]? max)
    {
        bool snappy = Compressible(body);
        var (bytes, uncompressed) = Page(body, PageKind.Plain, values, snappy);
        return new EncodedChunk(bytes, bytes.Length, uncompressed, values, nulls, min, max, snappy);
    }

    /// <summary>
    /// Whether Snappy pays for this chunk, judged on the first <see cref="CompressionSample"/> bytes of its data page:
    /// full-precision amounts barely compress, and compressing them costs more time than the bytes it saves.
    /// </summary>
    private static bool Compressible(ReadOnlySpan<byte> body)
    {
        var sample = body[..Math.Min(body.Length, CompressionSample)];
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Snappier.Snappy.GetMaxCompressedLength(sample.Length));
        try
        {
            return Snappier.Snappy.Compress(sample, scratch) <= MaxCompressedShare * sample.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Compresses a page body (when <paramref name="snappy"/>) and prepends its header; returns the page and its uncompressed size
    /// with header.</summary>
    private static (byte[] Bytes, long UncompressedSize) Page(ReadOnlySpan<byte> body, PageKind kind, int values, bool snappy)
    {
        byte[] compressed = ArrayPool<byte>.Shared.Rent(snappy ? Snappier.Snappy.GetMaxCompressedLength(body.Length) : 1);
        try
        {
            int compressedLength = snappy ? Snappier.Snappy.Compress(body, compressed) : body.Length;
            var header = new ArrayBufferWriter<byte>(32);
            var thrift = new ThriftCompactWriter(header);
            thrift.I32(1, kind == PageKind.Dictionary ? 2 : 0); // type: DICTIONARY_PAGE or DATA_PAGE
            thrift.I32(2, body.Length); // uncompressed_page_size
            thrift.I32(3, compressedLength); // compressed_page_size
            if (kind == PageKind.Dictionary)
            {
                thrift.StructBegin(7); // dictionary_page_header
                thrift.I32(1, values); // num_values
                thrift.I32(2, 0); // encoding: PLAIN
                thrift.StructEnd();
            }
            else
            {
                thrift.StructBegin(5); // data_page_header
                thrift.I32(1, values); // num_values, nulls included
                thrift.I32(2, kind == PageKind.Plain ? 0 : 8); // encoding: PLAIN or RLE_DICTIONARY
                thrift.I32(3, 3); // definition_level_encoding: RLE
                thrift.I32(4, 3); // repetition_level_encoding: RLE
                thrift.StructEnd();
            }

            thrift.End();

            int headerLength = header.WrittenCount;
            byte[] bytes = GC.AllocateUninitializedArray<byte>(headerLength + compressedLength);
            header.WrittenSpan.CopyTo(bytes);
            (snappy ? compressed.AsSpan(0, compressedLength) : body).CopyTo(bytes.AsSpan(headerLength));
            return (bytes, headerLength + (long)body.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }
}
