using System.Text.Json;
using Analytics.Core.Configuration;
using Analytics.Core.Numerics;
using Analytics.Core.Segmentation;
using Analytics.IO.Validation;
using Analytics.Pipeline.Reporting;

namespace Analytics.Pipeline;

/// <summary>
/// What a host other than the embedded one supplies to <see cref="ScoringPipeline"/>: the validated input (loaded on a
/// cluster), the SHA-256 of the input files when it already has them, and extra manifest members.
/// </summary>
/// <param name="Load">
/// Loads the validated input for the config; gets the run's staging folder (a scratch area beside it is removed with
/// it) and the cancellation token. Its result must be what <see cref="PortfolioLoader"/> returns for the input folder.
/// </param>
internal sealed record ScoreHost(Func<EngineConfig, string, CancellationToken, Task<LoadedPortfolio>> Load)
{
    /// <summary>Input file (full path) → SHA-256 hex, when the host hashed them while reading; null to hash here.</summary>
    public IReadOnlyDictionary<string, string>? InputHashes { get; set; }

    /// <summary>Writes extra members into manifest.json (workers, partitions); null for none.</summary>
    public Action<Utf8JsonWriter>? ManifestExtra { get; set; }

    /// <summary>
    /// Scores the validated input where it lies (the partitions of a cluster) and writes the per-customer tables as part
    /// files <c>NAME/part-NNNNN.parquet</c> into the staging folder; gets the config, the staging folder, the previous
    /// run's tiers (or null) and the cancellation token. Null scores here, from the loaded data.
    /// </summary>
    public Func<EngineConfig, string, IReadOnlyDictionary<string, string>?, CancellationToken, Task<HostedScore>>? Score { get; set; }

    /// <summary>Customers accepted, when <see cref="Load"/> returns row counts and rejects but no data (the data stays in the
    /// partitions); null when it returns the data.</summary>
    public int? LoadedCustomers { get; set; }
}

/// <summary>What a host that scores where the data lies gives back for the tables, checks, report and manifest.</summary>
/// <param name="Customers">Customers scored.</param>
/// <param name="PartTables">The tables written as part files, in docs/METHODOLOGY.md §6 order, with their rows.</param>
/// <param name="PartRows">Part file (its path in the run folder without extension, e.g. customer_segments/part-00000) → rows.</param>
/// <param name="PartHashes">Part file (full path) → SHA-256 hex.</param>
/// <param name="OutputSums">Exact sums of customer_profitability's deposit_balance, lending_balance, fee_income and
/// cross_sell_revenue.</param>
/// <param name="Facts">The report's facts of every customer.</param>
/// <param name="Profiles">Every cluster's profile (cluster_profiles).</param>
internal sealed record HostedScore(int Customers, IReadOnlyList<(string Name, long Rows)> PartTables,
    IReadOnlyDictionary<string, long> PartRows, IReadOnlyDictionary<string, string> PartHashes, ExactDoubleSum[] OutputSums,
    ReportFacts Facts, IReadOnlyList<ClusterProfile> Profiles);
