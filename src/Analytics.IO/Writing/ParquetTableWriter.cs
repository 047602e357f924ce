using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;

namespace Analytics.IO.Writing;

/// <summary>
/// Writes an <see cref="OutputTable"/> as Parquet with fixed settings, so the same table always gives the same bytes:
/// one row group per 1,000,000 rows, one data page per column chunk (PLAIN values, or dictionary indices for text
/// with few distinct values), Snappy where it saves at least a quarter of a chunk, min/max/null-count statistics,
/// no timestamps. Text and doubles are OPTIONAL (NaN is written as null); ints, longs and dates REQUIRED.
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
            ? ParquetChunkEncoder.Encode(column, start, count)
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
        var columns = _table.Columns;
        var output = new ArrayBufferWriter<byte>(1024);
        var t = new ThriftCompactWriter(output);
        t.I32(1, 1); // version
        t.ListBegin(2, ThriftCompactWriter.ListOfStruct, columns.Count + 1); // schema
        t.ElementStructBegin();
        t.String(4, "root");
        t.I32(5, columns.Count);
        t.StructEnd();
        foreach (var c in columns)
        {
            SchemaElement(t, c);
        }

        t.I64(3, _table.RowCount); // num_rows
        t.ListBegin(4, ThriftCompactWriter.ListOfStruct, _groups); // row_groups
        for (int g = 0; g < _groups; g++)
        {
            long uncompressed = 0, compressed = 0;
            for (int c = 0; c < columns.Count; c++)
            {
                var chunk = _chunks[g * columns.Count + c]!;
                uncompressed += chunk.UncompressedSize;
                compressed += chunk.Length;
            }

            t.ElementStructBegin();
            t.ListBegin(1, ThriftCompactWriter.ListOfStruct, columns.Count); // columns
            for (int c = 0; c < columns.Count; c++)
            {
                int index = g * columns.Count + c;
                ColumnChunk(t, columns[c], _chunks[index]!, offsets[index]);
            }

            t.I64(2, uncompressed); // total_byte_size
            t.I64(3, RowsOfGroup(g)); // num_rows
            t.I64(5, offsets[g * columns.Count]); // file_offset
            t.I64(6, compressed); // total_compressed_size
            t.I16(7, (short)g); // ordinal
            t.StructEnd();
        }

        t.String(6, CreatedBy);
        t.ListBegin(7, ThriftCompactWriter.ListOfStruct, columns.Count); // column_orders
        for (int c = 0; c < columns.Count; c++)
        {
            // TypeDefinedOrder: min/max follow each type's natural order (unsigned bytes for text).
            t.ElementStructBegin();
            t.EmptyStruct(1);
            t.StructEnd();
        }

        t.End();
        return output;
    }

    private static void SchemaElement(ThriftCompactWriter t, OutputColumn column)
    {
        var (type, optional) = ParquetChunkEncoder.Layout(column.Kind);
        t.ElementStructBegin();
        t.I32(1, (int)type);
        t.I32(3, optional ? 1 : 0); // repetition_type
        t.String(4, column.Name);
        switch (column.Kind)
        {
            case OutputKind.String:
                t.I32(6, 0); // converted_type UTF8
                t.StructBegin(10); // logicalType
                t.EmptyStruct(1); // STRING
                t.StructEnd();
                break;
            case OutputKind.Date:
                t.I32(6, 6); // DATE
                t.StructBegin(10);
                t.EmptyStruct(6); // DATE
                t.StructEnd();
                break;
            case OutputKind.Int:
            case OutputKind.Long:
                t.I32(6, column.Kind == OutputKind.Int ? 17 : 18); // INT_32 / INT_64
                t.StructBegin(10);
                t.StructBegin(10); // INTEGER
                t.I8(1, column.Kind == OutputKind.Int ? (sbyte)32 : (sbyte)64); // bitWidth
                t.Bool(2, true); // isSigned
                t.StructEnd();
                t.StructEnd();
                break;
        }

        t.StructEnd();
    }

    private static void ColumnChunk(ThriftCompactWriter t, OutputColumn column, EncodedChunk chunk, long offset)
    {
        var (type, _) = ParquetChunkEncoder.Layout(column.Kind);
        t.ElementStructBegin();
        t.I64(2, offset); // file_offset (of the chunk's first page, as Parquet.Net writes it)
        t.StructBegin(3); // meta_data
        t.I32(1, (int)type);
        bool dictionary = chunk.DictionaryLength > 0;
        t.ListBegin(2, ThriftCompactWriter.ListOfI32, dictionary ? 3 : 2); // encodings
        t.ElementI32(0); // PLAIN (values, or the dictionary page)
        t.ElementI32(3); // RLE (definition levels)
        if (dictionary)
        {
            t.ElementI32(8); // RLE_DICTIONARY (indices)
        }

        t.ListBegin(3, ThriftCompactWriter.ListOfBinary, 1); // path_in_schema
        t.ElementString(column.Name);
        t.I32(4, chunk.Snappy ? 1 : 0); // codec: SNAPPY or UNCOMPRESSED
        t.I64(5, chunk.Values);
        t.I64(6, chunk.UncompressedSize);
        t.I64(7, chunk.Length);
        t.I64(9, offset + chunk.DictionaryLength); // data_page_offset
        if (dictionary)
        {
            t.I64(11, offset); // dictionary_page_offset
        }

        t.StructBegin(12); // statistics
        bool numeric = column.Kind != OutputKind.String;
        if (numeric && chunk.Max is not null)
        {
            // The deprecated min/max are signed-order values; only numbers qualify.
            t.Binary(1, chunk.Max);
            t.Binary(2, chunk.Min);
        }

        t.I64(3, chunk.NullCount);
        if (chunk.Max is not null)
        {
            t.Binary(5, chunk.Max);
            t.Binary(6, chunk.Min);
        }

        t.StructEnd();
        t.StructEnd();
        t.StructEnd();
    }
}
