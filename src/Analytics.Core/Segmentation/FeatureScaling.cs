namespace Analytics.Core.Segmentation;

/// <summary>
/// The z-scoring of the clustering features (<see cref="ClusterFeatures.Fit"/>): per feature, in
/// <see cref="ClusterFeature"/> order, the mean and population standard deviation after <c>log1p</c> of the balances.
/// </summary>
/// <param name="Mean">Mean of each feature over all customers.</param>
/// <param name="Std">Population standard deviation of each feature; 0 for a feature whose values are all equal.</param>
public sealed record FeatureScaling(double[] Mean, double[] Std);
