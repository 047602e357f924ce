namespace Analytics.Core.Segmentation;

/// <summary>
/// One row of <c>cluster_profiles</c>: the cluster's size, its centroid in original units (the members' mean of each
/// feature before log and z-scoring) and its mean EVA and RAROC.
/// </summary>
/// <param name="ClusterId">Cluster id, 0 = largest.</param>
/// <param name="Label">Readable label, unique within the run.</param>
/// <param name="Size">Number of customers.</param>
/// <param name="LoanBalance">Mean average balance of loans and overdrafts (reporting currency).</param>
/// <param name="DepositBalance">Mean average balance of deposits (reporting currency).</param>
/// <param name="FeeShare">Mean fee share of revenue.</param>
/// <param name="CrossSellShare">Mean cross-sell share of revenue.</param>
/// <param name="ProductsHeld">Mean products held.</param>
/// <param name="Utilization">Mean limit utilisation (0 for members without limits).</param>
/// <param name="MeanEva">Mean EVA of the members.</param>
/// <param name="MeanRaroc">Mean RAROC over members whose RAROC is defined; NaN (null in outputs) when none is.</param>
public sealed record ClusterProfile(
    int ClusterId,
    string Label,
    int Size,
    double LoanBalance,
    double DepositBalance,
    double FeeShare,
    double CrossSellShare,
    double ProductsHeld,
    double Utilization,
    double MeanEva,
    double MeanRaroc);
