namespace Analytics.IO.Reading;

/// <summary>
/// Reads one input file (Parquet or CSV) as column batches. Opening checks the schema before any row is read:
/// a missing required column or an incompatible physical type throws <see cref="Core.Errors.InputException"/>
/// naming the file, the column and the expected type. A file that cannot be decoded (corrupt Parquet,
/// unterminated CSV quote) throws the same exception type naming the file.
/// </summary>
public interface ITableFileReader : IAsyncDisposable
{
    /// <summary>Display name of the file (relative to the input folder).</summary>
    string File { get; }

    /// <summary>
    /// Number of independently readable blocks (Parquet row groups; 1 for CSV). Blocks may be read
    /// concurrently by different callers, each with its own batch.
    /// </summary>
    int BlockCount { get; }

    /// <summary>Data rows in the file when the format records them up front (Parquet), else null (CSV).</summary>
    long? RowCount => null;

    /// <summary>
    /// Reads block <paramref name="block"/> into batches, invoking <paramref name="consume"/> for each
    /// (a batch is only valid during the call). Row numbers continue across blocks within the file.
    /// </summary>
    ValueTask ReadBlockAsync(int block, Action<ColumnBatch> consume, CancellationToken cancellationToken = default);
}
