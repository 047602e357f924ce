using Analytics.Core.Configuration;
using Analytics.Core.Parallelism;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Seeded k-means over the z-scored behaviour features (docs/SEGMENTATION.md, "Behaviour clusters") in three steps a
/// distributed run can also call one by one: pick the training sample (<see cref="TrainingSample"/>), train the
/// centroids on it (<see cref="Train"/>), assign every customer to its nearest centroid (<see cref="Assign(double[], ClusterCentroids,
/// int)"/>).
/// ML.NET finds the centroids; this class makes the outcome repeatable: k-means++ initialisation on one thread
/// (ML.NET's default initialisation is not repeatable, dotnet/machinelearning#6375), Lloyd refinement and
/// nearest-centroid assignment in binary64 here, and cluster ids numbered by a rule that does not depend on ML.NET's
/// internal centroid order.
/// </summary>
internal static class BehaviourClustering
{
    /// <summary>
    /// Clusters the customers whose z-scored features are <paramref name="z"/> (row-major, <paramref name="dimensions"/>
    /// values each, in the order of <paramref name="ids"/>): trains on the sample <see cref="TrainingSample.Select"/>
    /// picks and assigns everyone, the assignment on up to <paramref name="threads"/> threads (0 = all cores). The
    /// outcome is the same for any thread count.
    /// </summary>
    public static ClusterAssignment Cluster(double[] z, IReadOnlyList<string> ids, int dimensions, ClusterConfig config, int threads)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (z.Length != ids.Count * dimensions)
        {
            throw new ArgumentException($"The matrix must hold {dimensions} values for each of the {ids.Count} customers.", nameof(z));
        }

        var sample = TrainingSample.Select(ids, config.SampleSize);
        var rows = new double[sample.Length * dimensions];
        for (int s = 0; s < sample.Length; s++)
        {
            Array.Copy(z, sample[s] * dimensions, rows, s * dimensions, dimensions);
        }

