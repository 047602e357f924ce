namespace Analytics.Core.Segmentation;

/// <summary>
/// docs/METHODOLOGY.md §4 results as columns. Customer arrays are indexed by dense customer index and feed <c>customer_segments</c>;
/// <see cref="Profiles"/> feeds <c>cluster_profiles</c>, <see cref="UnderpricedLoans"/> feeds <c>underpriced_loans</c>.
/// </summary>
public sealed class SegmentationResult
{
    /// <summary>Tier index into <c>segmentation.tiers</c> (0 = best).</summary>
    public required int[] TierIndex { get; init; }
    /// <summary>Tier name.</summary>
    public required string[] Tier { get; init; }
    /// <summary>Risk band index into <c>segmentation.risk_bands</c>.</summary>
    public required int[] RiskBandIndex { get; init; }
    /// <summary>Risk band name.</summary>
    public required string[] RiskBand { get; init; }
    /// <summary>Behaviour cluster id (0 = largest cluster).</summary>
    public required int[] ClusterId { get; init; }
    /// <summary>Label of the customer's cluster.</summary>
    public required string[] ClusterLabel { get; init; }
    /// <summary>Grid cell loan_spread_bps for (tier, band).</summary>
    public required double[] LoanSpreadBps { get; init; }
    /// <summary>Grid cell deposit_rate_bps for (tier, band).</summary>
    public required double[] DepositRateBps { get; init; }
    /// <summary>Grid cell fee_discount for (tier, band).</summary>
    public required double[] FeeDiscount { get; init; }
    /// <summary>EVA-neutral rate of a standard new loan; NaN (null) for a customer in default.</summary>
    public required double[] LoanRateFloor { get; init; }
    /// <summary>Whole-wallet floor: the loan floor less a share of the relationship's EVA, never below direct cost; NaN (null) for a customer in default.</summary>
    public required double[] RelationshipFloor { get; init; }
    /// <summary>Number of the customer's loans and overdrafts priced below their own floor; 0 for a customer in default.</summary>
    public required int[] UnderpricedCount { get; init; }
    /// <summary>True for a customer in default (<see cref="DefaultStatus"/>), whose pricing_status is <c>default</c> and who gets no floors.</summary>
    public required bool[] InDefault { get; init; }
    /// <summary>Tier in the previous run (null entry when the customer is new); null array when there was no previous run.</summary>
    public string?[]? PreviousTier { get; init; }
    /// <summary><c>up|down|same|new</c>; null array when there was no previous run.</summary>
    public string[]? TierChange { get; init; }
    /// <summary>One profile per cluster, by cluster id.</summary>
    public required IReadOnlyList<ClusterProfile> Profiles { get; init; }
    /// <summary>Underpriced loans and overdrafts, by customer index then account position (account_id order).</summary>
    public required IReadOnlyList<UnderpricedLoan> UnderpricedLoans { get; init; }

    /// <summary>Number of customers.</summary>
    public int CustomerCount => TierIndex.Length;
}
