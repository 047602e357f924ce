using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Seeded k-means over the z-scored behaviour features (SPEC §4), with ML.NET finding the centroids and this class
/// making the outcome repeatable: k-means++ initialisation on one thread (ML.NET's default initialisation is not
/// repeatable, dotnet/machinelearning#6375), Lloyd refinement and nearest-centroid assignment in binary64 here, and cluster ids numbered
/// by a rule that does not depend on ML.NET's internal centroid order.
/// </summary>
public static class BehaviourClustering
{
    /// <summary>
    /// Clusters the <paramref name="z"/> rows (row-major, <paramref name="dimensions"/> values each) into at most
    /// <paramref name="k"/> clusters. The effective k is <c>min(k, distinct rows)</c>, as k-means cannot fill more
    /// clusters than there are distinct points; a cluster left empty by the assignment is dropped.
    /// Ids are numbered by size descending, then by the members' mean z-scores lexicographically.
    /// </summary>
    public static ClusterAssignment Cluster(ReadOnlySpan<double> z, int dimensions, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (z.Length % dimensions != 0)
        {
            throw new ArgumentException($"The matrix length must be a multiple of {dimensions}.", nameof(z));
        }

        int n = z.Length / dimensions;
        if (n == 0)
        {
            return new ClusterAssignment([], 0);
        }

        var points = z.ToArray();
        int effectiveK = CountDistinctRows(points, n, dimensions, limit: k);
        if (effectiveK == 1)
        {
            return new ClusterAssignment(new int[n], 1);
        }

        var centroids = TrainCentroids(points, n, dimensions, effectiveK, seed);
        int trained = centroids.Length / dimensions;
        var raw = Refine(points, n, dimensions, centroids, trained);
        return Renumber(points, n, dimensions, raw, trained);
    }

