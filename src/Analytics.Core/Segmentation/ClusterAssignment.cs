namespace Analytics.Core.Segmentation;

/// <summary>The outcome of <see cref="BehaviourClustering.Cluster"/>: a cluster id per customer, ids <c>0..Count−1</c>, none
/// empty.</summary>
/// <param name="ClusterOf">Cluster id of each customer, by dense customer index.</param>
/// <param name="Count">Number of (non-empty) clusters.</param>
public sealed record ClusterAssignment(int[] ClusterOf, int Count);
