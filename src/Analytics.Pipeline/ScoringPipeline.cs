using System.Diagnostics;
using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.Core.Numerics;
using Analytics.Core.OverTime;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;
using Analytics.IO.Writing;
using Analytics.Pipeline.Outputs;
using Analytics.Pipeline.OverTime;
using Analytics.Pipeline.Publishing;
using Analytics.Pipeline.Reporting;

namespace Analytics.Pipeline;

/// <summary>
/// <c>analytics score</c>: config → validated columnar data → scoring kernel → output tables → reconciliation →
/// atomic publication. Nothing is published unless every step succeeds.
/// </summary>
public static class ScoringPipeline
{
    /// <summary>Runs one scoring.</summary>
    public static Task<ScoreSummary> RunAsync(ScoreOptions options, IRunLog log, CancellationToken cancellationToken = default)
        => RunAsync(options, log, host: null, cancellationToken);

    /// <summary>
    /// Runs one scoring whose validated input comes from <paramref name="host"/> (the distributed run loads it on a
    /// cluster, see docs/SCALE_OUT.md); everything after loading — gates, kernel, tables, reconciliation, report,
    /// manifest and publication — is the same code as the embedded run's. Null loads the input folder here.
    /// </summary>
    internal static async Task<ScoreSummary> RunAsync(ScoreOptions options, IRunLog log, ScoreHost? host,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var manifest = new RunManifest();
        var sw = Stopwatch.StartNew();

        // The config is checked before any data is read (exit code 2 on error).
        var config = ConfigLoader.Load(options.ConfigPath);
        manifest.Record("config", sw.Elapsed);
        var (previousTiers, previousRun) = await ReadPreviousAsync(options, config, log, cancellationToken).ConfigureAwait(false);
        manifest.Period = RunPeriod.Of(config);

        var publisher = new RunPublisher(options.OutputDirectory);
        try
        {
            var loaded = await LoadAsync(options, config, host, publisher, manifest, log, cancellationToken).ConfigureAwait(false);

            sw.Restart();
            log.StageStarted("score");
            var inputFiles = InputFiles(options.InputDirectory, loaded);
            var (result, inputHashes) = Score(loaded.Data, config, previousTiers, options.Threads, inputFiles, host?.InputHashes);
            // Only early warning reads the statements; letting them go before the outputs are built gives their
            // space (≈ 0.35 GB at a million customers) to the write stage.
            loaded = loaded with { Data = loaded.Data with { Financials = FinancialTable.Without(loaded.Data.Customers.Count) } };
            manifest.Record("score", sw.Elapsed);
            MemoryHousekeeping.CompactIfLarge();
            log.StageDone("score", loaded.Data.Customers.Count, sw.Elapsed);

            sw.Restart();
            log.StageStarted("write outputs");
            int threads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
            var tables = BuildTables(loaded, result, config, options.IncludeNames, threads, previousRun, log, out var bridge);
            OutputGuard.EnsureFinite(tables, config.IsConfidential("customer_id"));
            var reconciliation = Reconcile(loaded, tables);
            if (reconciliation.Failure() is { } failure)
            {
                throw new DataQualityException(failure);
            }

            string staging = publisher.StagingDirectory;
            var rows = RowCounts(tables, log, out long rowsWritten);

            string configSha256 = FileHash.Sha256(options.ConfigPath);
            var report = new ReportInput(loaded, result, config, tables, reconciliation, options.IncludeNames)
            {
                ConfigFile = Path.GetFileName(options.ConfigPath),
                ConfigSha256 = configSha256,
                Bridge = bridge,
                BridgeNote = previousRun?.Note,
            };

            // Tables, report, reconciliation and the inputs' hashes are independent; each file is a function of its
            // own inputs, so writing them side by side changes no byte.
            var hashes = new Dictionary<string, string>(
                OutputWriter.Write(tables, options.Format, staging, reconciliation, report, inputFiles, inputHashes, threads,
                    cancellationToken),
                StringComparer.Ordinal)
            {
                [Path.GetFullPath(options.ConfigPath)] = configSha256,
            };
            manifest.Record("write", sw.Elapsed);
            log.StageDone("write outputs", rowsWritten, sw.Elapsed);

            manifest.Extra = host?.ManifestExtra;
            manifest.Write(
                Path.Combine(staging, "manifest.json"),
                publisher.RunId,
                options.ConfigPath,
                options.InputDirectory,
                loaded.Stats,
                rows,
                staging,
                threads,
                options.Format == OutputFormat.Csv ? "csv" : "parquet",
                hashes);
            publisher.Publish();
            log.Info($"Published {publisher.PublishedDirectory}");
            return new ScoreSummary(loaded.Data.Customers.Count, reconciliation.RejectRows, Path.GetFullPath(options.OutputDirectory),
                publisher.PublishedDirectory!);
        }
        catch
        {
            publisher.Abandon();
            throw;
        }
    }

