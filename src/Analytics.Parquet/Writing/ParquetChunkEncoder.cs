using System.Buffers;
using System.Buffers.Binary;

namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// Encodes one column slice as a column chunk of bounded v1 data pages: definition levels (RLE/bit-packed hybrid,
/// optional columns only), PLAIN values, Snappy compression where it saves at least a quarter (else none), and
/// min/max/null-count statistics in the column's sort order (signed for numbers, unsigned bytewise UTF-8 for strings;
/// ±0 follows the format's rule: min −0, max +0).
/// </summary>
/// <remarks>
/// A data page holds at most <see cref="MaxPageRows"/> rows and, for text, at most <see cref="MaxPageBytes"/> bytes of
/// values (a single longer value gets a page of its own), so a reader that holds a page in memory needs little; pages
/// break at the same rows whatever the thread, and a slice of at most <see cref="MaxPageRows"/> rows is one page.
/// Text with few distinct values (tiers, bands, severities, reason codes, industries…) is dictionary-encoded: a PLAIN
/// dictionary page of the distinct values in order of first appearance, and RLE/bit-packed indices in the data pages.
/// A column is treated so when its first <see cref="DictionarySample"/> values, and all of them, hold at most half as
/// many distinct ones, the slice at most <see cref="MaxDictionaryEntries"/> and the dictionary page at most
/// <see cref="MaxPageBytes"/>; otherwise (ids) it stays PLAIN. The choice depends on the values alone, so it is the
/// same on every thread.
/// </remarks>
internal static partial class ParquetChunkEncoder
{
    /// <summary>DATE is days since 1970-01-01; our day numbers count from 0001-01-01.</summary>
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Largest dictionary; past it a text column is written PLAIN.</summary>
    public const int MaxDictionaryEntries = 4096;

    /// <summary>Values looked at before deciding that a text column is too distinct for a dictionary.</summary>
    public const int DictionarySample = 1024;

    /// <summary>Most rows in a data page (as arrow-rs bounds its pages by default): 160 KB of doubles.</summary>
    public const int MaxPageRows = 20_000;

    /// <summary>Most bytes of PLAIN text values (length prefixes included) in a data page, and in a dictionary page: 1 MiB.</summary>
    public const int MaxPageBytes = 1 << 20;

    /// <summary>Bytes of a data page Snappy is tried on before the whole chunk is compressed.</summary>
    public const int CompressionSample = 64 * 1024;

    /// <summary>Largest compressed share of the sample at which the chunk is compressed (Snappy must save a quarter).</summary>
    public const double MaxCompressedShare = 0.75;

    /// <summary>Physical type and whether the column is optional, for <paramref name="kind"/> (the schema the tables have always
    /// had).</summary>
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
    /// A <paramref name="pooled"/> chunk's bytes are a pooled array its user gives back once written
    /// (<see cref="EncodedChunk.Pooled"/>); the bytes are the same either way.
    /// </summary>
    public static EncodedChunk Encode(ParquetColumnType kind, Array values, int start, int count, bool pooled = false) => kind switch
    {
        ParquetColumnType.Text => EncodeStrings(((string?[])values).AsSpan(start, count), pooled),
        ParquetColumnType.Double => EncodeDoubles(((double[])values).AsSpan(start, count), pooled),
        ParquetColumnType.Int32 => EncodeInts(((int[])values).AsSpan(start, count), 0, pooled),
        ParquetColumnType.Int64 => EncodeLongs(((long[])values).AsSpan(start, count), pooled),
        ParquetColumnType.Date => EncodeInts(((int[])values).AsSpan(start, count), EpochDay, pooled),
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    private static EncodedChunk EncodeStrings(ReadOnlySpan<string?> values, bool pooled) =>
        TryDictionary(values, pooled) ?? EncodePlainStrings(values, pooled);

    /// <summary>The builder of a chunk whose first data page is <paramref name="firstPage"/>; Snappy is decided on it.</summary>
    private static ChunkBuilder Begin(ReadOnlySpan<byte> firstPage, int capacity, bool pooled) =>
        new(capacity, Compressible(firstPage), pooled);

    /// <summary>Rows in the data page that starts at <paramref name="start"/> of <paramref name="count"/> (fixed-width values).</summary>
    private static int PageRows(int start, int count) => Math.Min(MaxPageRows, count - start);

    /// <summary>
    /// Whether Snappy pays for this chunk, judged on the first <see cref="CompressionSample"/> bytes of its first data page:
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
