using Analytics.Core.Errors;
using Analytics.Core.Numerics;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Per cluster, the sums behind <c>cluster_profiles</c>: members, Σ of each feature in original units and in z-space,
/// Σ EVA, and Σ and count of the defined RAROCs, in fixed point (<see cref="ExactSum"/>) so that partial sums over
/// customer ranges add up to the same bits in any order — one process sums everyone, a distributed run adds its
/// partitions' sums. <see cref="Profiles"/> turns the totals into the profiles and their labels.
/// </summary>
internal sealed class ClusterProfileSums
{
    private ClusterProfileSums(long[] size, Int128[] original, Int128[] z, Int128[] eva, Int128[] raroc, long[] rarocCount)
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
    public Int128[] Original { get; }

    /// <summary>Σ z-scored feature, same layout.</summary>
    public Int128[] Z { get; }

    /// <summary>Σ EVA per cluster.</summary>
    public Int128[] Eva { get; }

    /// <summary>Σ RAROC over members whose RAROC is defined.</summary>
    public Int128[] Raroc { get; }

    /// <summary>Members whose RAROC is defined.</summary>
    public long[] RarocCount { get; }

    /// <summary>Rebuilds sums from their parts (a distributed run carries them between processes).</summary>
    public static ClusterProfileSums From(long[] size, Int128[] original, Int128[] z, Int128[] eva, Int128[] raroc, long[] rarocCount)
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
        var sumOriginal = new Int128[k * dims];
        var sumZ = new Int128[k * dims];
        var sumEva = new Int128[k];
        var sumRaroc = new Int128[k];
        var rarocCount = new long[k];
        for (int c = 0; c < clusterOf.Length; c++)
        {
            int id = clusterOf[c];
            size[id]++;
            for (int f = 0; f < dims; f++)
            {
                sumOriginal[id * dims + f] = ExactSum.Add(sumOriginal[id * dims + f], ExactSum.ToFixed(original[c * dims + f]));
                sumZ[id * dims + f] = ExactSum.Add(sumZ[id * dims + f], ExactSum.ToFixed(z[c * dims + f]));
            }

            sumEva[id] = ExactSum.Add(sumEva[id], Fixed(eva[c]));
            if (!double.IsNaN(raroc[c]))
            {
                sumRaroc[id] = ExactSum.Add(sumRaroc[id], Fixed(raroc[c]));
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
        var original = (Int128[])Original.Clone();
        var z = (Int128[])Z.Clone();
        var eva = (Int128[])Eva.Clone();
        var raroc = (Int128[])Raroc.Clone();
        var rarocCount = (long[])RarocCount.Clone();
        for (int id = 0; id < size.Length; id++)
        {
            size[id] += other.Size[id];
            eva[id] = ExactSum.Add(eva[id], other.Eva[id]);
            raroc[id] = ExactSum.Add(raroc[id], other.Raroc[id]);
            rarocCount[id] += other.RarocCount[id];
        }

        for (int i = 0; i < original.Length; i++)
        {
            original[i] = ExactSum.Add(original[i], other.Original[i]);
            z[i] = ExactSum.Add(z[i], other.Z[i]);
        }

        return new ClusterProfileSums(size, original, z, eva, raroc, rarocCount);
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
                meanOriginal[id * dims + f] = ExactSum.ToDouble(Original[id * dims + f]) / Size[id];
                meanZ[id * dims + f] = ExactSum.ToDouble(Z[id * dims + f]) / Size[id];
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
                ExactSum.ToDouble(Eva[id]) / Size[id],
                RarocCount[id] > 0 ? ExactSum.ToDouble(Raroc[id]) / RarocCount[id] : double.NaN);
        }

        return profiles;
    }

    private static Int128 Fixed(double v)
    {
        try
        {
            return ExactSum.ToFixed(v);
        }
        catch (OverflowException)
        {
            throw new DataQualityException(
                "A customer's EVA or RAROC is too large to average into its cluster's profile (beyond 10^23); check the input for a "
                + "unit error in balances or rates.");
        }
    }
}
