using System.Globalization;
using Analytics.IO.Reading;
using Analytics.IO.Validation;

namespace Analytics.Cluster;

/// <summary>One input file of a run and how it is cut into splits (ranges of Parquet row groups; a CSV file is one split).</summary>
[GenerateSerializer, Immutable]
public sealed class PlannedFile
{
    /// <summary>Absolute path on the shared storage.</summary>
    [Id(0)] public required string Path { get; init; }

    /// <summary>Name relative to the input folder, as rejects and the manifest show it.</summary>
    [Id(1)] public required string DisplayName { get; init; }

    /// <summary>Parquet or CSV.</summary>
    [Id(2)] public required int Format { get; init; }

    /// <summary>First block of each split; split s covers blocks [SplitStart[s], SplitStart[s + 1]) (the last up to <see
    /// cref="BlockCount"/>).</summary>
    [Id(3)] public required int[] SplitStart { get; init; }

    /// <summary>Blocks in the file.</summary>
    [Id(4)] public required int BlockCount { get; init; }

    /// <summary>Number of splits.</summary>
    public int SplitCount => SplitStart.Length;

    /// <summary>Blocks of split <paramref name="split"/>.</summary>
    public (int First, int Count) Blocks(int split) =>
        (SplitStart[split], (split + 1 < SplitStart.Length ? SplitStart[split + 1] : BlockCount) - SplitStart[split]);

    internal TableFile ToTableFile() => new(Path, DisplayName, (TableFileFormat)Format);
}

/// <summary>One input table of a run: absent, or its files in name order.</summary>
[GenerateSerializer, Immutable]
public sealed class PlannedTable
{
    /// <summary>Table name.</summary>
    [Id(0)] public required string Table { get; init; }

    /// <summary>Whether the input folder holds the table.</summary>
    [Id(1)] public required bool Present { get; init; }

    /// <summary>Files in name order.</summary>
    [Id(2)] public required PlannedFile[] Files { get; init; }
}

/// <summary>
/// Everything a worker needs to take part in one run: where the shared scratch area is, the config, how many
/// partitions, which extra (confidential) customer columns are read — none unless --include-names — and the
/// splits of every table. Sent with each task, so a worker keeps no state between calls and any worker can run
/// any task again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunPlan
{
    /// <summary>Run id (the publisher's), for grain keys and logs.</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>Scratch folder on shared storage for shuffle and partition files; removed at the end of the run.</summary>
    [Id(1)] public required string ScratchDirectory { get; init; }

    /// <summary>Config file on shared storage.</summary>
    [Id(2)] public required string ConfigPath { get; init; }

    /// <summary>Number of customer partitions.</summary>
    [Id(3)] public required int Partitions { get; init; }

    /// <summary>Confidential customer columns to read (empty unless the run carries names).</summary>
    [Id(4)] public required string[] ExtraCustomerColumns { get; init; }

    /// <summary>The five tables in the input order of docs/METHODOLOGY.md §1.</summary>
    [Id(5)] public required PlannedTable[] Tables { get; init; }

    /// <summary>account_id values carried by more than one accounts row (found by the key pass); null before it.</summary>
    [Id(6)] public string[]? DuplicateAccountIds { get; init; }

    /// <summary>
    /// The P − 1 customer_id range boundaries (ordinal; partition p owns [boundaries[p − 1], boundaries[p])), from the
    /// key pass's sample; empty before it, which puts every customer in partition 0.
    /// </summary>
    [Id(7)] public string[] CustomerBoundaries { get; init; } = [];

    /// <summary>Threads per partition task (<c>cluster-score --threads</c>); 0 = each worker's own <c>worker --threads</c>.</summary>
    [Id(16)] public int Threads { get; init; }

    /// <summary>The run writes CSV (<c>--format csv</c>): part files are <c>part-NNNNN.csv</c>, else Parquet.</summary>
    [Id(17)] public bool CsvOutput { get; init; }

    /// <summary>The schema of table <paramref name="table"/> (index in that order).</summary>
    internal TableSchema Schema(int table) => InputTables.All[table] switch
    {
        InputTables.Customers => InputTables.CustomerSchema(ExtraCustomerColumns),
        InputTables.Accounts => InputTables.AccountSchema,
        InputTables.Fees => InputTables.FeeSchema,
        InputTables.CrossSales => InputTables.CrossSaleSchema,
        _ => InputTables.FinancialSchema,
    };

    /// <summary>Shuffle file of (table, file, split) for <paramref name="partition"/>.</summary>
    internal string ShufflePath(int table, int file, int split, int partition) =>
        System.IO.Path.Combine(ScratchDirectory, "shuffle", InputTables.All[table], P(partition),
            string.Create(CultureInfo.InvariantCulture, $"f{file:D5}-s{split:D5}.bin"));

    /// <summary>account_id key file of (file, split) for <paramref name="partition"/>.</summary>
    internal string KeyPath(int file, int split, int partition) =>
        System.IO.Path.Combine(ScratchDirectory, "keys", P(partition),
            string.Create(CultureInfo.InvariantCulture, $"f{file:D5}-s{split:D5}.bin"));

    /// <summary>A partition's validated data.</summary>
    internal string PartitionPath(int partition) => System.IO.Path.Combine(ScratchDirectory, "partitions", P(partition) + ".bin");

    /// <summary>A partition's row counts, rejects and totals, without its data (read by the coordinator).</summary>
    internal string SummaryPath(int partition) => System.IO.Path.Combine(ScratchDirectory, "partitions", P(partition) + ".summary");

    private static string P(int partition) => string.Create(CultureInfo.InvariantCulture, $"p{partition:D5}");
}

