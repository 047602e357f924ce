using System.Runtime.ExceptionServices;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Reads every file and block of a table on several workers, counting rows per file.</summary>
internal static class TableScanner
{
    /// <summary>
    /// Reads the blocks (Parquet row groups, CSV files) of every file on up to <paramref name="threads"/> workers at
    /// once. Each worker owns one <typeparamref name="TWorker"/> (created by <paramref name="createWorker"/>) and is the
    /// only caller of <paramref name="consume"/> with it, so per-worker state needs no locking; the caller merges the
    /// returned workers. <paramref name="consume"/> also gets the index of the batch's file in <c>location.Files</c>.
    /// </summary>
    /// <remarks>
    /// Blocks are handed out in (file, block) order and files are opened one at a time as the cursor reaches them,
    /// so only about one file per worker is open. When blocks fail, the failure of the earliest block (or of opening
    /// the earliest file) is thrown — the same error a sequential scan would report — and no later block is started.
    /// <paramref name="fileOpened"/>, when given, is told each file's index and reader as the cursor opens it, before
    /// any of its blocks is handed out (and not for a file that fails to open); an exception from it counts as a
    /// failure to open that file.
    /// </remarks>
    public static async Task<TWorker[]> ScanParallelAsync<TWorker>(
        TableLocation? location,
        TableSchema schema,
        TableStats stats,
        int threads,
        Func<TWorker> createWorker,
        Action<TWorker, ColumnBatch, int> consume,
        CancellationToken cancellationToken,
        Action<int, ITableFileReader>? fileOpened = null)
    {
        if (location is null)
        {
            return [];
        }

        stats.Present = true;
        var scan = new ParallelScan(location, schema, fileOpened, cancellationToken);
        int workerCount = Math.Max(1, threads);
        var workers = new TWorker?[workerCount];
        var created = new bool[workerCount];
        var tasks = new Task[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            int index = w;
            // A worker's state is created when it gets its first block, so idle workers (more threads than blocks) cost nothing.
            tasks[w] = Task.Run(() => scan.RunWorkerAsync(file =>
            {
                if (!created[index])
                {
                    workers[index] = createWorker();
                    created[index] = true;
                }

                var worker = workers[index]!;
                return batch => consume(worker, batch, file);
            }), cancellationToken);
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            // Failures inside blocks are recorded by position; the earliest one is rethrown below.
        }
        finally
        {
            await scan.DisposeOpenReadersAsync().ConfigureAwait(false);
        }

        scan.ThrowEarliestFailure();
        foreach (var t in tasks)
        {
            // Cancellation before a worker started, or a failure outside a block.
            await t.ConfigureAwait(false);
        }

        for (int f = 0; f < location.Files.Count; f++)
        {
            stats.Files.Add((location.Files[f].DisplayName, scan.RowsOf(f)));
            stats.RowsRead += scan.RowsOf(f);
        }

        var used = new List<TWorker>(workerCount);
        for (int w = 0; w < workerCount; w++)
        {
            if (created[w])
            {
                used.Add(workers[w]!);
            }
        }

        return [.. used];
    }

    /// <summary>
    /// Stages every row of a table on up to <paramref name="threads"/> workers (see <see cref="ScanParallelAsync"/>):
    /// each file gets a <see cref="StagingBuffer"/> with <paramref name="slots"/> when it is opened, <paramref name="stage"/>
    /// writes a batch into its file's buffer (at <see cref="StagingBuffer.Place"/>), and the buffers are joined in file
    /// order. The staged rows, their order and the error thrown when blocks fail are those of a sequential read, for
    /// any thread count.
    /// </summary>
    public static async Task<StagedTable<TWorker>> StageAsync<TWorker>(
        TableLocation? location,
        TableSchema schema,
        TableStats stats,
        int threads,
        (int Doubles, int Ints, int Strings) slots,
        Func<TWorker> createWorker,
        Action<TWorker, ColumnBatch, StagingBuffer, int> stage,
        CancellationToken cancellationToken)
    {
        var buffers = new StagingBuffer?[location?.Files.Count ?? 0];
        var workers = await ScanParallelAsync(
            location,
            schema,
            stats,
            threads,
            createWorker,
            (w, batch, file) => stage(w, batch, buffers[file]!, file),
            cancellationToken,
            (file, reader) =>
            {
                // A file without a row count grows its buffer as it is read, which only one writer may do.
                if (reader.RowCount is null && reader.BlockCount > 1)
                {
                    throw new InvalidOperationException(
                        $"{reader.File}: a reader without a row count must have one block, not {reader.BlockCount}.");
                }

                buffers[file] = new StagingBuffer(slots.Doubles, slots.Ints, slots.Strings, reader.RowCount);
            }).ConfigureAwait(false);

        for (int f = 0; f < buffers.Length; f++)
        {
            // Rows are placed by row number, so a reader that announced more rows than it delivered would leave a gap.
            if (buffers[f] is { } b && b.Count != stats.Files[f].Rows)
            {
                throw new InvalidOperationException($"{stats.Files[f].File}: {stats.Files[f].Rows} rows read, {b.Count} staged.");
            }
        }

        var rows = StagingBuffer.Join(buffers, slots.Doubles, slots.Ints, slots.Strings, out int[] fileStart);
        return new StagedTable<TWorker>(rows, fileStart, workers);
    }

