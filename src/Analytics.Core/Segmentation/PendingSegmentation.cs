using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Segmentation with everything but the clusters done (tiers, bands, pricing, floors, migration), waiting for
/// <see cref="ClusteringJob"/> to add the cluster ids, labels and profiles.
/// </summary>
internal sealed class PendingSegmentation(SegmentationResult partial, ClusteringJob clustering, ProfitabilityResult profitability)
{
    private SegmentationResult? _result;

    /// <summary>True when the clusters are trained.</summary>
    public bool ClustersReady => clustering.IsCompleted;

    /// <summary>The whole segmentation, waiting for the clusters when they still train.</summary>
    public SegmentationResult Complete()
    {
        if (_result is not null)
        {
            return _result;
        }

        var clusters = clustering.Result();
        var profiles = CustomerSegmentation.BuildProfiles(clusters, clustering.Original, clustering.Z, profitability);
        int n = clusters.ClusterOf.Length;
        var label = new string[n];
        for (int c = 0; c < n; c++)
        {
            label[c] = profiles[clusters.ClusterOf[c]].Label;
        }

        _result = new SegmentationResult
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
        return _result;
    }
}
