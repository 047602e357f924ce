using System.Collections.Concurrent;
using Analytics.Core.Errors;
using Analytics.ParquetFormat.Reading;
using Microsoft.Win32.SafeHandles;
using Parquet;
using Parquet.Schema;

namespace Analytics.IO.Reading;

/// <summary>
/// Reads a Parquet file: one block per row group, delivered in batches of at most <see cref="MaxBatchRows"/> rows.
/// Parquet.Net's reader owns one stream and is not safe for concurrent use, so each concurrent
/// <see cref="ReadBlockAsync"/> borrows a <see cref="Lease"/> (stream, reader, column buffers, batch) from a pool;
/// at most one lease per concurrent caller is ever created. Column chunks of the common kinds are decoded by
/// <see cref="ParquetChunkDecoder"/> straight from the file; Parquet.Net reads the footer and every other chunk.
/// </summary>
internal sealed class ParquetTableReader : ITableFileReader
{
    public const int MaxBatchRows = 65_536;

    private readonly TableFile _file;
    private readonly TableSchema _schema;
    private readonly ParquetOptions _options;
    private readonly long[] _firstRowNumber;
    private readonly int[] _rowCounts;
    private readonly ConcurrentBag<Lease> _idle = new();
    private readonly bool _direct;
    private int _disposed;
    private long _directChunks;
    private long _parquetNetChunks;

    private ParquetTableReader(TableFile file, TableSchema schema, ParquetOptions options, bool direct, Lease first, int[] rowCounts)
    {
        _file = file;
        _schema = schema;
        _options = options;
        _direct = direct;
        _rowCounts = rowCounts;
        _firstRowNumber = new long[rowCounts.Length];
        long next = 1;
        for (int i = 0; i < rowCounts.Length; i++)
        {
            _firstRowNumber[i] = next;
            next += rowCounts[i];
        }

        _idle.Add(first);
    }

    public string File => _file.DisplayName;

    public int BlockCount => _rowCounts.Length;

    public long? RowCount
    {
        get
        {
            long total = 0;
            foreach (int rows in _rowCounts)
            {
                total += rows;
            }

            return total;
        }
    }

    /// <summary>Column chunks read so far by <see cref="ParquetChunkDecoder"/>.</summary>
    internal long DirectChunks => Interlocked.Read(ref _directChunks);

    /// <summary>Column chunks read so far through Parquet.Net.</summary>
    internal long ParquetNetChunks => Interlocked.Read(ref _parquetNetChunks);

    public static async ValueTask<ITableFileReader> OpenAsync(TableFile file, TableSchema schema, CancellationToken cancellationToken) =>
        await OpenAsync(file, schema, direct: !InputFolder.ParquetNetOnly, cancellationToken).ConfigureAwait(false);