    /// <summary>The shared cursor over (file, block) and the bookkeeping of open files and failures.</summary>
    private sealed class ParallelScan(TableLocation location, TableSchema schema, Action<int, ITableFileReader>? fileOpened,
        CancellationToken cancellationToken)
    {
        /// <summary>Held while the cursor moves (and while it opens the next file), so blocks are handed out in order.</summary>
        private readonly SemaphoreSlim _cursorGate = new(1, 1);

        /// <summary>Guards the failure, the per-file pending counts and the open readers.</summary>
        private readonly Lock _lock = new();

        private readonly long[] _rows = new long[location.Files.Count];
        private readonly ITableFileReader?[] _readers = new ITableFileReader?[location.Files.Count];
        private readonly int[] _pendingBlocks = new int[location.Files.Count];

        // Cursor (under _cursorGate): the next block is (_file, _block) of _current, which has _blockCount blocks.
        private int _file = -1;
        private int _block;
        private int _blockCount;
        private ITableFileReader? _current;

        // Earliest failure so far, by (file, block); block −1 = opening the file.
        private (int File, int Block) _failedAt = (int.MaxValue, int.MaxValue);
        private ExceptionDispatchInfo? _failure;

        public long RowsOf(int file) => Interlocked.Read(ref _rows[file]);

        public async Task RunWorkerAsync(Func<int, Action<ColumnBatch>> consumerForFile)
        {
            while (true)
            {
                var (file, block, reader) = await NextAsync().ConfigureAwait(false);
                if (reader is null)
                {
                    return;
                }

                long rows = 0;
                var consume = consumerForFile(file);
                try
                {
                    await reader.ReadBlockAsync(
                        block,
                        batch =>
                        {
                            rows += batch.RowCount;
                            consume(batch);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Fail(file, block, e);
                }

                Interlocked.Add(ref _rows[file], rows);
                await FinishBlockAsync(file).ConfigureAwait(false);
            }
        }

        /// <summary>The next block to read, opening files as the cursor reaches them; a null reader means none is left.</summary>
        private async Task<(int File, int Block, ITableFileReader? Reader)> NextAsync()
        {
            await _cursorGate.WaitAsync().ConfigureAwait(false);
            try
            {
                while (true)
                {
                    if (_current is not null && _block < _blockCount)
                    {
                        int block = _block++;
                        return StartsBeforeFailure(_file, block) ? (_file, block, _current) : (0, 0, null);
                    }

                    if (_file + 1 >= location.Files.Count || !StartsBeforeFailure(_file + 1, -1))
                    {
                        return (0, 0, null);
                    }

                    _file++;
                    _block = 0;
                    _current = null;
                    _blockCount = 0;
                    ITableFileReader? opened = null;
                    try
                    {
                        opened = await InputFolder.OpenAsync(location.Files[_file], schema, cancellationToken).ConfigureAwait(false);
                        fileOpened?.Invoke(_file, opened);
                    }
                    catch (Exception e)
                    {
                        if (opened is not null)
                        {
                            await opened.DisposeAsync().ConfigureAwait(false);
                        }

                        Fail(_file, -1, e);
                        continue;
                    }

                    if (opened.BlockCount == 0)
                    {
                        await opened.DisposeAsync().ConfigureAwait(false);
                        continue;
                    }

                    lock (_lock)
                    {
                        _readers[_file] = opened;
                        _pendingBlocks[_file] = opened.BlockCount;
                    }

                    _current = opened;
                    _blockCount = opened.BlockCount;
                }
            }
            finally
            {
                _cursorGate.Release();
            }
        }

        /// <summary>Disposes a file's reader once its last block is done, so only the files in use stay open.</summary>
        private async Task FinishBlockAsync(int file)
        {
            ITableFileReader? done = null;
            lock (_lock)
            {
                if (--_pendingBlocks[file] == 0)
                {
                    done = _readers[file];
                    _readers[file] = null;
                }
            }

            if (done is not null)
            {
                await done.DisposeAsync().ConfigureAwait(false);
            }
        }

        private void Fail(int file, int block, Exception e)
        {
            lock (_lock)
            {
                if (file < _failedAt.File || (file == _failedAt.File && block < _failedAt.Block))
                {
                    _failedAt = (file, block);
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
            }
        }

        /// <summary>Whether (file, block) comes before the earliest failure; later blocks are not started.</summary>
        private bool StartsBeforeFailure(int file, int block)
        {
            lock (_lock)
            {
                return file < _failedAt.File || (file == _failedAt.File && block < _failedAt.Block);
            }
        }

        public void ThrowEarliestFailure() => _failure?.Throw();

        public async Task DisposeOpenReadersAsync()
        {
            for (int f = 0; f < _readers.Length; f++)
            {
                ITableFileReader? reader;
                lock (_lock)
                {
                    reader = _readers[f];
                    _readers[f] = null;
                }

                if (reader is not null)
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                }
            }

            _cursorGate.Dispose();
        }
    }
}
