using System.IO.Hashing;
using System.Text;
using Analytics.Core.Errors;
using Analytics.Core.Segmentation;
using Analytics.IO.Configuration;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Analytics.Pipeline.Reporting;

namespace Analytics.Cluster;

/// <summary>
/// The work of the distributed run, free of Orleans so it can be tested directly: the key pass (account_id values,
/// and a sample of customer_id values for the partitions' ranges) and the map step (read one split, route rows), the
/// duplicate-key and load steps of a partition. Routing is by the key that decides a row's fate: customer_id for
/// every table — a partition owns one range of customer_id values, so partitions in index order hold the customers
/// in the contract's order — except that accounts rows whose account_id is duplicated anywhere go to the partition
/// of that account_id's hash, so every carrier of a duplicated key meets in one partition and the loader rejects
/// them all, as it does in one process.
/// </summary>
internal static class Steps
{
    /// <summary>Most customer_id values one customers split contributes to the range sample.</summary>
    private const int MaxSamplePerSplit = 100_000;

    /// <summary>
    /// Sample size per customers split for <paramref name="partitions"/> ranges: enough that ranges come out even
    /// (16 values per partition), a function of P alone so the ranges depend on the input and P, never on the workers.
    /// </summary>
    public static int SamplePerSplit(int partitions) => Math.Min(MaxSamplePerSplit, Math.Max(64, 16 * partitions));

    /// <summary>
    /// The partition owning customer_id <paramref name="customerId"/>: the number of range boundaries ordinally at or
    /// below it (partition p holds [boundaries[p − 1], boundaries[p])); a missing id goes to 0.
    /// </summary>
    public static int RangeOf(string? customerId, string[] boundaries)
    {
        if (customerId is null)
        {
            return 0;
        }

        int lo = 0, hi = boundaries.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(boundaries[mid], customerId) <= 0) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary>
    /// The P − 1 range boundaries from the gathered samples: sorted ordinally without repeats, the values at positions
    /// ⌊i·m / P⌋ for i = 1 … P − 1. Equal boundaries make empty ranges, which are harmless.
    /// </summary>
    public static string[] Boundaries(IEnumerable<string> samples, int partitions)
    {
        var sorted = new SortedSet<string>(samples, StringComparer.Ordinal).ToArray();
        if (partitions <= 1 || sorted.Length == 0)
        {
            return [];
        }

        var boundaries = new string[partitions - 1];
        for (int i = 1; i < partitions; i++)
        {
            boundaries[i - 1] = sorted[(int)((long)i * sorted.Length / partitions)];
        }

        return boundaries;
    }

