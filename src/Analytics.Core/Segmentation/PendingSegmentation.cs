using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Segmentation with everything but the clusters done (tiers, bands, pricing, floors, migration), waiting for
/// <see cref="ClusteringJob"/> to add the cluster ids, labels and profiles.
/// </summary>
internal sealed class PendingSegmentation(SegmentationResult partial, ClusteringJob? clustering, ProfitabilityResult profitability)
{
    private SegmentationResult? _result;

    /// <summary>True when the clusters are trained.</summary>
    public bool ClustersReady => clustering is null || clustering.IsCompleted;

    /// <summary>The whole segmentation, waiting for the clusters when they still train.</summary>
    public SegmentationResult Complete()
    {
        if (_result is not null)
        {
            return _result;
        }

        if (clustering is null)
        {
            throw new InvalidOperationException("No clustering was started; complete with a known assignment.");
        }

        var clusters = clustering.Result();
        _result = Complete(clusters, CustomerSegmentation.BuildProfiles(clusters, clustering.Original, clustering.Z, profitability));
        return _result;
    }

    /// <summary>
    /// The whole segmentation with a known assignment of these customers (<paramref name="clusters"/>) and the profiles of
    /// every cluster (which a distributed run builds from every partition's sums).
    /// </summary>
    public SegmentationResult Complete(ClusterAssignment clusters, ClusterProfile[] profiles)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(profiles);
        int n = clusters.ClusterOf.Length;
        var label = new string[n];
        for (int c = 0; c < n; c++)
        {
            label[c] = profiles[clusters.ClusterOf[c]].Label;
        }

        return new SegmentationResult
        {
            TierIndex = partial.TierIndex,
            Tier = partial.Tier,
            RiskBandIndex = partial.RiskBandIndex,
            RiskBand = partial.RiskBand,
            ClusterId = clusters.ClusterOf,
            ClusterLabel = label,
            LoanSpreadBps = partial.LoanSpreadBps,
            DepositRateBps = partial.DepositRateBps,
            FeeDiscount = partial.FeeDiscount,
            LoanRateFloor = partial.LoanRateFloor,
            RelationshipFloor = partial.RelationshipFloor,
            UnderpricedCount = partial.UnderpricedCount,
            InDefault = partial.InDefault,
            PreviousTier = partial.PreviousTier,
            TierChange = partial.TierChange,
            Profiles = profiles,
            UnderpricedLoans = partial.UnderpricedLoans,
        };
    }
}