    /// <summary>
    /// The previous run's tiers (tier migration) and figures (the profit bridge, docs/METHODOLOGY.md §9), read before
    /// any data so a folder that is not a run fails at once. A folder with customer_segments only still gives tier
    /// migration, but no bridge; the log says so.
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, string>? Tiers, BridgeRun? Run)> ReadPreviousAsync(
        ScoreOptions options, EngineConfig config, IRunLog log, CancellationToken cancellationToken)
    {
        if (options.PreviousDirectory is null)
        {
            return (null, null);
        }

        var tiers = await PreviousRun.ReadTiersAsync(options.PreviousDirectory, cancellationToken).ConfigureAwait(false);
        var run = !BridgeInputs.HasCustomerProfitability(options.PreviousDirectory)
            ? null
            : await BridgeInputs.ReadAsync(options.PreviousDirectory, "--previous", config.Capital.HurdleRate, cancellationToken)
                .ConfigureAwait(false);
        if (run is null)
        {
            log.Info("No profit bridge: the --previous folder has no customer_profitability table.");
        }

        return (tiers, run);
    }

    /// <summary>The read-and-validate stage: the input folder here, or the host's validated input; then the gates.</summary>
    private static async Task<LoadedPortfolio> LoadAsync(ScoreOptions options, EngineConfig config, ScoreHost? host,
        RunPublisher publisher, RunManifest manifest, IRunLog log, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        log.StageStarted("read and validate");
        var loaded = host is null
            ? await PortfolioLoader.LoadAsync(options.InputDirectory, config, options.IncludeNames, options.Threads, cancellationToken)
                .ConfigureAwait(false)
            : await host.Load(config, publisher.StagingDirectory, cancellationToken).ConfigureAwait(false);

        long rowsRead = 0;
        foreach (var s in loaded.Stats)
        {
            rowsRead += s.RowsRead;
            log.Verbose($"{s.Table}: {s.RowsRead} read, {s.Accepted} accepted, {s.Rejected} rejected, {s.OutOfPeriod} out of period");
        }

        manifest.Record("read_and_validate", sw.Elapsed);
        MemoryHousekeeping.CompactIfLarge();
        log.StageDone("read and validate", rowsRead, sw.Elapsed);
        PortfolioLoader.EnforceGates(loaded, config);
        return loaded;
    }

    /// <summary>The output tables in docs/METHODOLOGY.md §6 order, with the profit bridge last when there is a previous run.</summary>
    private static IReadOnlyList<OutputTable> BuildTables(LoadedPortfolio loaded, ScoringResult result, EngineConfig config,
        bool includeNames, int threads, BridgeRun? previousRun, IRunLog log, out BridgeResult? bridge)
    {
        var built = OutputTables.Build(loaded, result, config, includeNames, threads);
        bridge = null;
        if (previousRun is null)
        {
            return built;
        }

        bridge = ProfitBridge.Compute(previousRun.Snapshot, BridgeInputs.FromRun(loaded.Data, result.Profitability, config));
        if (previousRun.Note is not null)
        {
            log.Info($"Profit bridge: {previousRun.Note}.");
        }

        return [.. built, OutputTables.ProfitBridge(bridge)];
    }

    private static Dictionary<string, long> RowCounts(IReadOnlyList<OutputTable> tables, IRunLog log, out long rowsWritten)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        rowsWritten = 0;
        foreach (var table in tables)
        {
            rows[table.Name] = table.RowCount;
            rowsWritten += table.RowCount;
            log.Verbose(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{table.Name}: {table.RowCount} rows"));
        }

        return rows;
    }

    /// <summary>
    /// Scores the portfolio. While the clusters train on one core, hashes the inputs for the manifest on this one
    /// (the output stage would hash them anyway; the files are the ones read, so no byte of any output depends on
    /// when): the hashes, or null when the clusters were done first. A method of its own so that the kernel's
    /// intermediate state (cluster features, pending stages) is not held by the run's state machine while it writes.
    /// </summary>
    private static (ScoringResult Result, IReadOnlyDictionary<string, string>? InputHashes) Score(
        PortfolioData data,
        EngineConfig config,
        IReadOnlyDictionary<string, string>? previousTiers,
        int threads,
        List<string> inputFiles,
        IReadOnlyDictionary<string, string>? knownHashes)
    {
        var pending = ScoringKernel.Start(data, config, previousTiers, threads);
        var inputHashes = knownHashes ?? (pending.IsComplete ? null : HashInputs(inputFiles));
        return (pending.Complete(), inputHashes);
    }

    private static Dictionary<string, string> HashInputs(List<string> files)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            hashes[Path.GetFullPath(file)] = FileHash.Sha256(file);
        }

        return hashes;
    }

    private static List<string> InputFiles(string inputDirectory, LoadedPortfolio loaded)
    {
        var files = new List<string>();
        foreach (var s in loaded.Stats)
        {
            foreach (var (file, _) in s.Files)
            {
                files.Add(Path.Combine(inputDirectory, file));
            }
        }

        return files;
    }

    private static ReconciliationReport Reconcile(LoadedPortfolio loaded, IReadOnlyList<OutputTable> tables)
    {
        OutputTable? profitability = null, rejects = null;
        foreach (var t in tables)
        {
            if (t.Name == OutputTableNames.CustomerProfitability) profitability = t;
            if (t.Name == OutputTableNames.Rejects) rejects = t;
        }

        // Sums are taken over the arrays that are written, so the check covers what the outputs really carry.
        return ReconciliationReport.Build(
            loaded.Stats,
            loaded.Totals,
            rejects!.RowCount,
            (Sum(profitability!, "deposit_balance"), Sum(profitability!, "lending_balance"), Sum(profitability!, "fee_income"),
                Sum(profitability!, "cross_sell_revenue")));
    }

    /// <summary>The exact sum of a column, rounded once: the same bits whatever the order, so a distributed run's
    /// partial sums over its partitions give it too (docs/SCALE_OUT.md).</summary>
    private static double Sum(OutputTable table, string column)
    {
        var sum = new ExactDoubleSum();
        foreach (double v in (double[])table[column].Values)
        {
            sum.Add(v);
        }

        return sum.Value();
    }
}