        var centroids = Train(rows, dimensions, config.K, config.Seed, config.MaxIterations);
        return new ClusterAssignment(Assign(z, centroids, threads), centroids.Count);
    }

    /// <summary>
    /// Trains at most <paramref name="k"/> centroids on the <paramref name="rows"/> (row-major, the training sample in
    /// ordinal customer_id order): the effective k is <c>min(k, distinct rows)</c>, as k-means cannot fill more
    /// clusters than there are distinct points. ML.NET runs at most <paramref name="maxIterations"/> Lloyd iterations
    /// in single precision, then <see cref="Refine"/> at most as many in binary64. Centroids left without a sample
    /// member are dropped; the rest are numbered by sample members descending, then by centroid lexicographically.
    /// Every returned cluster has a member in the sample, so none is empty once all customers are assigned.
    /// </summary>
    public static ClusterCentroids Train(double[] rows, int dimensions, int k, int seed, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (rows.Length % dimensions != 0)
        {
            throw new ArgumentException($"The matrix length must be a multiple of {dimensions}.", nameof(rows));
        }

        int n = rows.Length / dimensions;
        if (n == 0)
        {
            return new ClusterCentroids([], dimensions);
        }

        int effectiveK = CountDistinctRows(rows, n, dimensions, limit: k);
        if (effectiveK == 1)
        {
            return new ClusterCentroids(rows[..dimensions], dimensions);
        }

        var centroids = TrainCentroids(rows, n, dimensions, effectiveK, seed, maxIterations);
        int trained = centroids.Length / dimensions;
        var raw = Refine(rows, n, dimensions, centroids, trained, maxIterations);
        return Number(raw, centroids, trained, dimensions);
    }

    /// <summary>
    /// Assigns every row of <paramref name="z"/> to its nearest centroid on up to <paramref name="threads"/> threads
    /// (0 = all cores). Each row is decided alone, so the result does not depend on the thread count or on how a
    /// distributed run splits the customers.
    /// </summary>
    public static int[] Assign(double[] z, ClusterCentroids centroids, int threads)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(centroids);
        int dimensions = centroids.Dimensions;
        int n = z.Length / dimensions;
        var cluster = new int[n];
        int ranges = CustomerPartitions.RangeCount(n, threads);
        CustomerPartitions.Run(n, ranges, threads, (_, from, to) =>
            Assign(z.AsSpan(from * dimensions, (to - from) * dimensions), centroids, cluster.AsSpan(from, to - from)));
        return cluster;
    }

    /// <summary>
    /// Writes into <paramref name="cluster"/> the id of the nearest centroid of each row of <paramref name="z"/>, by
    /// squared Euclidean distance in z-space; a tie goes to the lower cluster id.
    /// </summary>
    public static void Assign(ReadOnlySpan<double> z, ClusterCentroids centroids, Span<int> cluster)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        int dimensions = centroids.Dimensions;
        int k = centroids.Count;
        if (z.Length != cluster.Length * dimensions)
        {
            throw new ArgumentException($"The matrix must hold {dimensions} values for each of the {cluster.Length} customers.", nameof(z));
        }

        if (k == 0 && cluster.Length > 0)
        {
            throw new ArgumentException("There are customers to assign but no centroids.", nameof(centroids));
        }

        ReadOnlySpan<double> c = centroids.Values;
        for (int i = 0; i < cluster.Length; i++)
        {
            var point = z.Slice(i * dimensions, dimensions);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int id = 0; id < k; id++)
            {
                var centroid = c.Slice(id * dimensions, dimensions);
                double distance = 0;
                for (int d = 0; d < dimensions; d++)
                {
                    double diff = point[d] - centroid[d];
                    distance += diff * diff;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = id;
                }
            }

            cluster[i] = best;
        }
    }

    /// <summary>ML.NET k-means centroids, row-major, sorted lexicographically so their order is ML.NET-independent.</summary>
    private static double[] TrainCentroids(double[] points, int n, int dimensions, int k, int seed, int maxIterations)
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
            MaximumNumberOfIterations = maxIterations,
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

        Array.Sort(centroids, (a, b) => Lexicographic(a, b));
        var flat = new double[trained * dimensions];
        for (int c = 0; c < trained; c++)
        {
            centroids[c].CopyTo(flat, c * dimensions);
        }

        return flat;
    }

    /// <summary>
    /// Lloyd iterations in binary64 from ML.NET's single-precision centroids until no row changes cluster (at most
    /// <paramref name="maxIterations"/>). Why: the partition becomes a fixed point computed in one summation
    /// order, so float-level differences inside ML.NET (SIMD paths differ across CPUs) rarely reach the outcome, and
    /// the centroids are exactly the members' means the profiles report. An emptied cluster keeps its centroid.
    /// </summary>
    internal static int[] Refine(double[] points, int n, int dimensions, double[] centroids, int k, int maxIterations)
    {
        var cluster = AssignNearest(points, n, dimensions, centroids, k);
        var size = new int[k];
        for (int iteration = 0; iteration < maxIterations; iteration++)
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

    /// <summary>Nearest centroid by squared Euclidean distance; a tie goes to the lower centroid index.</summary>
    internal static int[] AssignNearest(double[] points, int n, int dimensions, double[] centroids, int k)
    {
        var cluster = new int[n];
        Assign(points.AsSpan(0, n * dimensions), new ClusterCentroids(centroids[..(k * dimensions)], dimensions), cluster);
        return cluster;
    }

    /// <summary>
    /// Drops the centroids no row of <paramref name="raw"/> chose and orders the rest into cluster ids: by members
    /// descending, then by centroid lexicographically (after <see cref="Refine"/> converges, the centroid is the
    /// members' mean z).
    /// </summary>
    internal static ClusterCentroids Number(int[] raw, double[] centroids, int k, int dimensions)
    {
        var size = new int[k];
        foreach (int c in raw)
        {
            size[c]++;
        }

        var kept = new List<int>(k);
        for (int c = 0; c < k; c++)
        {
            if (size[c] > 0)
            {
                kept.Add(c);
            }
        }

        kept.Sort((a, b) =>
        {
            int bySize = size[b].CompareTo(size[a]);
            if (bySize != 0)
            {
                return bySize;
            }

            int byCentroid = Lexicographic(centroids.AsSpan(a * dimensions, dimensions), centroids.AsSpan(b * dimensions, dimensions));
            return byCentroid != 0 ? byCentroid : a.CompareTo(b);
        });

        var values = new double[kept.Count * dimensions];
        for (int id = 0; id < kept.Count; id++)
        {
            Array.Copy(centroids, kept[id] * dimensions, values, id * dimensions, dimensions);
        }

        return new ClusterCentroids(values, dimensions);
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

    private static int Lexicographic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
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
