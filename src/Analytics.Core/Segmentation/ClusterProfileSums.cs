using Analytics.Core.Numerics;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Per cluster, the sums behind <c>cluster_profiles</c>: members, Σ of each feature in original units and in z-space,
/// Σ EVA, and Σ and count of the defined RAROCs, exact (<see cref="ExactDoubleSum"/>) so that partial sums over
/// customer ranges add up to the same bits in any order — one process sums everyone, a distributed run adds its
/// partitions' sums. <see cref="Profiles"/> turns the totals into the profiles and their labels.
/// </summary>
internal sealed class ClusterProfileSums
{
    private ClusterProfileSums(long[] size, ExactDoubleSum[] original, ExactDoubleSum[] z, ExactDoubleSum[] eva, ExactDoubleSum[] raroc,
        long[] rarocCount)
    {
        Size = size;
        Original = original;
        Z = z;
        Eva = eva;
        Raroc = raroc;
        RarocCount = rarocCount;
    }

    /// <summary>Members per cluster.</summary>
    public long[] Size { get; }

    /// <summary>Σ feature in original units, row-major (<see cref="ClusterFeatures.Count"/> per cluster).</summary>
    public ExactDoubleSum[] Original { get; }

    /// <summary>Σ z-scored feature, same layout.</summary>
    public ExactDoubleSum[] Z { get; }

    /// <summary>Σ EVA per cluster.</summary>
    public ExactDoubleSum[] Eva { get; }

    /// <summary>Σ RAROC over members whose RAROC is defined.</summary>
    public ExactDoubleSum[] Raroc { get; }

    /// <summary>Members whose RAROC is defined.</summary>
    public long[] RarocCount { get; }

    /// <summary>Rebuilds sums from their parts (a distributed run carries them between processes).</summary>
    public static ClusterProfileSums From(long[] size, ExactDoubleSum[] original, ExactDoubleSum[] z, ExactDoubleSum[] eva,
        ExactDoubleSum[] raroc, long[] rarocCount)
        => new(size, original, z, eva, raroc, rarocCount);

    /// <summary>
    /// The sums over customers whose cluster is <paramref name="clusterOf"/> (ids below <paramref name="k"/>), with
    /// their features <paramref name="original"/> and <paramref name="z"/> (row-major) and their EVA and RAROC.
    /// </summary>
    public static ClusterProfileSums Of(ReadOnlySpan<int> clusterOf, ReadOnlySpan<double> original, ReadOnlySpan<double> z,
        ReadOnlySpan<double> eva, ReadOnlySpan<double> raroc, int k)
    {
        int dims = ClusterFeatures.Count;
        var size = new long[k];
        var sumOriginal = New(k * dims);
        var sumZ = New(k * dims);
        var sumEva = New(k);
        var sumRaroc = New(k);
        var rarocCount = new long[k];
        for (int c = 0; c < clusterOf.Length; c++)
        {
            int id = clusterOf[c];
            size[id]++;
            for (int f = 0; f < dims; f++)
            {
                sumOriginal[id * dims + f].Add(original[c * dims + f]);
                sumZ[id * dims + f].Add(z[c * dims + f]);
            }

            sumEva[id].Add(eva[c]);
            if (!double.IsNaN(raroc[c]))
            {
                sumRaroc[id].Add(raroc[c]);
                rarocCount[id]++;
            }
        }

        return new ClusterProfileSums(size, sumOriginal, sumZ, sumEva, sumRaroc, rarocCount);
    }

    /// <summary>The sums of two disjoint sets of customers together; the same bits in any order of adding.</summary>
    public ClusterProfileSums Add(ClusterProfileSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var size = (long[])Size.Clone();
        var rarocCount = (long[])RarocCount.Clone();
        for (int id = 0; id < size.Length; id++)
        {
            size[id] += other.Size[id];
            rarocCount[id] += other.RarocCount[id];
        }

        return new ClusterProfileSums(size, Both(Original, other.Original), Both(Z, other.Z), Both(Eva, other.Eva),
            Both(Raroc, other.Raroc), rarocCount);
    }

    private static ExactDoubleSum[] New(int count)
    {
        var sums = new ExactDoubleSum[count];
        for (int i = 0; i < count; i++) sums[i] = new ExactDoubleSum();
        return sums;
    }

    private static ExactDoubleSum[] Both(ExactDoubleSum[] a, ExactDoubleSum[] b)
    {
        var sums = New(a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            sums[i].Add(a[i]);
            sums[i].Add(b[i]);
        }

        return sums;

    }

    /// <summary>Per cluster: size, mean original features, mean EVA and mean defined RAROC, labelled from the mean z.</summary>
    public ClusterProfile[] Profiles()
    {
        int k = Size.Length;
        int dims = ClusterFeatures.Count;
        var meanOriginal = new double[k * dims];
        var meanZ = new double[k * dims];
        for (int id = 0; id < k; id++)
        {
            for (int f = 0; f < dims; f++)
            {
                meanOriginal[id * dims + f] = Original[id * dims + f].Value() / Size[id];
                meanZ[id * dims + f] = Z[id * dims + f].Value() / Size[id];
            }
        }

        var labels = ClusterLabels.Assign(meanZ, meanOriginal);
        var profiles = new ClusterProfile[k];
        for (int id = 0; id < k; id++)
        {
            int row = id * dims;
            profiles[id] = new ClusterProfile(
                id,
                labels[id],
                checked((int)Size[id]),
                meanOriginal[row + (int)ClusterFeature.LoanBalance],
                meanOriginal[row + (int)ClusterFeature.DepositBalance],
                meanOriginal[row + (int)ClusterFeature.FeeShare],
                meanOriginal[row + (int)ClusterFeature.CrossSellShare],
                meanOriginal[row + (int)ClusterFeature.ProductsHeld],
                meanOriginal[row + (int)ClusterFeature.Utilization],
                Eva[id].Value() / Size[id],
                RarocCount[id] > 0 ? Raroc[id].Value() / RarocCount[id] : double.NaN);
        }

        return profiles;
    }
}