    /// <summary>
    /// Range sample of one customers split: its <see cref="SamplePerSplit"/> customer_id values with the smallest
    /// XxHash64 (a uniform, deterministic sample that does not depend on row order or on who reads the split).
    /// </summary>
    public static async Task<MapResult> SampleCustomerIdsAsync(RunPlan plan, int file, int split, string worker,
        CancellationToken cancellationToken)
    {
        const int table = 0;
        var planned = plan.Tables[table].Files[file];
        var (first, count) = planned.Blocks(split);
        int size = SamplePerSplit(plan.Partitions);
        var heap = new PriorityQueue<string, (ulong Key, string Id)>(size + 1, LargestFirst.Instance);
        try
        {
            await using var reader = await InputFolder.OpenAsync(planned.ToTableFile(), plan.Schema(table), cancellationToken)
                .ConfigureAwait(false);
            for (int b = first; b < first + count; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var column = batch.Columns[CustomerColumn.CustomerId];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        if (column.State[i] == CellState.Value && column.Strings![i] is { } id)
                        {
                            heap.Enqueue(id, (TrainingSample.Key(id), id));
                            if (heap.Count > size) heap.Dequeue();
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AnalyticsException e)
        {
            return new MapResult { Failure = Failure(e, table, file, first), Worker = worker };
        }

        var sample = new string[heap.Count];
        int n = 0;
        foreach (var (id, _) in heap.UnorderedItems) sample[n++] = id;
        return new MapResult { Sample = sample, Worker = worker };
    }

    /// <summary>Puts the largest (key, id) on top of a <see cref="PriorityQueue{TElement, TPriority}"/>.</summary>
    private sealed class LargestFirst : IComparer<(ulong Key, string Id)>
    {
        public static readonly LargestFirst Instance = new();

        public int Compare((ulong Key, string Id) x, (ulong Key, string Id) y) => TrainingSample.Compare(y.Key, y.Id, x.Key, x.Id);
    }

    /// <summary>The partition of an account_id: XxHash64 (seed 0) of its UTF-8 bytes modulo the partition count; null keys go to
    /// 0.</summary>
    public static int PartitionOf(string? key, int partitions)
    {
        if (key is null || partitions == 1)
        {
            return 0;
        }

        Span<byte> stack = stackalloc byte[256];
        int max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = max > stack.Length ? new byte[max] : null;
        var buffer = rented ?? stack;
        int length = Encoding.UTF8.GetBytes(key, buffer);
        ulong hash = XxHash64.HashToUInt64(buffer[..length]);
        return (int)(hash % (ulong)partitions);
    }

    /// <summary>Key pass: writes the account_id values of one accounts split to the partitions that own them.</summary>
    public static async Task<MapResult> ScanAccountKeysAsync(RunPlan plan, int file, int split, string worker,
        CancellationToken cancellationToken)
    {
        int table = 1;
        var planned = plan.Tables[table].Files[file];
        var (first, count) = planned.Blocks(split);
        var keys = new List<string>[plan.Partitions];
        for (int p = 0; p < keys.Length; p++) keys[p] = [];
        long rows = 0;
        try
        {
            await using var reader = await InputFolder.OpenAsync(planned.ToTableFile(), plan.Schema(table), cancellationToken)
                .ConfigureAwait(false);
            for (int b = first; b < first + count; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var column = batch.Columns[AccountColumn.AccountId];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        if (column.State[i] == CellState.Value && column.Strings![i] is { } id)
                        {
                            keys[PartitionOf(id, plan.Partitions)].Add(id);
                        }
                    }

                    rows += batch.RowCount;
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AnalyticsException e)
        {
            return new MapResult { Failure = Failure(e, table, file, first), Worker = worker };
        }

        long bytes = 0;
        for (int p = 0; p < keys.Length; p++)
        {
            string path = plan.KeyPath(file, split, p);
            bytes += WriteStrings(path, keys[p]);
        }

        return new MapResult { Rows = rows, ShuffleBytes = bytes, Worker = worker };
    }

    /// <summary>A partition's duplicated account_id values (from every accounts split's key file for it), sorted ordinally.</summary>
    public static string[] FindDuplicateAccountIds(RunPlan plan, int partition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        var files = plan.Tables[1].Files;
        for (int f = 0; f < files.Length; f++)
        {
            for (int s = 0; s < files[f].SplitCount; s++)
            {
                string path = plan.KeyPath(f, s, partition);
                if (!File.Exists(path))
                {
                    continue;
                }

                foreach (var id in ReadStrings(path))
                {
                    if (!seen.Add(id))
                    {
                        duplicates.Add(id);
                    }
                }
            }
        }

        return [.. duplicates];
    }

    /// <summary>Map: reads one split and writes its rows, routed, to one shuffle file per partition that gets any.</summary>
    public static async Task<MapResult> MapAsync(RunPlan plan, int table, int file, int split, string worker,
        CancellationToken cancellationToken)
    {
        var planned = plan.Tables[table].Files[file];
        var (first, count) = planned.Blocks(split);
        var schema = plan.Schema(table);
        var builders = new ShuffleFile.Builder?[plan.Partitions];
        var duplicates = table == 1 && plan.DuplicateAccountIds is { Length: > 0 } d ? new HashSet<string>(d, StringComparer.Ordinal)
            : null;
        // Rows are routed by customer_id: accounts' second column, the first of every other table.
        int keyColumn = table == 1 ? AccountColumn.CustomerId : CustomerColumn.CustomerId;
        long rows = 0;
        try
        {
            await using var reader = await InputFolder.OpenAsync(planned.ToTableFile(), schema, cancellationToken).ConfigureAwait(false);
            for (int b = first; b < first + count; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var key = batch.Columns[keyColumn];
                    var accountId = batch.Columns[AccountColumn.AccountId];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        int p = RangeOf(key.State[i] == CellState.Value ? key.Strings![i] : null, plan.CustomerBoundaries);
                        if (duplicates is not null && accountId.State[i] == CellState.Value && accountId.Strings![i] is { } id
                            && duplicates.Contains(id))
                        {
                            p = PartitionOf(id, plan.Partitions);
                        }

                        (builders[p] ??= new ShuffleFile.Builder(schema)).Add(batch, i);
                    }

                    rows += batch.RowCount;
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AnalyticsException e)
        {
            return new MapResult { Failure = Failure(e, table, file, first), Worker = worker };
        }

        long bytes = 0;
        for (int p = 0; p < builders.Length; p++)
        {
            if (builders[p] is { } builder)
            {
                string path = plan.ShufflePath(table, file, split, p);
                builder.WriteTo(path);
                bytes += new FileInfo(path).Length;
            }
        }

        // The file's hash for the manifest, by whoever reads its first rows, so no single machine reads every file.
        string? sha = first == 0 ? FileHash.Sha256(planned.Path) : null;
        return new MapResult { Rows = rows, FileSha256 = sha, ShuffleBytes = bytes, Worker = worker };
    }

    /// <summary>
    /// Loads one partition: its shuffled rows of every table, validated by the same loader as an embedded run, rejects
    /// renumbered to the input files' rows; writes the result for the coordinator.
    /// </summary>
    public static async Task<PartitionResult> LoadPartitionAsync(RunPlan plan, int partition, int threads, string worker,
        CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(plan.ConfigPath);
        var locations = new Dictionary<string, TableLocation?>(StringComparer.Ordinal);
        var readers = new Dictionary<string, ShuffleTableReader>(StringComparer.Ordinal);
        for (int t = 0; t < plan.Tables.Length; t++)
        {
            var planned = plan.Tables[t];
            if (!planned.Present)
            {
                locations[planned.Table] = null;
                continue;
            }

            var files = new List<TableFile>();
            for (int f = 0; f < planned.Files.Length; f++)
            {
                var blocks = new List<string>();
                for (int s = 0; s < planned.Files[f].SplitCount; s++)
                {
                    string path = plan.ShufflePath(t, f, s, partition);
                    if (File.Exists(path))
                    {
                        blocks.Add(path);
                    }
                }

                if (blocks.Count == 0)
                {
                    continue;
                }

                var reader = new ShuffleTableReader(planned.Files[f].DisplayName, blocks);
                readers[planned.Files[f].DisplayName] = reader;
                files.Add(new TableFile(blocks[0], planned.Files[f].DisplayName, TableFileFormat.Parquet)
                {
                    Opener = (schema, _) => ValueTask.FromResult(reader.Open(schema)),
                });
            }

            locations[planned.Table] = new TableLocation(planned.Table, files);
        }

        LoadedPortfolio loaded;
        try
        {
            loaded = await PortfolioLoader.LoadAsync(locations, config, plan.ExtraCustomerColumns.Length > 0, threads,
                traceCustomerId: null, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyticsException e)
        {
            return new PartitionResult { Failure = Failure(e, 9, partition, 0), Worker = worker };
        }

        // Rejects name the input file's row, not the row's place among the partition's rows.
        var rejects = new RejectLog();
        foreach (var r in loaded.Rejects.Items)
        {
            rejects.Add(r with { Row = readers[r.File].OriginalRow(r.Row) });
        }

        var data = new PartitionData
        {
            Loaded = new LoadedPortfolio(loaded.Data, loaded.Stats, rejects, loaded.Totals, loaded.ConfidentialValues),
        };
        data.Write(plan.PartitionPath(partition));
        PartitionData.WriteSummary(plan.SummaryPath(partition), data.Loaded);
        return new PartitionResult { Customers = loaded.Data.Customers.Count, Worker = worker };
    }

    private static TaskFailure Failure(AnalyticsException e, int table, int file, int block) => new()
    {
        Kind = e.GetType().Name,
        Message = e.Message,
        Subject = e switch { InputException i => i.File, ConfigurationException c => c.Key, _ => null },
        Row = (e as InputException)?.Row,
        Column = (e as InputException)?.Column,
        Order = ((long)table << 48) | ((long)file << 24) | (uint)block,
    };

    /// <summary>Rebuilds a worker's failure as the exception the embedded run throws.</summary>
    public static AnalyticsException Rethrow(TaskFailure f) => f.Kind switch
    {
        nameof(InputException) => new InputException(f.Subject ?? "", f.Message, f.Row, f.Column),
        nameof(ConfigurationException) => new ConfigurationException(f.Subject ?? "", f.Message),
        nameof(UsageException) => new UsageException(f.Message),
        _ => new DataQualityException(f.Message),
    };

    private static long WriteStrings(string path, List<string> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(values.Count);
            foreach (var v in values) w.Write(v);
        }

        File.Move(temp, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    private static List<string> ReadStrings(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        int n = r.ReadInt32();
        var values = new List<string>(n);
        for (int i = 0; i < n; i++) values.Add(r.ReadString());
        return values;
    }
}