    /// <summary>ML.NET k-means centroids, row-major, sorted lexicographically so their order is ML.NET-independent.</summary>
    private static double[] TrainCentroids(double[] points, int n, int dimensions, int k, int seed)
    {
        var rows = new FeatureRow[n];
        for (int i = 0; i < n; i++)
        {
            var f = new float[dimensions];
            for (int d = 0; d < dimensions; d++)
            {
                f[d] = (float)points[i * dimensions + d];
            }

            rows[i] = new FeatureRow { Features = f };
        }

        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var view = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(FeatureRow.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(view).Model;
        VBuffer<float>[] buffers = [];
        model.GetClusterCentroids(ref buffers, out int trained);

        var centroids = new double[trained][];
        for (int c = 0; c < trained; c++)
        {
            centroids[c] = new double[dimensions];
            var values = buffers[c].DenseValues().GetEnumerator();
            for (int d = 0; d < dimensions && values.MoveNext(); d++)
            {
                centroids[c][d] = values.Current;
            }
        }

        Array.Sort(centroids, Lexicographic);
        var flat = new double[trained * dimensions];
        for (int c = 0; c < trained; c++)
        {
            centroids[c].CopyTo(flat, c * dimensions);
        }

        return flat;
    }

    /// <summary>
    /// Lloyd iterations in binary64 from ML.NET's single-precision centroids until no customer changes cluster
    /// (at most <see cref="MaxRefinements"/>). Why: the partition becomes a fixed point computed in one summation
    /// order, so float-level differences inside ML.NET (SIMD paths differ across CPUs) rarely reach the outcome, and
    /// the centroids are exactly the members' means the profiles report. An emptied cluster keeps its centroid.
    /// </summary>
    internal static int[] Refine(double[] points, int n, int dimensions, double[] centroids, int k)
    {
        var cluster = AssignNearest(points, n, dimensions, centroids, k);
        var size = new int[k];
        for (int iteration = 0; iteration < MaxRefinements; iteration++)
        {
            Array.Clear(size);
            var sum = new double[k * dimensions];
            for (int i = 0; i < n; i++)
            {
                size[cluster[i]]++;
                for (int d = 0; d < dimensions; d++)
                {
                    sum[cluster[i] * dimensions + d] += points[i * dimensions + d];
                }
            }

            for (int c = 0; c < k; c++)
            {
                if (size[c] > 0)
                {
                    for (int d = 0; d < dimensions; d++)
                    {
                        centroids[c * dimensions + d] = sum[c * dimensions + d] / size[c];
                    }
                }
            }

            var next = AssignNearest(points, n, dimensions, centroids, k);
            if (next.AsSpan().SequenceEqual(cluster))
            {
                break;
            }

            cluster = next;
        }

        return cluster;
    }

    /// <summary>Upper bound on <see cref="Refine"/> iterations; Lloyd's method converges in far fewer on real portfolios.</summary>
    internal const int MaxRefinements = 100;

    /// <summary>Nearest centroid by squared Euclidean distance; a tie goes to the lower centroid index.</summary>
    internal static int[] AssignNearest(double[] points, int n, int dimensions, double[] centroids, int k)
    {
        var cluster = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = 0;
                for (int d = 0; d < dimensions; d++)
                {
                    double diff = points[i * dimensions + d] - centroids[c * dimensions + d];
                    distance += diff * diff;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            cluster[i] = best;
        }

        return cluster;
    }

    /// <summary>Drops empty clusters and numbers the rest by size descending, then members' mean z lexicographically.</summary>
    internal static ClusterAssignment Renumber(double[] points, int n, int dimensions, int[] raw, int k)
    {
        var size = new int[k];
        var mean = new double[k][];
        for (int c = 0; c < k; c++)
        {
            mean[c] = new double[dimensions];
        }

        for (int i = 0; i < n; i++)
        {
            size[raw[i]]++;
            for (int d = 0; d < dimensions; d++)
            {
                mean[raw[i]][d] += points[i * dimensions + d];
            }
        }

        var kept = new List<int>(k);
        for (int c = 0; c < k; c++)
        {
            if (size[c] > 0)
            {
                kept.Add(c);
                for (int d = 0; d < dimensions; d++)
                {
                    mean[c][d] /= size[c];
                }
            }
        }

        kept.Sort((a, b) =>
        {
            int bySize = size[b].CompareTo(size[a]);
            if (bySize != 0)
            {
                return bySize;
            }

            int byMean = Lexicographic(mean[a], mean[b]);
            return byMean != 0 ? byMean : a.CompareTo(b);
        });

        var id = new int[k];
        for (int rank = 0; rank < kept.Count; rank++)
        {
            id[kept[rank]] = rank;
        }

        var cluster = new int[n];
        for (int i = 0; i < n; i++)
        {
            cluster[i] = id[raw[i]];
        }

        return new ClusterAssignment(cluster, kept.Count);
    }

    /// <summary>
    /// The number of distinct rows, counted up to <paramref name="limit"/>: k-means needs only min(k, distinct), and
    /// on a real portfolio the first rows already hold k distinct points, so this stops after a handful of rows.
    /// Rows are equal when every value compares equal (<see cref="double.CompareTo(double)"/>).
    /// </summary>
    internal static int CountDistinctRows(double[] points, int n, int dimensions, int limit)
    {
        var seen = new List<int>(Math.Min(limit, n));
        for (int i = 0; i < n && seen.Count < limit; i++)
        {
            bool known = false;
            foreach (int row in seen)
            {
                if (CompareRows(points, row, i, dimensions) == 0)
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                seen.Add(i);
            }
        }

        return seen.Count;
    }

    private static int CompareRows(double[] points, int a, int b, int dimensions)
    {
        for (int d = 0; d < dimensions; d++)
        {
            int c = points[a * dimensions + d].CompareTo(points[b * dimensions + d]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int Lexicographic(double[] a, double[] b)
    {
        for (int d = 0; d < a.Length; d++)
        {
            int c = a[d].CompareTo(b[d]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>One ML.NET input row; ML.NET reads the public property by reflection.</summary>
    internal sealed class FeatureRow
    {
        /// <summary>The z-scored features, as single precision for ML.NET.</summary>
        public float[] Features { get; set; } = [];
    }
}
