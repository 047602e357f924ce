namespace Analytics.Core.Segmentation;

/// <summary>The behaviour features k-means clusters on (docs/METHODOLOGY.md §4), in column order of the feature matrix.</summary>
public enum ClusterFeature
{
    /// <summary>Average drawn balance of loans and overdrafts; clustered as <c>log1p</c>.</summary>
    LoanBalance = 0,
    /// <summary>Average balance of deposits; clustered as <c>log1p</c>.</summary>
    DepositBalance = 1,
    /// <summary>fee_income / revenue, 0 when revenue ≤ 0.</summary>
    FeeShare = 2,
    /// <summary>cross_sell_revenue / revenue, 0 when revenue ≤ 0.</summary>
    CrossSellShare = 3,
    /// <summary>products_held.</summary>
    ProductsHeld = 4,
    /// <summary>Limit utilisation as in docs/METHODOLOGY.md §5, 0 without limits.</summary>
    Utilization = 5,
}