    /// <param name="file">The file.</param>
    /// <param name="schema">The columns wanted.</param>
    /// <param name="direct">False reads every chunk through Parquet.Net (tests compare the two paths).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    internal static async ValueTask<ParquetTableReader> OpenAsync(TableFile file, TableSchema schema, bool direct,
        CancellationToken cancellationToken)
    {
        var options = CreateOptions(useBigDecimal: false);
        var lease = await Lease.OpenAsync(file, schema, options, direct, cancellationToken).ConfigureAwait(false);
        try
        {
            CheckSchema(file, schema, lease.Reader.Schema);
            if (ParquetTypeMapping.NeedsBigDecimal(lease.Fields))
            {
                // decimal holds 28 digits; wider DECIMALs are read as BigDecimal (for the whole file: the option is per reader).
                await lease.DisposeAsync().ConfigureAwait(false);
                options = CreateOptions(useBigDecimal: true);
                lease = await Lease.OpenAsync(file, schema, options, direct, cancellationToken).ConfigureAwait(false);
            }

            int[] rowCounts = new int[lease.Reader.RowGroupCount];
            for (int i = 0; i < rowCounts.Length; i++)
            {
                long rows = lease.Reader.OpenRowGroupReader(i).RowCount;
                if (rows > Array.MaxLength)
                {
                    throw ReadingErrors.NotParquet(file.DisplayName,
                        $"row group {i + 1} holds {rows} rows, more than one block can hold; write smaller row groups", null);
                }

                rowCounts[i] = (int)rows;
            }

            return new ParquetTableReader(file, schema, options, direct, lease, rowCounts);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static ParquetOptions CreateOptions(bool useBigDecimal) => new()
    {
        // Unannotated BYTE_ARRAY columns (older Hive/Impala writers) are accepted as UTF-8 text.
        TreatByteArrayAsString = true,
        UseDateOnlyTypeForDates = true,
        UseBigDecimal = useBigDecimal,
    };

    /// <summary>Every requested column must be absent-and-optional or present with an accepted type.</summary>
    private static void CheckSchema(TableFile file, TableSchema schema, ParquetSchema fileSchema)
    {
        foreach (var column in schema.Columns)
        {
            var field = FindTopLevel(fileSchema, column.Name);
            if (field is null)
            {
                if (column.MustExist)
                {
                    throw ReadingErrors.MissingColumn(file.DisplayName, column, ReadingErrors.ExpectedParquet(column.Kind));
                }

                continue;
            }

            if (!ParquetTypeMapping.Accepts(column.Kind, field))
            {
                throw ReadingErrors.WrongType(file.DisplayName, column, ParquetTypeMapping.Describe(field),
                    ReadingErrors.ExpectedParquet(column.Kind));
            }
        }
    }

    private static Field? FindTopLevel(ParquetSchema fileSchema, string name)
    {
        foreach (var f in fileSchema.Fields)
        {
            if (string.Equals(f.Name, name, StringComparison.Ordinal))
            {
                return f;
            }
        }

        return null;
    }

    public async ValueTask ReadBlockAsync(int block, Action<ColumnBatch> consume, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, BlockCount);
        ArgumentNullException.ThrowIfNull(consume);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        if (!_idle.TryTake(out var lease))
        {
            lease = await Lease.OpenAsync(_file, _schema, _options, _direct, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await lease.ReadAsync(block, _rowCounts[block], _firstRowNumber[block], BlockCount, consume, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _directChunks, lease.DirectChunks);
            Interlocked.Add(ref _parquetNetChunks, lease.ParquetNetChunks);
            lease.ReleaseBuffers();
            if (Volatile.Read(ref _disposed) != 0)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                _idle.Add(lease);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryTake(out var lease))
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One open stream and reader with the per-column state needed to read one block at a time.</summary>
    private sealed class Lease : IAsyncDisposable
    {
        private readonly TableFile _file;
        private readonly Stream _stream;
        private readonly ParquetChunkDecoder? _decoder;
        private readonly ParquetColumnBuffer?[] _buffers;
        private readonly ColumnBatch _batch;

        private Lease(TableFile file, TableSchema schema, Stream stream, ParquetReader reader, ParquetChunkDecoder? decoder)
        {
            _file = file;
            _stream = stream;
            _decoder = decoder;
            Reader = reader;
            Fields = new DataField?[schema.Columns.Count];
            _buffers = new ParquetColumnBuffer?[schema.Columns.Count];
            for (int c = 0; c < Fields.Length; c++)
            {
                // A field of the wrong type is rejected by CheckSchema before any lease is read from.
                if (FindTopLevel(reader.Schema, schema.Columns[c].Name) is DataField data
                    && ParquetTypeMapping.Accepts(schema.Columns[c].Kind, data))
                {
                    Fields[c] = data;
                    var spec = schema.Columns[c];
                    _buffers[c] = ParquetColumnBuffer.For(data, StringInterner.For(spec), spec.CustomerKey ? schema.CustomerKeys : null,
                        schema.TextBySymbol && !spec.DistinctValues && !spec.CustomerKey);
                }
            }

            _batch = new ColumnBatch(schema, 0) { File = file.DisplayName };
        }

        public ParquetReader Reader { get; }

        /// <summary>This reader's field for each requested column; null when the file lacks it.</summary>
        public DataField?[] Fields { get; }

        /// <summary>Chunks of the last <see cref="ReadAsync"/> decoded directly / through Parquet.Net.</summary>
        public int DirectChunks { get; private set; }

        public int ParquetNetChunks { get; private set; }

        public static async ValueTask<Lease> OpenAsync(TableFile file, TableSchema schema, ParquetOptions options, bool direct,
            CancellationToken cancellationToken)
        {
            Stream stream;
            try
            {
                stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16,
                    FileOptions.RandomAccess);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ReadingErrors.CannotOpen(file.DisplayName, e);
            }

            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(stream, options, leaveStreamOpen: false, cancellationToken).ConfigureAwait(false);
                // The schema is decoded from the footer on first use; a damaged one must fail here, as a damaged footer.
                _ = reader.Schema;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                long length = stream.Length;
                await stream.DisposeAsync().ConfigureAwait(false);
                // Parquet.Net's own messages may quote file bytes; the reason given here is ours.
                // 12 bytes = leading magic + footer length + trailing magic, the smallest possible Parquet file.
                string reason = length < 12
                    ? "the file is too short to hold a Parquet footer"
                    : e is IOException
                        ? "no Parquet footer: the file is truncated or is not Parquet"
                        : "the footer metadata is corrupt or uses an unsupported feature";
                throw ReadingErrors.NotParquet(file.DisplayName, reason, e);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new Lease(file, schema, stream, reader, direct ? OpenDecoder(file) : null);
        }

        /// <summary>A second handle for positional reads; without one (it could not be opened) Parquet.Net reads everything.</summary>
        private static ParquetChunkDecoder? OpenDecoder(TableFile file)
        {
            try
            {
                SafeFileHandle handle = System.IO.File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read,
                    FileOptions.RandomAccess);
                return new ParquetChunkDecoder(handle);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public async ValueTask ReadAsync(int block, int rows, long firstRowNumber, int blockCount, Action<ColumnBatch> consume,
            CancellationToken cancellationToken)
        {
            var rowGroup = Reader.OpenRowGroupReader(block);
            DirectChunks = 0;
            ParquetNetChunks = 0;
            for (int c = 0; c < _buffers.Length; c++)
            {
                if (_buffers[c] is { } buffer)
                {
                    try
                    {
                        if (!TryLoadDirect(buffer, rowGroup, Fields[c]!, rows))
                        {
                            await buffer.LoadAsync(rowGroup, Fields[c]!, rows, cancellationToken).ConfigureAwait(false);
                            ParquetNetChunks++;
                        }
                    }
                    catch (ParquetChunkException e)
                    {
                        throw ReadingErrors.NotParquet(_file.DisplayName,
                            $"column '{Fields[c]!.Name}' in row group {block + 1} of {blockCount} {e.Reason}", e);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not InputException)
                    {
                        throw ReadingErrors.NotParquet(_file.DisplayName,
                            $"column '{Fields[c]!.Name}' in row group {block + 1} of {blockCount} cannot be decoded", e);
                    }
                }
            }

            _batch.EnsureCapacity(Math.Min(rows, MaxBatchRows));
            for (int start = 0; start < rows; start += MaxBatchRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(MaxBatchRows, rows - start);
                for (int c = 0; c < _buffers.Length; c++)
                {
                    var target = _batch.Columns[c];
                    if (_buffers[c] is { } buffer)
                    {
                        buffer.Fill(target, count);
                    }
                    else
                    {
                        Array.Fill(target.State, CellState.Null, 0, count);
                        ClearValues(target, count);
                    }
                }

                Array.Clear(_batch.WrongFieldCount, 0, count);
                _batch.FirstRowNumber = firstRowNumber + start;
                _batch.RowCount = count;
                consume(_batch);
            }
        }

        private bool TryLoadDirect(ParquetColumnBuffer buffer, ParquetRowGroupReader rowGroup, DataField field, int rows)
        {
            if (_decoder is null || buffer.DirectType is not { } physical
                || !ParquetChunkDecoder.TryPlan(rowGroup.GetMetadata(field)?.MetaData, field, physical, rows, out var chunk))
            {
                return false;
            }

            try
            {
                buffer.LoadDirect(_decoder, chunk, field, rows);
                DirectChunks++;
                return true;
            }
            catch (UnsupportedChunkException)
            {
                // Symbols already handed out stay valid: the interner is the same whichever path reads the chunk.
                return false;
            }
        }

        private static void ClearValues(ColumnData column, int count)
        {
            if (column.Strings is not null) Array.Clear(column.Strings, 0, count);
            column.HasCustomers = false;
            column.TextBySymbol = false;
            if (column.Symbols is not null) Array.Fill(column.Symbols, StringInterner.NoSymbol, 0, count);
            if (column.Doubles is not null) Array.Clear(column.Doubles, 0, count);
            if (column.Ints is not null) Array.Clear(column.Ints, 0, count);
        }

        public void ReleaseBuffers()
        {
            foreach (var buffer in _buffers)
            {
                buffer?.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            ReleaseBuffers();
            _decoder?.Dispose();
            await Reader.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
