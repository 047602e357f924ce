using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Behaviour clustering (docs/SEGMENTATION.md, "Behaviour clusters") of one portfolio, started as soon as the
/// profitability figures exist. It needs nothing from early warning, and its ML.NET training runs on one thread for
/// repeatability, so on a machine with a spare core the kernel trains it in the background while early warning and
/// pricing use the other cores. The outcome does not depend on where it ran.
/// </summary>
internal sealed class ClusteringJob
{
    private readonly Task<ClusterAssignment> _assignment;

    private ClusteringJob(double[] original, double[] z, Task<ClusterAssignment> assignment)
    {
        Original = original;
        Z = z;
        _assignment = assignment;
    }

    /// <summary>The features in original units, row-major (<see cref="ClusterFeatures.Original"/>).</summary>
    public double[] Original { get; }

    /// <summary>The z-scored features clustered (<see cref="ClusterFeatures.Standardize"/>).</summary>
    public double[] Z { get; }

    /// <summary>
    /// Builds the features and clusters them, on a pool thread when <paramref name="background"/> is set, else now;
    /// the assignment of every customer to a centroid uses up to <paramref name="threads"/> threads (0 = all cores).
    /// </summary>
    public static ClusteringJob Start(PortfolioData data, ProfitabilityResult profitability, EngineConfig config, bool background, int threads)
    {
        var original = ClusterFeatures.Original(data, profitability);
        var z = ClusterFeatures.Standardize(original);
        var clusters = config.Segmentation.Clusters;
        var ids = data.Customers.Ids;
        var assignment = background
            ? Task.Factory.StartNew(
                () => BehaviourClustering.Cluster(z, ids, ClusterFeatures.Count, clusters, threads),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)
            : Task.FromResult(BehaviourClustering.Cluster(z, ids, ClusterFeatures.Count, clusters, threads));
        return new ClusteringJob(original, z, assignment);
    }

    /// <summary>True when the training has finished (successfully or not).</summary>
    public bool IsCompleted => _assignment.IsCompleted;

    /// <summary>The assignment, waiting for the training when it still runs; its failure is rethrown as it was thrown.</summary>
    public ClusterAssignment Result() => _assignment.GetAwaiter().GetResult();
}
