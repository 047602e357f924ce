namespace Analytics.Core.Segmentation;

/// <summary>
/// Trained k-means centroids in z-space, in cluster id order: what a distributed run broadcasts so that every
/// partition assigns its customers (<see cref="BehaviourClustering.Assign(double[], ClusterCentroids, int)"/>) alone.
/// </summary>
/// <param name="Values">Row-major, <paramref name="Dimensions"/> values per centroid; row c is cluster id c.</param>
/// <param name="Dimensions">Number of features.</param>
public sealed record ClusterCentroids(double[] Values, int Dimensions)
{
    /// <summary>Number of clusters.</summary>
    public int Count => Values.Length / Dimensions;
}
