using Analytics.IO.Reading;

namespace Analytics.Cluster;

/// <summary>
/// One input file as one partition sees it: the rows every split of that file routed to the partition, in split
/// order (so in the file's row order), numbered 1.. densely. The loader validates them exactly as it validates a
/// file; <see cref="OriginalRow"/> maps a dense row number back to the row number in the input file, which is
/// what rejects must name.
/// </summary>
internal sealed class ShuffleTableReader : ITableFileReader
{
    private readonly string[] _blocks;
    private readonly long[] _firstRow;
    private readonly long[] _originalRows;

    public ShuffleTableReader(string displayName, IReadOnlyList<string> blockPaths)
    {
        File = displayName;
        _blocks = [.. blockPaths];
        _firstRow = new long[_blocks.Length];
        var rows = new List<long>();
        for (int b = 0; b < _blocks.Length; b++)
        {
            _firstRow[b] = rows.Count + 1;
            rows.AddRange(ShuffleFile.ReadRowNumbers(_blocks[b]));
        }

        _originalRows = [.. rows];
    }

    public string File { get; }

    public int BlockCount => _blocks.Length;

    public long? RowCount => _originalRows.Length;

    /// <summary>The input file's row number of dense row <paramref name="denseRow"/> (1-based).</summary>
    public long OriginalRow(long denseRow) => _originalRows[denseRow - 1];

    public ValueTask ReadBlockAsync(int block, Action<ColumnBatch> consume, CancellationToken cancellationToken = default)
    {
        throw new InvalidOperationException("Opened through Open(schema).");
    }

    /// <summary>A reader of the same rows for <paramref name="schema"/>.</summary>
    public ITableFileReader Open(TableSchema schema) => new SchemaBound(this, schema);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class SchemaBound(ShuffleTableReader owner, TableSchema schema) : ITableFileReader
    {
        public string File => owner.File;

        public int BlockCount => owner.BlockCount;

        public long? RowCount => owner.RowCount;

        public ValueTask ReadBlockAsync(int block, Action<ColumnBatch> consume, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new ColumnBatch(schema, 1);
            ShuffleFile.ReadInto(owner._blocks[block], batch);
            batch.File = owner.File;
            batch.FirstRowNumber = owner._firstRow[block];
            if (batch.RowCount > 0)
            {
                consume(batch);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
