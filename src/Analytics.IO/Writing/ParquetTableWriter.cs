using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using Analytics.ParquetFormat.Writing;

namespace Analytics.IO.Writing;

/// <summary>
/// Writes an <see cref="OutputTable"/> as Parquet with fixed settings, so the same table always gives the same bytes:
/// one row group per 1,000,000 rows, v1 data pages of at most 20,000 rows and 1 MiB of values (PLAIN values, or
/// dictionary indices for text with few distinct values), Snappy where it saves at least a quarter of a chunk's first
/// page, min/max/null-count statistics per column chunk, no timestamps. Text and doubles are OPTIONAL (NaN is written
/// as null); ints, longs and dates REQUIRED.
/// </summary>
/// <remarks>
/// The writer is the engine's own (see docs/PERFORMANCE.md): each column chunk is encoded independently of the
/// others, so a <see cref="ParquetTableJob"/> can spread one table's chunks over threads and still produce the bytes
/// a single thread would; the file is then laid out in schema order.
/// </remarks>
public static class ParquetTableWriter
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 1_000_000;

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> on the calling thread.</summary>
    public static Task WriteAsync(OutputTable table, string path, CancellationToken cancellationToken = default)
    {
        var job = new ParquetTableJob(table, path);
        for (int i = 0; i < job.ChunkCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            job.EncodeChunk(i);
        }

        job.WriteFile();
        return Task.CompletedTask;
    }
}

/// <summary>
/// One table's Parquet file in two steps: <see cref="EncodeChunk"/> for every chunk (from any threads, each index
/// once), then <see cref="WriteFile"/>, which lays the chunks out in schema order, writes the footer and returns the
/// file's SHA-256. The bytes do not depend on which thread encoded which chunk, or in what order.
/// </summary>
public sealed class ParquetTableJob
{
    private static readonly string CreatedBy = "analytics version " +
        (typeof(ParquetTableJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0");

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly OutputTable _table;
    private readonly EncodedChunkCache? _cache;
    private readonly EncodedChunk?[] _chunks;
    private readonly int _groups;

    /// <summary>Plans the file of <paramref name="table"/> at <paramref name="path"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">Where the file goes (created; must not exist).</param>
    /// <param name="cache">Shared by the jobs of one run so a column array written in several tables (customer ids) is encoded
    /// once.</param>
    public ParquetTableJob(OutputTable table, string path, EncodedChunkCache? cache = null)
    {
        _table = table;
        _cache = cache;
        Path = path;
        // An empty table still gets one (empty) row group so readers see the schema and zero rows.
        _groups = Math.Max(1, (table.RowCount + ParquetTableWriter.RowGroupSize - 1) / ParquetTableWriter.RowGroupSize);
        _chunks = new EncodedChunk?[_groups * table.Columns.Count];
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The table written.</summary>
    public OutputTable Table => _table;

    /// <summary>Column chunks to encode: row groups × columns.</summary>
    public int ChunkCount => _chunks.Length;

    /// <summary>Encodes chunk <paramref name="index"/> (row group index / columns, column index % columns).</summary>
    public void EncodeChunk(int index)
    {
        int group = index / _table.Columns.Count;
        var column = _table.Columns[index % _table.Columns.Count];
        int start = group * ParquetTableWriter.RowGroupSize;
        int count = RowsOfGroup(group);
        _chunks[index] = _cache is null
            ? ParquetChunkEncoder.Encode(ColumnType(column.Kind), column.Values, start, count)
            : _cache.GetOrEncode(column, start, count);
    }

    /// <summary>Writes the file from the encoded chunks; returns its SHA-256 as lowercase hex.</summary>
    public string WriteFile()
    {
        for (int i = 0; i < _chunks.Length; i++)
        {
            if (_chunks[i] is null)
            {
                throw new InvalidOperationException($"Chunk {i} of '{_table.Name}' was not encoded.");
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        void Emit(ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            hash.AppendData(bytes);
        }

        Emit(Magic);
        long position = Magic.Length;
        var offsets = new long[_chunks.Length];
        for (int i = 0; i < _chunks.Length; i++)
        {
            var chunk = _chunks[i]!;
            offsets[i] = position;
            Emit(chunk.Bytes.AsSpan(0, chunk.Length));
            position += chunk.Length;
        }

        var footer = Footer(offsets);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, footer.WrittenCount);
        Magic.CopyTo(tail[4..]);
        Emit(footer.WrittenSpan);
        Emit(tail);
        stream.Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private int RowsOfGroup(int group) =>
        Math.Min(ParquetTableWriter.RowGroupSize, _table.RowCount - group * ParquetTableWriter.RowGroupSize);

    private ArrayBufferWriter<byte> Footer(long[] offsets)
    {
        var columns = new ParquetColumnDescriptor[_table.Columns.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = new ParquetColumnDescriptor(_table.Columns[c].Name, ColumnType(_table.Columns[c].Kind));
        }

        var groupRows = new int[_groups];
        for (int g = 0; g < _groups; g++)
        {
            groupRows[g] = RowsOfGroup(g);
        }

        return ParquetFooterWriter.Write(columns, _table.RowCount, groupRows, _chunks, offsets, CreatedBy);
    }

    /// <summary>The Parquet column type an output column is written as.</summary>
    internal static ParquetColumnType ColumnType(OutputKind kind) => kind switch
    {
        OutputKind.String => ParquetColumnType.Text,
        OutputKind.Double => ParquetColumnType.Double,
        OutputKind.Int => ParquetColumnType.Int32,
        OutputKind.Long => ParquetColumnType.Int64,
        OutputKind.Date => ParquetColumnType.Date,
        _ => throw new InvalidOperationException(kind.ToString()),
    };
}
