namespace Analytics.IO.Validation;

/// <summary>What <see cref="TableScanner.StageAsync"/> staged.</summary>
/// <param name="Rows">Every row read, in file order and row order within each file: the order of a sequential read.</param>
/// <param name="FileStart">Where each file's rows start in <paramref name="Rows"/>; the last entry is the row count.</param>
/// <param name="Workers">The workers' own state, to be merged by the caller (in any order: it holds no row order).</param>
internal sealed record StagedTable<TWorker>(StagingBuffer Rows, int[] FileStart, TWorker[] Workers);