/// <summary>
/// A failure a worker met that the coordinator reports as the embedded run would (same exit code, same sentence),
/// with where it happened so the earliest one (table, file, block) wins, as in a sequential read.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class TaskFailure
{
    /// <summary>Exception type name: InputException, DataQualityException, ConfigurationException or UsageException.</summary>
    [Id(0)] public required string Kind { get; init; }

    /// <summary>The one-sentence message.</summary>
    [Id(1)] public required string Message { get; init; }

    /// <summary>File (InputException) or config key (ConfigurationException).</summary>
    [Id(2)] public string? Subject { get; init; }

    /// <summary>Row, for an InputException about one row.</summary>
    [Id(3)] public long? Row { get; init; }

    /// <summary>Column, for an InputException about one column.</summary>
    [Id(4)] public string? Column { get; init; }

    /// <summary>Sort key: (table, file, block); lower is earlier.</summary>
    [Id(5)] public long Order { get; init; }
}

/// <summary>What a map task reports.</summary>
[GenerateSerializer, Immutable]
public sealed class MapResult
{
    /// <summary>Rows read from the split.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>SHA-256 of the whole file, computed by the task of the file's first split; else null.</summary>
    [Id(1)] public string? FileSha256 { get; init; }

    /// <summary>Bytes written to the shuffle.</summary>
    [Id(2)] public long ShuffleBytes { get; init; }

    /// <summary>The worker that ran it.</summary>
    [Id(3)] public string Worker { get; init; } = "";

    /// <summary>Set when the split could not be read.</summary>
    [Id(4)] public TaskFailure? Failure { get; init; }

    /// <summary>customer_id values sampled for the partitions' ranges (customers splits in the key pass only).</summary>
    [Id(5)] public string[] Sample { get; init; } = [];
}

/// <summary>What a partition task reports.</summary>
[GenerateSerializer, Immutable]
public sealed class PartitionResult
{
    /// <summary>Customers the partition accepted.</summary>
    [Id(0)] public int Customers { get; init; }

    /// <summary>account_id values found on more than one row (key pass only).</summary>
    [Id(1)] public string[] Duplicates { get; init; } = [];

    /// <summary>The worker that ran it.</summary>
    [Id(2)] public string Worker { get; init; } = "";

    /// <summary>Set when the partition failed on the data.</summary>
    [Id(3)] public TaskFailure? Failure { get; init; }

    /// <summary>A scoring pass's result, encoded by <see cref="PassCodec"/> (empty for the key and load passes).</summary>
    [Id(4)] public byte[] Payload { get; init; } = [];
}
