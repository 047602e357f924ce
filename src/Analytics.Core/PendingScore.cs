using Analytics.Core.EarlyWarning;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;

namespace Analytics.Core;

/// <summary>A score whose behaviour clusters may still be training (<see cref="ScoringKernel.Start"/>).</summary>
public sealed class PendingScore
{
    private readonly PendingSegmentation _segments;

    internal PendingScore(ProfitabilityResult profitability, EarlyWarningResult warnings, PendingSegmentation segments)
    {
        Profitability = profitability;
        EarlyWarnings = warnings;
        _segments = segments;
    }

    /// <summary>docs/METHODOLOGY.md §3 figures, final.</summary>
    public ProfitabilityResult Profitability { get; }

    /// <summary>docs/METHODOLOGY.md §5 flags, reasons and notices, final.</summary>
    public EarlyWarningResult EarlyWarnings { get; }

    /// <summary>True when the clusters are trained, so <see cref="Complete"/> returns without waiting.</summary>
    public bool IsComplete => _segments.ClustersReady;

    /// <summary>The whole result, waiting for the clusters if they still train; a training failure is rethrown here.</summary>
    public ScoringResult Complete() => new(Profitability, EarlyWarnings, _segments.Complete());
}
