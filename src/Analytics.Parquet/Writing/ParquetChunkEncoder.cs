using System.Buffers;
using System.Buffers.Binary;

namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// Encodes one column slice as one Parquet data page: definition levels (RLE/bit-packed hybrid, optional columns
/// only), PLAIN values, Snappy compression where it saves at least a quarter (else none), and min/max/null-count statistics in the column's sort order (signed
/// for numbers, unsigned bytewise UTF-8 for strings; ±0 follows the format's rule: min −0, max +0).
/// </summary>
/// <remarks>
/// Text with few distinct values (tiers, bands, severities, reason codes, industries…) is dictionary-encoded: a PLAIN
/// dictionary page of the distinct values in order of first appearance, and RLE/bit-packed indices in the data page.
/// A column is treated so when its first <see cref="DictionarySample"/> values, and all of them, hold at most half as
/// many distinct ones, and the slice at most <see cref="MaxDictionaryEntries"/>; otherwise (ids) it stays PLAIN. The choice
/// depends on the values alone, so it is the same on every thread.
/// </remarks>
internal static partial class ParquetChunkEncoder
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

    /// <summary>Physical type and whether the column is optional, for <paramref name="kind"/> (the schema the tables have always had).</summary>
    public static (ParquetPhysicalType Type, bool Optional) Layout(ParquetColumnType kind) => kind switch
    {
        ParquetColumnType.Text => (ParquetPhysicalType.ByteArray, true),
        ParquetColumnType.Double => (ParquetPhysicalType.Double, true),
        ParquetColumnType.Int32 => (ParquetPhysicalType.Int32, false),
        ParquetColumnType.Int64 => (ParquetPhysicalType.Int64, false),
        ParquetColumnType.Date => (ParquetPhysicalType.Int32, false),
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    /// <summary>
    /// Encodes rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="values"/>, an array
    /// of the CLR type <paramref name="kind"/> is written from (string?[], double[], int[], long[], or int[] of day numbers).
    /// </summary>
    public static EncodedChunk Encode(ParquetColumnType kind, Array values, int start, int count) => kind switch
    {
        ParquetColumnType.Text => EncodeStrings(((string?[])values).AsSpan(start, count)),
        ParquetColumnType.Double => EncodeDoubles(((double[])values).AsSpan(start, count)),
        ParquetColumnType.Int32 => EncodeInts(((int[])values).AsSpan(start, count), 0),
        ParquetColumnType.Int64 => EncodeLongs(((long[])values).AsSpan(start, count)),
        ParquetColumnType.Date => EncodeInts(((int[])values).AsSpan(start, count), EpochDay),
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    private static EncodedChunk EncodeStrings(ReadOnlySpan<string?> values) =>
        TryDictionary(values) ?? EncodePlainStrings(values);

    /// <summary>A data page of PLAIN values.</summary>
    private static EncodedChunk Finish(ReadOnlySpan<byte> body, int values, long nulls, byte[]? min, byte[]? max)
    {
        bool snappy = Compressible(body);
        var (bytes, uncompressed) = PlainDataPage(body, values, snappy);
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
}
