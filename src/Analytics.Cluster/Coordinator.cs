using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.Core.Numerics;
using Analytics.Core.Segmentation;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Analytics.Pipeline;
using Analytics.Pipeline.Reporting;
using Orleans.Runtime.Placement;

namespace Analytics.Cluster;

/// <summary>
/// <c>analytics cluster-score</c>: drives one run on an Orleans cluster and hands the validated input to the
/// same pipeline as <c>analytics score</c> (see docs/SCALE_OUT.md): plan splits → key pass over account_id and a
/// sample of customer_id (the partitions' ranges) →
/// map (read splits, route rows by key to partitions through shared storage) → partitions validate and aggregate →
/// merge → the embedded kernel, outputs, reconciliation, report and atomic publication.
/// </summary>
public sealed class Coordinator(IClusterClient client, IRunLog log, CoordinatorOptions? options = null)
{
    private readonly CoordinatorOptions _options = options ?? new CoordinatorOptions();
    private readonly HashSet<string> _workers = new(StringComparer.Ordinal);
    private long _shuffleBytes;
    private int _retries;
    private int _partitions;
    private int _splits;
    private RunPlan? _plan;

    /// <summary>Cancelled (and replaced) whenever a worker leaves the cluster, and once more a few seconds later: calls in
    /// flight then, or placed while the cluster was still learning of the loss, may be lost.</summary>
    private CancellationTokenSource _workerLost = new();
    private readonly Lock _lostLock = new();

    /// <summary>The workers alive as last seen; every call is placed on one of them (round robin).</summary>
    private SiloAddress[] _active = [];
    private int _nextWorker;

    /// <summary>One source per worker that calls are placed on, cancelled as soon as that worker is no longer active.</summary>
    private readonly Dictionary<SiloAddress, CancellationTokenSource> _workerGone = [];

    /// <summary>Workers that refused a call as gone (not yet declared dead), with when: no new calls go there for a while.</summary>
    private readonly Dictionary<SiloAddress, long> _suspects = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Retries of one task caused by membership changes, beyond its <see cref="CoordinatorOptions.Attempts"/>.</summary>
    private const int MembershipRetries = 10;

    /// <summary>Milliseconds a worker that refused a call as gone gets no new calls (it is normally declared dead by then).</summary>
    private const long SuspectTime = 10_000;

