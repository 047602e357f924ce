using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.ExceptionServices;
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
/// a single thread would; chunks go into the file in schema order as soon as those before them are there.
/// </remarks>
public static class ParquetTableWriter
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 1_000_000;

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> on the calling thread.</summary>
    public static Task WriteAsync(OutputTable table, string path, CancellationToken cancellationToken = default)
    {
        using var job = new ParquetTableJob(table, path);
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
/// One table's Parquet file: <see cref="EncodeChunk"/> for every chunk (from any threads, each index once), then
/// <see cref="WriteFile"/>, which writes the footer and returns the file's SHA-256. Chunks are streamed to the file in
/// schema order as soon as every chunk before them is encoded, and only their footer metadata is kept, so the encoded
/// bytes of a large table are not all held at once. The bytes do not depend on which thread encoded which chunk, or
/// in what order.
/// </summary>
public sealed class ParquetTableJob : IDisposable
{
    private static readonly string CreatedBy = "analytics version " +
        (typeof(ParquetTableJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0");

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly OutputTable _table;
    private readonly EncodedChunkCache? _cache;
    private readonly int _groups;

    /// <summary>Guards the fields below; <see cref="Monitor.Wait(object)"/> on it waits for the flusher.</summary>
    private readonly object _gate = new();

    /// <summary>Each chunk once encoded; once written, a copy without its bytes (the footer needs only the metadata).</summary>
    private readonly EncodedChunk?[] _chunks;
    private readonly long[] _offsets;
    private FileStream? _stream;
    private IncrementalHash? _hash;
    private long _position;

    /// <summary>Chunks written to the file so far (a prefix in schema order).</summary>
    private int _written;

    /// <summary>A thread is writing chunks; only it touches the stream, the hash and the position.</summary>
    private bool _flushing;

    /// <summary>The first failure to create or write the file: every later call fails with it.</summary>
    private ExceptionDispatchInfo? _failure;

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
        _offsets = new long[_chunks.Length];
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The table written.</summary>
    public OutputTable Table => _table;

    /// <summary>Column chunks to encode: row groups × columns.</summary>
    public int ChunkCount => _chunks.Length;

    /// <summary>Bytes of encoded chunks held, waiting for a chunk before them to be encoded (tests check they are let go).</summary>
    internal long HeldBytes
    {
        get
        {
            lock (_gate)
            {
                long held = 0;
                foreach (var chunk in _chunks)
                {
                    held += chunk?.Bytes.Length ?? 0;
                }

                return held;
            }
        }
    }

    /// <summary>
    /// Encodes chunk <paramref name="index"/> (row group index / columns, column index % columns) and writes it, with any
    /// encoded chunks after it, when every chunk before it is written. Chunk 0 creates the file first, so a file that
    /// cannot be created fails the same chunk on any thread count.
    /// </summary>
    public void EncodeChunk(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _chunks.Length);
        if (index == 0)
        {
            lock (_gate)
            {
                Open();
            }
        }

        int group = index / _table.Columns.Count;
        var column = _table.Columns[index % _table.Columns.Count];
        int start = group * ParquetTableWriter.RowGroupSize;
        int count = RowsOfGroup(group);
        // The chunk's pooled bytes go back to the pool once written (Flush); a chunk the cache shares is not pooled.
        var chunk = _cache is null ? Encode(column, start, count) : _cache.GetOrEncode(column, start, count);
        lock (_gate)
        {
            _failure?.Throw();
            _chunks[index] = chunk;
            if (_flushing || index != _written)
            {
                // Written by the thread flushing now, or by the one that encodes the chunk this one waits for.
                return;
            }

            _flushing = true;
        }

        Flush();
    }

    /// <summary>Writes the footer once every chunk is encoded and written; returns the file's SHA-256 as lowercase hex.</summary>
    public string WriteFile()
    {
        lock (_gate)
        {
            for (int i = 0; i < _chunks.Length; i++)
            {
                if (_chunks[i] is null)
                {
                    throw new InvalidOperationException($"Chunk {i} of '{_table.Name}' was not encoded.");
                }
            }

            while (_flushing)
            {
                Monitor.Wait(_gate);
            }

            _failure?.Throw();
            _flushing = true;
            Open();
        }

        // Every chunk is encoded and no one else flushes: write what is left, then the footer.
        Flush();
        lock (_gate)
        {
            _failure?.Throw();
            if (_written != _chunks.Length)
            {
                throw new InvalidOperationException($"Only {_written} of {_chunks.Length} chunks of '{_table.Name}' were written.");
            }

            _flushing = true;
        }

        try
        {
            var footer = Footer(_offsets);
            Span<byte> tail = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(tail, footer.WrittenCount);
            Magic.CopyTo(tail[4..]);
            Emit(footer.WrittenSpan);
            Emit(tail);
            _stream!.Flush();
            return Convert.ToHexStringLower(_hash!.GetHashAndReset());
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
            }

            throw;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Closes the file (written or not); the job cannot write after this.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _hash?.Dispose();
            _failure ??= ExceptionDispatchInfo.Capture(new ObjectDisposedException(nameof(ParquetTableJob)));
        }
    }

    /// <summary>Creates the file and writes the leading magic, once (under <see cref="_gate"/>).</summary>
    private void Open()
    {
        _failure?.Throw();
        if (_stream is not null)
        {
            return;
        }

        try
        {
            _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }

        _stream.Write(Magic);
        _hash.AppendData(Magic);
        _position = Magic.Length;
    }

    /// <summary>
    /// Writes encoded chunks in order while the next one is there; the caller has set <see cref="_flushing"/>, and this
    /// clears it. Writing happens outside the lock, so other threads keep depositing chunks meanwhile.
    /// </summary>
    private void Flush()
    {
        try
        {
            while (true)
            {
                EncodedChunk? next;
                int index;
                lock (_gate)
                {
                    index = _written;
                    next = index < _chunks.Length ? _chunks[index] : null;
                    if (next is null || _stream is null)
                    {
                        _flushing = false;
                        Monitor.PulseAll(_gate);
                        return;
                    }
                }

                _offsets[index] = _position;
                Emit(next.Bytes.AsSpan(0, next.Length));
                lock (_gate)
                {
                    // The bytes are in the file: keep what the footer needs and let the encoded pages go.
                    _chunks[index] = next with { Bytes = [] };
                    _written = index + 1;
                }

                if (next.Pooled)
                {
                    PooledByteWriter.Return(next.Bytes);
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
                _flushing = false;
                Monitor.PulseAll(_gate);
            }

            throw;
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        _stream!.Write(bytes);
        _hash!.AppendData(bytes);
        _position += bytes.Length;
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

    /// <summary>
    /// The pooled chunk of rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="column"/>; a derived
    /// text column gives just those rows, into a pooled array let go right after (the same strings, so the same bytes).
    /// </summary>
    internal static EncodedChunk Encode(OutputColumn column, int start, int count)
    {
        if (!column.IsDerived)
        {
            return ParquetChunkEncoder.Encode(ColumnType(column.Kind), column.Values, start, count, pooled: true);
        }

        string?[] rows = ArrayPool<string?>.Shared.Rent(Math.Max(1, count));
        try
        {
            column.CopyText(start, rows.AsSpan(0, count));
            return ParquetChunkEncoder.Encode(ParquetColumnType.Text, rows, 0, count, pooled: true);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(rows, clearArray: true);
        }
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
