using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Parallelism;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;

namespace Analytics.Core;

/// <summary>Everything a run computes from validated data.</summary>
/// <param name="Profitability">docs/METHODOLOGY.md §3 figures.</param>
/// <param name="EarlyWarnings">docs/METHODOLOGY.md §5 flags, reasons and notices.</param>
/// <param name="Segments">docs/METHODOLOGY.md §4 tiers, bands, clusters and pricing.</param>
public sealed record ScoringResult(ProfitabilityResult Profitability, EarlyWarningResult EarlyWarnings, SegmentationResult Segments);

/// <summary>
/// The host-agnostic scoring kernel: pure functions from <see cref="PortfolioData"/> and config to results, no I/O.
/// Per-customer stages (profitability before scoring, early warning) depend only on that customer's rows, so a
/// host may partition by customer; the global stages (contribution-score percentiles, tiers, cluster z-scores)
/// need the whole portfolio and run once over the merged per-customer figures.
/// </summary>
public static class ScoringKernel
{
    /// <summary>Scores <paramref name="data"/>; <paramref name="previousTiers"/> (customer_id → tier) enables tier migration.</summary>
    public static ScoringResult Score(PortfolioData data, EngineConfig config, IReadOnlyDictionary<string, string>? previousTiers)
        => Score(data, config, previousTiers, threads: 1);

    /// <summary>
    /// Scores <paramref name="data"/> with the per-customer stages on up to <paramref name="threads"/> threads
    /// (0 = all cores); the result is identical for any thread count.
    /// </summary>
    public static ScoringResult Score(PortfolioData data, EngineConfig config, IReadOnlyDictionary<string, string>? previousTiers, int threads)
        => Start(data, config, previousTiers, threads).Complete();

    /// <summary>
    /// Computes everything but the behaviour clusters, which may still be training on one thread when this returns
    /// (on more than one thread they train beside the other stages); <see cref="PendingScore.Complete"/> waits for
    /// them. A host can use the core the training leaves idle meanwhile (the pipeline hashes its input files). The
    /// result is identical for any thread count and whatever the host does in between.
    /// </summary>
    public static PendingScore Start(PortfolioData data, EngineConfig config, IReadOnlyDictionary<string, string>? previousTiers, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        // Clustering needs the per-customer figures but not the contribution score, so on more than one thread it
        // trains (on one thread, for repeatability) while the ranking, early warning and pricing run beside it.
        var profitability = ProfitabilityCalculator.ComputeFigures(data, config, threads);
        var clustering = ClusteringJob.Start(data, profitability, config, background: CustomerPartitions.Resolve(threads) > 1, threads);
        ProfitabilityCalculator.ApplyContributionScore(profitability, config);
        var warnings = EarlyWarningRules.Evaluate(data, config, threads);
        var segments = CustomerSegmentation.Begin(data, profitability, warnings.Severity, config, previousTiers, clustering, threads);
        return new PendingScore(profitability, warnings, segments);
    }
}