    /// <summary>How long after a loss the second sweep runs (see <see cref="MonitorWorkersAsync"/>).</summary>
    internal static TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs one scoring on the cluster and publishes it exactly as <c>analytics score</c> would.</summary>
    public async Task<ScoreSummary> RunAsync(ScoreOptions score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(score);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        ScoreHost? host = null;
        host = new ScoreHost((config, staging, ct) => LoadAsync(score, config, staging, hashes, host!, ct))
        {
            InputHashes = hashes,
            ManifestExtra = WriteManifest,
            Score = ScoreAsync,
        };
        using var stopMonitor = new CancellationTokenSource();
        var monitor = MonitorWorkersAsync(stopMonitor.Token);
        try
        {
            return await ScoringPipeline.RunAsync(score, log, host, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopMonitor.CancelAsync().ConfigureAwait(false);
            await monitor.ConfigureAwait(false);
            DeleteScratch();
        }
    }

    private void DeleteScratch()
    {
        try
        {
            if (_plan is not null && Directory.Exists(_plan.ScratchDirectory)) Directory.Delete(_plan.ScratchDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A lost worker's late write can race the clean-up; the folder is a .tmp- sibling the next run ignores.
        }
    }

    private void WriteManifest(Utf8JsonWriter json)
    {
        json.WriteStartObject("cluster");
        json.WriteNumber("partitions", _partitions);
        json.WriteNumber("splits", _splits);
        json.WriteNumber("shuffle_bytes", _shuffleBytes);
        json.WriteNumber("retries", _retries);
        json.WriteStartArray("workers");
        var workers = _workers.ToArray();
        Array.Sort(workers, StringComparer.Ordinal);
        foreach (var w in workers) json.WriteStringValue(w);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private async Task<LoadedPortfolio> LoadAsync(ScoreOptions score, EngineConfig config, string staging, Dictionary<string,
        string> hashes, ScoreHost host, CancellationToken cancellationToken)
    {
        string scratch = staging.TrimEnd(Path.DirectorySeparatorChar) + ".cluster";
        string runId = Path.GetFileName(staging).TrimStart('.');
        int alive = await WorkersAliveAsync().ConfigureAwait(false);
        if (alive == 0)
        {
            throw new ClusterUnavailableException(
                "No worker is alive in the cluster; start 'analytics worker' processes with the same --membership and rerun.");
        }

        var (loaded, customers) = await LoadOnClusterAsync(score, config, runId, scratch, alive, hashes, cancellationToken)
            .ConfigureAwait(false);
        host.LoadedCustomers = customers;
        return loaded;
    }

    private async Task<(LoadedPortfolio Loaded, int Customers)> LoadOnClusterAsync(
        ScoreOptions score, EngineConfig config, string runId, string scratch, int alive, Dictionary<string, string> hashes,
            CancellationToken cancellationToken)
    {
        _partitions = _options.Partitions > 0 ? _options.Partitions : Math.Max(4, 2 * alive);
        var (plan, failures) = await PlanAsync(score, config, runId, scratch, cancellationToken).ConfigureAwait(false);
        _plan = plan;
        _splits = 0;
        foreach (var t in plan.Tables) foreach (var f in t.Files) _splits += f.SplitCount;
        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"Cluster run {runId}: {_splits} splits, {_partitions} partitions, {alive} workers alive."));

        plan = await KeyPassAsync(plan, failures, cancellationToken).ConfigureAwait(false);
        _plan = plan;
        var rows = await MapAsync(plan, failures, hashes, cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            failures.Sort(static (a, b) => a.Order.CompareTo(b.Order));
            throw Steps.Rethrow(failures[0]);
        }

        await PartitionsAsync(plan, cancellationToken).ConfigureAwait(false);
        var inputFiles = new List<(string, bool, IReadOnlyList<(string, long)>)>();
        for (int t = 0; t < plan.Tables.Length; t++)
        {
            var files = new List<(string, long)>();
            for (int f = 0; f < plan.Tables[t].Files.Length; f++) files.Add((plan.Tables[t].Files[f].DisplayName, rows[t][f]));
            inputFiles.Add((plan.Tables[t].Table, plan.Tables[t].Present, files));
        }

        // Only the partitions' row counts, rejects and totals come here: their data stays on shared storage.
        var summaries = new List<(int Customers, List<TableStats> Stats, RejectLog Rejects, InputTotals Totals)>(plan.Partitions);
        for (int p = 0; p < plan.Partitions; p++) summaries.Add(PartitionData.ReadSummary(plan.SummaryPath(p)));
        return PartitionSummaries.Combine(summaries, inputFiles);
    }

    /// <summary>
    /// Scores the partitions where their data lies (docs/SCALE_OUT.md): score pass → ranks and tiers, feature mean →
    /// deviations pass → scaling and training → assign pass → cluster profiles → finish pass (part files); returns what the
    /// pipeline needs for the global tables, checks, report and manifest.
    /// </summary>
    private async Task<HostedScore> ScoreAsync(EngineConfig config, string staging, IReadOnlyDictionary<string, string>? previousTiers,
        CancellationToken cancellationToken)
    {
        var plan = _plan ?? throw new InvalidOperationException("The run was not loaded.");
        int partitions = plan.Partitions;
        var scored = await PassAsync(plan, "score", (grain, p) => grain.ScoreAsync(plan, p), cancellationToken).ConfigureAwait(false);
        var parts = new PartitionScore[partitions];
        for (int p = 0; p < partitions; p++) parts[p] = PassCodec.DecodeScore(scored[p]);
        var global = new GlobalScoring(parts, config);

        var mean = global.Moments.Mean();
        var deviated = await PassAsync(plan, "feature deviations", (grain, p) => grain.DeviationsAsync(plan, p, mean), cancellationToken)
            .ConfigureAwait(false);
        var deviations = new ExactDoubleSum[partitions][];
        for (int p = 0; p < partitions; p++) deviations[p] = PassCodec.DecodeSums(deviated[p]);
        var (scaling, centroids) = global.Train(deviations);

        var model = PassCodec.Encode(scaling, centroids);
        var assigned = await PassAsync(plan, "assign", (grain, p) => grain.AssignAsync(plan, p, model), cancellationToken)
            .ConfigureAwait(false);
        var sums = new ClusterProfileSums[partitions];
        for (int p = 0; p < partitions; p++) sums[p] = PassCodec.DecodeProfileSums(assigned[p]);
        var profiles = GlobalScoring.Profiles(sums, centroids.Count);

        var finishArgs = new byte[partitions][];
        for (int p = 0; p < partitions; p++)
        {
            finishArgs[p] = PassCodec.Encode(global.For(p, scaling, centroids, profiles), PreviousOfRange(previousTiers, plan, p));
        }

        var finished = await PassAsync(plan, "finish", (grain, p) => grain.FinishAsync(plan, p, finishArgs[p], staging), cancellationToken)
            .ConfigureAwait(false);
        var finishes = new PartitionFinish[partitions];
        for (int p = 0; p < partitions; p++) finishes[p] = PassCodec.DecodeFinish(finished[p], profiles);

        // Part tables in the order of docs/METHODOLOGY.md §6 (every partition writes the same tables, in that order).
        var partTables = new List<(string, long)>();
        var partRows = new Dictionary<string, long>(StringComparer.Ordinal);
        var partHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PartitionScoringSteps.PartTables)
        {
            long total = 0;
            for (int p = 0; p < partitions; p++)
            {
                long rows = finishes[p].Rows[name];
                total += rows;
                partRows[string.Create(CultureInfo.InvariantCulture, $"{name}/part-{p:D5}")] = rows;
            }

            partTables.Add((name, total));
        }

        var outputSums = new ExactDoubleSum[4];
        for (int k = 0; k < outputSums.Length; k++) outputSums[k] = new ExactDoubleSum();
        var facts = new List<ReportFacts>(partitions);
        long notices = 0, loans = 0;
        int customers = 0;
        for (int p = 0; p < partitions; p++)
        {
            foreach (var (file, hash) in finishes[p].PartHashes) partHashes[file] = hash;
            for (int k = 0; k < outputSums.Length; k++) outputSums[k].Add(finishes[p].OutputSums[k]);
            facts.Add(finishes[p].Facts.Offset(notices, loans));
            notices += parts[p].Notices;
            loans += finishes[p].Loans;
            customers += parts[p].Customers;
        }

        return new HostedScore(customers, partTables, partRows, partHashes, outputSums, ReportFacts.Merge(facts), profiles);
    }

