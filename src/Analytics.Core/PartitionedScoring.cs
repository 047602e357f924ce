using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;

namespace Analytics.Core;

/// <summary>
/// The per-customer figures of one partition (a range of customers in customer_id order): everything of
/// docs/METHODOLOGY.md §3 but the contribution score, the §5 early warnings, and the clustering features in original units.
/// </summary>
/// <param name="Profitability">§3 figures; <see cref="ProfitabilityResult.ContributionScore"/> still 0.</param>
/// <param name="EarlyWarnings">§5 flags, reasons and notices, final.</param>
/// <param name="Original">Clustering features, row-major (<see cref="ClusterFeatures.Count"/> per customer).</param>
internal sealed record PartitionFigures(ProfitabilityResult Profitability, EarlyWarningResult EarlyWarnings, double[] Original);

/// <summary>
/// A partition's candidates for the k-means training sample: its <c>sample_size</c> customers with the smallest
/// training key (<see cref="TrainingSample"/>), with their features. The global sample is the smallest of all candidates.
/// </summary>
/// <param name="Keys">Training key of each candidate.</param>
/// <param name="Ids">customer_id of each candidate.</param>
/// <param name="Original">Features in original units, row-major.</param>
internal sealed record SampleCandidates(ulong[] Keys, string[] Ids, double[] Original);

/// <summary>
/// The scoring kernel cut at its global steps, for a host that scores customer_id ranges in separate processes
/// (docs/SCALE_OUT.md): per partition <see cref="Figures"/>, then the global steps over what the partitions return —
/// <see cref="ContributionScore"/> and <see cref="Tiers"/> over every customer's four score metrics,
/// <see cref="FeatureMoments"/> for the z-scaling, <see cref="Train"/> on the smallest candidates — then per partition
/// <see cref="Assign"/>, <see cref="ClusterProfileSums"/>, and <see cref="Finish"/>. Each step is the code
/// <see cref="ScoringKernel"/> runs, so the partitions' results, concatenated in range order, equal the embedded
/// run's bit for bit.
/// </summary>
internal static class PartitionedScoring
{
    /// <summary>Per-customer figures, early warnings and clustering features of one partition.</summary>
    public static PartitionFigures Figures(PortfolioData part, EngineConfig config, int threads)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(config);
        var profitability = ProfitabilityCalculator.ComputeFigures(part, config, threads);
        var warnings = EarlyWarningRules.Evaluate(part, config, threads);
        return new PartitionFigures(profitability, warnings, ClusterFeatures.Original(part, profitability));
    }

    /// <summary>The partition's training-sample candidates (<paramref name="ids"/> in ordinal order, features alike).</summary>
    public static SampleCandidates Candidates(IReadOnlyList<string> ids, double[] original, int sampleSize)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(original);
        int dims = ClusterFeatures.Count;
        var chosen = TrainingSample.Select(ids, sampleSize);
        var keys = new ulong[chosen.Length];
        var chosenIds = new string[chosen.Length];
        var rows = new double[chosen.Length * dims];
        for (int i = 0; i < chosen.Length; i++)
        {
            chosenIds[i] = ids[chosen[i]];
            keys[i] = TrainingSample.Key(chosenIds[i]);
            Array.Copy(original, chosen[i] * dims, rows, i * dims, dims);
        }

        return new SampleCandidates(keys, chosenIds, rows);
    }

    /// <summary>
    /// Contribution scores (docs/METHODOLOGY.md §3.11) of every customer from the four metrics of every customer, in
    /// customer_id order (percentiles depend on the values only, not on the order).
    /// </summary>
    public static double[] ContributionScore(double[] eva, double[] revenue, int[] productsHeld, double[] depositBalance,
        EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(eva);
        ArgumentNullException.ThrowIfNull(config);
        var score = new double[eva.Length];
        Profitability.ContributionScore.Compute(eva, revenue, productsHeld, depositBalance, config.Score, score);
        return score;
    }

    /// <summary>Tier index of every customer from the scores of every customer in customer_id order (ties by id).</summary>
    public static int[] Tiers(double[] scores, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Tiering.AssignInIdOrder(scores, config.Segmentation.Tiers);
    }

    /// <summary>
    /// Trains the centroids on the <c>sample_size</c> smallest of every partition's candidates, z-scored with the
    /// scaling of every customer, in ordinal customer_id order — the rows <see cref="BehaviourClustering.Cluster"/> trains on.
    /// </summary>
    public static ClusterCentroids Train(IReadOnlyList<SampleCandidates> candidates, FeatureScaling scaling, ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(config);
        int dims = ClusterFeatures.Count;
        var all = new List<(ulong Key, string Id, int Part, int Row)>();
        for (int p = 0; p < candidates.Count; p++)
        {
            for (int i = 0; i < candidates[p].Ids.Length; i++) all.Add((candidates[p].Keys[i], candidates[p].Ids[i], p, i));
        }

        all.Sort(static (a, b) => TrainingSample.Compare(a.Key, a.Id, b.Key, b.Id));
        if (all.Count > config.SampleSize) all.RemoveRange(config.SampleSize, all.Count - config.SampleSize);
        all.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var original = new double[all.Count * dims];
        for (int s = 0; s < all.Count; s++)
        {
            Array.Copy(candidates[all[s].Part].Original, all[s].Row * dims, original, s * dims, dims);
        }

        var rows = new double[original.Length];
        ClusterFeatures.Apply(original, scaling, rows);
        return BehaviourClustering.Train(rows, dims, config.K, config.Seed, config.MaxIterations);
    }

    /// <summary>The partition's features in the clustering space of <paramref name="scaling"/>.</summary>
    public static double[] Standardize(double[] original, FeatureScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(original);
        var z = new double[original.Length];
        ClusterFeatures.Apply(original, scaling, z);
        return z;
    }

    /// <summary>Each of the partition's customers' nearest centroid (<paramref name="z"/> from <see cref="Standardize"/>).</summary>
    public static int[] Assign(double[] z, ClusterCentroids centroids, int threads) => BehaviourClustering.Assign(z, centroids, threads);

    /// <summary>
    /// The partition's final result: its figures with the contribution scores and tiers the global step gave its
    /// customers, risk bands, grid pricing, floors, underpriced loans, tier migration, and its customers' clusters with
    /// the profiles of every cluster.
    /// </summary>
    public static ScoringResult Finish(PortfolioData part, PartitionFigures figures, double[] contributionScore, int[] tierIndex,
        int[] clusterOf, ClusterProfile[] profiles, EngineConfig config, IReadOnlyDictionary<string, string>? previousTiers, int threads)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(contributionScore);
        ArgumentNullException.ThrowIfNull(profiles);
        var profitability = figures.Profitability;
        contributionScore.CopyTo(profitability.ContributionScore, 0);
        var segments = CustomerSegmentation.Begin(part, profitability, figures.EarlyWarnings.Severity, config, previousTiers,
            clustering: null, tierIndex, threads).Complete(new ClusterAssignment(clusterOf, profiles.Length), profiles);
        return new ScoringResult(profitability, figures.EarlyWarnings, segments);
    }
}