    /// <summary>The previous run's tiers of the customers in partition <paramref name="partition"/>'s range, or null.</summary>
    private static Dictionary<string, string>? PreviousOfRange(IReadOnlyDictionary<string, string>? previous, RunPlan plan, int partition)
    {
        if (previous is null)
        {
            return null;
        }

        var range = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, tier) in previous)
        {
            if (Steps.RangeOf(id, plan.CustomerBoundaries) == partition) range[id] = tier;
        }

        return range;
    }

    /// <summary>Runs one scoring pass on every partition; a partition's data failure fails the run as the embedded run would.</summary>
    private async Task<byte[][]> PassAsync(RunPlan plan, string phase, Func<IPartitionGrain, int, Task<PartitionResult>> call,
        CancellationToken cancellationToken)
    {
        var tasks = new List<(string, Func<string, Task<PartitionResult>>)>();
        for (int p = 0; p < plan.Partitions; p++)
        {
            int partition = p;
            tasks.Add(($"partition {p} ({phase})", key => call(client.GetGrain<IPartitionGrain>(key), partition)));
        }

        var results = await RunAllAsync(phase, plan.RunId + ":" + phase.Replace(' ', '-'), tasks, cancellationToken).ConfigureAwait(false);
        foreach (var r in results)
        {
            if (r.Failure is not null) throw Steps.Rethrow(r.Failure);
        }

        var payloads = new byte[results.Length][];
        for (int p = 0; p < results.Length; p++) payloads[p] = results[p].Payload;
        return payloads;
    }

    /// <summary>
    /// Watches membership once a second. Every call is placed on a chosen worker (a placement hint), so a call whose
    /// worker is no longer active is given up at once and retried, whenever it was placed. When a worker that was alive
    /// is gone, every call in flight is given up too (a call through the lost worker's gateway, or one the cluster placed
    /// elsewhere than asked, may otherwise wait for its 30-minute response timeout), and once more
    /// <see cref="SettleDelay"/> later: until every worker has heard of the loss, a call may still be routed to it.
    /// Retrying a call that was healthy costs only time, since tasks are idempotent.
    /// </summary>
    private async Task MonitorWorkersAsync(CancellationToken stop)
    {
        var known = new HashSet<SiloAddress>();
        long settleAt = long.MaxValue;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), stop)
                    .ConfigureAwait(false);
                SetActive(hosts.Keys);
                var lost = new List<SiloAddress>();
                foreach (var silo in known)
                {
                    if (!hosts.ContainsKey(silo)) lost.Add(silo);
                }

                known.Clear();
                foreach (var silo in hosts.Keys) known.Add(silo);
                if (lost.Count > 0)
                {
                    foreach (var silo in lost)
                    {
                        log.Info($"Worker {silo} lost; its tasks run again on the {hosts.Count} workers alive.");
                    }

                    await SweepAsync().ConfigureAwait(false);
                    settleAt = clock.ElapsedMilliseconds + (long)SettleDelay.TotalMilliseconds;
                }
                else if (clock.ElapsedMilliseconds >= settleAt)
                {
                    settleAt = long.MaxValue;
                    await SweepAsync().ConfigureAwait(false);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Membership unreadable for a moment (the gateway itself was lost): look again shortly.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Gives up every call in flight; they are retried (a membership change is not counted as a failed attempt).</summary>
    private async Task SweepAsync()
    {
        CancellationTokenSource old;
        lock (_lostLock)
        {
            old = _workerLost;
            _workerLost = new CancellationTokenSource();
        }

        await old.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Records the workers alive and gives up every call placed on a worker that is not among them.</summary>
    private void SetActive(IEnumerable<SiloAddress> alive)
    {
        var active = new HashSet<SiloAddress>(alive);
        var gone = new List<CancellationTokenSource>();
        lock (_lostLock)
        {
            var sorted = active.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
            _active = sorted;
            foreach (var (silo, source) in _workerGone)
            {
                if (!active.Contains(silo)) gone.Add(source);
            }

            foreach (var silo in _workerGone.Keys.ToArray())
            {
                if (!active.Contains(silo)) _workerGone.Remove(silo);
            }
        }

        foreach (var source in gone) source.Cancel();
    }

    /// <summary>
    /// The worker to place the next call on (round robin over the workers alive) and a token cancelled when that worker is
    /// no longer active; no worker when none is known yet (the cluster then places the call itself).
    /// </summary>
    private (SiloAddress? Worker, CancellationToken Gone, CancellationToken Lost) PlaceNext()
    {
        lock (_lostLock)
        {
            if (_active.Length == 0)
            {
                return (null, CancellationToken.None, _workerLost.Token);
            }

            // A worker that just refused a call as gone is passed over for SuspectTime, unless every worker is suspect.
            long now = _clock.ElapsedMilliseconds;
            var silo = _active[(int)((uint)_nextWorker++ % (uint)_active.Length)];
            for (int i = 1; i < _active.Length && _suspects.TryGetValue(silo, out long since) && now - since < SuspectTime; i++)
            {
                silo = _active[(int)((uint)_nextWorker++ % (uint)_active.Length)];
            }

            if (!_workerGone.TryGetValue(silo, out var source))
            {
                source = new CancellationTokenSource();
                _workerGone[silo] = source;
            }

            return (silo, source.Token, _workerLost.Token);
        }
    }

    private async Task<int> WorkersAliveAsync()
    {
        var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        SetActive(hosts.Keys);
        return hosts.Count;
    }

    /// <summary>
    /// The workers alive for a progress line, or null when membership cannot be read right now: the management call
    /// may be rejected while a lost worker is being declared dead, and a progress line must not fail a run that the
    /// task retries would carry through (<see cref="MonitorWorkersAsync"/> keeps watching membership meanwhile).
    /// </summary>
    private async Task<int?> WorkersAliveForProgressAsync()
    {
        try
        {
            return await WorkersAliveAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Locates the tables (errors as the embedded run's) and cuts each file into splits of one block.</summary>
    private async Task<(RunPlan Plan, List<TaskFailure> Failures)> PlanAsync(ScoreOptions score, EngineConfig config, string runId,
        string scratch, CancellationToken cancellationToken)
    {
        var locations = new Dictionary<string, TableLocation?>(StringComparer.Ordinal);
        foreach (var table in InputTables.All)
        {
            locations[table] = InputFolder.Locate(score.InputDirectory, table);
        }

        foreach (var required in new[] { InputTables.Customers, InputTables.Accounts })
        {
            if (locations[required] is null)
            {
                throw new InputException(required,
                    $"Required table '{required}' is missing from the input folder; add {required}.parquet, {required}.csv or a folder "
                    + $"{required}/ of part files.");
            }
        }

        string[] extra = score.IncludeNames ? [.. config.ConfidentialColumns] : [];
        var schemaPlan = new RunPlan
        {
            RunId = runId, ScratchDirectory = scratch, ConfigPath = Path.GetFullPath(score.ConfigPath),
            Partitions = _partitions, ExtraCustomerColumns = extra, Tables = [], Threads = _options.Threads,
            CsvOutput = score.Format == OutputFormat.Csv,
        };
        var failures = new List<TaskFailure>();
        var tables = new PlannedTable[InputTables.All.Count];
        for (int t = 0; t < tables.Length; t++)
        {
            var location = locations[InputTables.All[t]];
            var files = new List<PlannedFile>();
            if (location is not null)
            {
                for (int f = 0; f < location.Files.Count; f++)
                {
                    var file = location.Files[f];
                    int blocks;
                    try
                    {
                        // Only the footer (Parquet) or header (CSV) is read here: the schema check of the embedded run.
                        await using var reader = await InputFolder.OpenAsync(file, schemaPlan.Schema(t), cancellationToken)
                            .ConfigureAwait(false);
                        blocks = reader.BlockCount;
                    }
                    catch (AnalyticsException e)
                    {
                        failures.Add(new TaskFailure
                        {
                            Kind = e.GetType().Name, Message = e.Message, Subject = (e as InputException)?.File,
                            Row = (e as InputException)?.Row, Column = (e as InputException)?.Column,
                            Order = ((long)t << 48) | ((long)f << 24),
                        });
                        blocks = 0;
                    }

                    var starts = new int[Math.Max(blocks, blocks == 0 ? 0 : 1)];
                    for (int b = 0; b < starts.Length; b++) starts[b] = b;
                    files.Add(new PlannedFile
                    {
                        Path = file.Path, DisplayName = file.DisplayName, Format = (int)file.Format,
                        SplitStart = starts, BlockCount = blocks
                    });
                }
            }

            tables[t] = new PlannedTable { Table = InputTables.All[t], Present = location is not null, Files = [.. files] };
        }

        return (schemaPlan with { Tables = tables }, failures);
    }

    private async Task<RunPlan> KeyPassAsync(RunPlan plan, List<TaskFailure> failures, CancellationToken cancellationToken)
    {
        var accounts = plan.Tables[1];
        var customers = plan.Tables[0];
        var tasks = new List<(string, Func<string, Task<MapResult>>)>();
        for (int f = 0; f < customers.Files.Length; f++)
        {
            for (int s = 0; s < customers.Files[f].SplitCount; s++)
            {
                int file = f, split = s;
                tasks.Add(($"{customers.Files[f].DisplayName} split {s}", key =>
                    client.GetGrain<ISplitGrain>(key).SampleCustomerIdsAsync(plan, file, split)));
            }
        }

        for (int f = 0; f < accounts.Files.Length; f++)
        {
            for (int s = 0; s < accounts.Files[f].SplitCount; s++)
            {
                int file = f, split = s;
                tasks.Add(($"{accounts.Files[f].DisplayName} split {s}", key =>
                    client.GetGrain<ISplitGrain>(key).ScanAccountKeysAsync(plan, file, split)));
            }
        }

        var results = await RunAllAsync("key pass", plan.RunId + ":keys", tasks, cancellationToken).ConfigureAwait(false);
        var sample = new List<string>();
        foreach (var r in results)
        {
            if (r.Failure is not null) failures.Add(r.Failure);
            _shuffleBytes += r.ShuffleBytes;
            sample.AddRange(r.Sample);
        }

        plan = plan with { CustomerBoundaries = Steps.Boundaries(sample, plan.Partitions) };

        var partitionTasks = new List<(string, Func<string, Task<PartitionResult>>)>();
        for (int p = 0; p < plan.Partitions; p++)
        {
            int partition = p;
            partitionTasks.Add(($"partition {p} (duplicate keys)", key =>
                client.GetGrain<IPartitionGrain>(key).FindDuplicateAccountIdsAsync(plan, partition)));
        }

        var duplicates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in await RunAllAsync("duplicate keys", plan.RunId + ":dups", partitionTasks, cancellationToken)
            .ConfigureAwait(false))
        {
            duplicates.UnionWith(r.Duplicates);
        }

        return plan with { DuplicateAccountIds = [.. duplicates] };
    }

    private async Task<long[][]> MapAsync(RunPlan plan, List<TaskFailure> failures, Dictionary<string, string> hashes,
        CancellationToken cancellationToken)
    {
        var tasks = new List<(string, Func<string, Task<MapResult>>)>();
        var index = new List<(int Table, int File)>();
        var rows = new long[plan.Tables.Length][];
        for (int t = 0; t < plan.Tables.Length; t++)
        {
            rows[t] = new long[plan.Tables[t].Files.Length];
            for (int f = 0; f < plan.Tables[t].Files.Length; f++)
            {
                for (int s = 0; s < plan.Tables[t].Files[f].SplitCount; s++)
                {
                    int table = t, file = f, split = s;
                    tasks.Add(($"{plan.Tables[t].Files[f].DisplayName} split {s}", key =>
                        client.GetGrain<ISplitGrain>(key).MapAsync(plan, table, file, split)));
                    index.Add((t, f));
                }
            }
        }

        var results = await RunAllAsync("map", plan.RunId + ":map", tasks, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < results.Length; i++)
        {
            var r = results[i];
            var (t, f) = index[i];
            if (r.Failure is not null)
            {
                failures.Add(r.Failure);
                continue;
            }

            rows[t][f] += r.Rows;
            _shuffleBytes += r.ShuffleBytes;
            if (r.FileSha256 is not null)
            {
                hashes[Path.GetFullPath(plan.Tables[t].Files[f].Path)] = r.FileSha256;
            }
        }

        return rows;
    }

    private async Task PartitionsAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        var tasks = new List<(string, Func<string, Task<PartitionResult>>)>();
        for (int p = 0; p < plan.Partitions; p++)
        {
            int partition = p;
            tasks.Add(($"partition {p}", key => client.GetGrain<IPartitionGrain>(key).LoadAsync(plan, partition)));
        }

        var results = await RunAllAsync("partitions", plan.RunId + ":load", tasks, cancellationToken).ConfigureAwait(false);
        TaskFailure? first = null;
        foreach (var r in results)
        {
            if (r.Failure is not null && (first is null || r.Failure.Order < first.Order)) first = r.Failure;
        }

        if (first is not null)
        {
            throw Steps.Rethrow(first);
        }
    }

    /// <summary>
    /// Runs every task on the cluster, a few per live worker at a time. A task whose call fails (its worker died, the
    /// call timed out, the cluster refused it) is retried after a doubling delay under a fresh grain key, so the
    /// cluster places it anew on a live worker; every task's output is written by rename, so a lost attempt that
    /// still finishes changes nothing. Progress (done/total, workers alive) and each retry are logged.
    /// </summary>
    private async Task<T[]> RunAllAsync<T>(string phase, string keyPrefix, List<(string Name, Func<string, Task<T>> Call)> tasks,
        CancellationToken cancellationToken)
        where T : class
    {
        var results = new T[tasks.Count];
        if (tasks.Count == 0)
        {
            return results;
        }

        int alive = Math.Max(1, await WorkersAliveAsync().ConfigureAwait(false));
        using var gate = new SemaphoreSlim(Math.Max(2, 2 * alive));
        int done = 0;
        var sw = Stopwatch.StartNew();
        long lastReport = 0;
        var running = new List<Task>(tasks.Count);
        for (int i = 0; i < tasks.Count; i++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            int index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    results[index] = await RunOneAsync(tasks[index].Name, string.Create(CultureInfo.InvariantCulture,
                        $"{keyPrefix}:{index}"), tasks[index].Call, cancellationToken).ConfigureAwait(false);
                    int finished = Interlocked.Increment(ref done);
                    long now = sw.ElapsedMilliseconds;
                    long last = Interlocked.Read(ref lastReport);
                    if (finished == tasks.Count || (now - last >= 2000 && Interlocked.CompareExchange(ref lastReport, now, last) == last))
                    {
                        int? workers = await WorkersAliveForProgressAsync().ConfigureAwait(false);
                        log.Info(workers is { } alive
                            ? string.Create(CultureInfo.InvariantCulture, $"{phase}: {finished}/{tasks.Count} done, {alive} workers alive")
                            : string.Create(CultureInfo.InvariantCulture, $"{phase}: {finished}/{tasks.Count} done"));
                    }
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return results;
    }

    private async Task<T> RunOneAsync<T>(string name, string key, Func<string, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        int failures = 0;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (worker, gone, lost) = PlaceNext();
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost, gone);
                Task<T> pending;
                // The hint is read when the call is sent (synchronously, below); the context is this task's alone.
                if (worker is not null) RequestContext.Set(IPlacementDirector.PlacementHintKey, worker);
                try
                {
                    pending = call(attempt == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}#{attempt}"));
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }

                var result = await pending.WaitAsync(_options.TaskTimeout, linked.Token).ConfigureAwait(false);
                string? ran = result switch { MapResult m => m.Worker, PartitionResult p => p.Worker, _ => null };
                if (!string.IsNullOrEmpty(ran))
                {
                    lock (_workers) _workers.Add(ran);
                }

                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (e is AnalyticsException)
                {
                    throw;
                }

                // A call given up because membership changed is not the task's failure: under heavy load a starved worker
                // may be declared dead while others are lost too, and each loss must not use up the task's attempts.
                bool membership = (e is OperationCanceledException && (lost.IsCancellationRequested || gone.IsCancellationRequested))
                    || (e is SiloUnavailableException && worker is not null);
                if (e is SiloUnavailableException && worker is not null)
                {
                    lock (_lostLock) _suspects[worker] = _clock.ElapsedMilliseconds;
                }

                if ((!membership && ++failures >= _options.Attempts) || attempt >= _options.Attempts + MembershipRetries)
                {
                    throw new ClusterUnavailableException(string.Create(CultureInfo.InvariantCulture,
                        $"The cluster could not run {name} after {attempt} attempts ({e.GetType().Name}); check that workers are alive "
                            + $"and reachable, then rerun; nothing was published."), e);
                }

                Interlocked.Increment(ref _retries);
                var delay = TimeSpan.FromTicks(_options.RetryDelay.Ticks * Math.Min(16, 1L << Math.Min(4, attempt - 1)));
                log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Lost {name} on attempt {attempt} ({Describe(e)}); retrying on another worker in {delay.TotalSeconds:0.#} s."));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SiloUnavailableException => "its worker is gone",
        OperationCanceledException => "a worker was lost while it ran",
        TimeoutException => "timed out",
        _ => e.GetType().Name,
    };
}
