using Analytics.Core.Numerics;

namespace Analytics.Core.Segmentation;

/// <summary>
/// The sums behind the z-scoring of the clustering features (<see cref="FeatureScaling"/>), kept exact
/// (<see cref="ExactDoubleSum"/>) so that partial sums over customer ranges add up to the same bits in any order: one
/// process sums every customer at once, a distributed run sums each partition and adds the partials. Two passes,
/// as the population deviation needs the mean first: <see cref="Of"/> (count, Σ value, min, max per feature), then
/// <see cref="Deviations"/> (Σ (value − mean)² per feature, given the mean of every customer).
/// </summary>
internal sealed class FeatureMoments
{
    private FeatureMoments(long count, ExactDoubleSum[] sum, double[] min, double[] max)
    {
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
    }

    /// <summary>Number of customers summed.</summary>
    public long Count { get; }

    /// <summary>Per feature, the exact Σ of the transformed value (<c>log1p</c> for the balances).</summary>
    public ExactDoubleSum[] Sum { get; }

    /// <summary>Per feature, the smallest transformed value (+∞ when there are no customers).</summary>
    public double[] Min { get; }

    /// <summary>Per feature, the largest transformed value (−∞ when there are no customers).</summary>
    public double[] Max { get; }

    /// <summary>Rebuilds partial moments from their parts (a distributed run carries them between processes).</summary>
    public static FeatureMoments From(long count, ExactDoubleSum[] sum, double[] min, double[] max) => new(count, sum, min, max);

    /// <summary>
    /// The first-pass sums over the rows of <paramref name="original"/> (row-major, <see cref="ClusterFeatures.Count"/> per row).
    /// </summary>
    public static FeatureMoments Of(ReadOnlySpan<double> original)
    {
        int dims = ClusterFeatures.Count;
        int n = original.Length / dims;
        var sum = new ExactDoubleSum[dims];
        var min = new double[dims];
        var max = new double[dims];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int f = 0; f < dims; f++)
        {
            sum[f] = new ExactDoubleSum();
            for (int i = 0; i < n; i++)
            {
                double v = ClusterFeatures.Transformed(original, i * dims, f);
                sum[f].Add(v);
                min[f] = Math.Min(min[f], v);
                max[f] = Math.Max(max[f], v);
            }
        }

        return new FeatureMoments(n, sum, min, max);
    }

    /// <summary>The sums of two disjoint sets of customers together; the same bits in any order of adding.</summary>
    public FeatureMoments Add(FeatureMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int dims = Sum.Length;
        var sum = new ExactDoubleSum[dims];
        var min = new double[dims];
        var max = new double[dims];
        for (int f = 0; f < dims; f++)
        {
            sum[f] = new ExactDoubleSum();
            sum[f].Add(Sum[f]);
            sum[f].Add(other.Sum[f]);
            min[f] = Math.Min(Min[f], other.Min[f]);
            max[f] = Math.Max(Max[f], other.Max[f]);
        }

        return new FeatureMoments(Count + other.Count, sum, min, max);
    }

    /// <summary>Per feature, the mean over every customer summed: Σ value / N (0 without customers).</summary>
    public double[] Mean()
    {
        var mean = new double[Sum.Length];
        for (int f = 0; f < mean.Length; f++)
        {
            mean[f] = Count == 0 ? 0 : Sum[f].Value() / Count;
        }

        return mean;
    }

    /// <summary>Second pass over the rows of <paramref name="original"/>: per feature, the exact Σ (value − mean)².</summary>
    public static ExactDoubleSum[] Deviations(ReadOnlySpan<double> original, double[] mean)
    {
        ArgumentNullException.ThrowIfNull(mean);
        int dims = ClusterFeatures.Count;
        int n = original.Length / dims;
        var squares = new ExactDoubleSum[dims];
        for (int f = 0; f < dims; f++)
        {
            squares[f] = new ExactDoubleSum();
            for (int i = 0; i < n; i++)
            {
                double d = ClusterFeatures.Transformed(original, i * dims, f) - mean[f];
                squares[f].Add(d * d);
            }
        }

        return squares;
    }

    /// <summary>
    /// The scaling of every customer summed here, given Σ (value − mean)² over them all: the mean, and the population
    /// standard deviation √(Σ / N) — 0 for a column whose values are all equal (tested on min = max, not on the
    /// deviation: the mean of equal values can miss them by an ulp, and dividing that rounding noise by a tiny
    /// deviation would turn a constant column into ±1 values).
    /// </summary>
    public FeatureScaling Scaling(ExactDoubleSum[] deviations)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        var mean = Mean();
        var std = new double[mean.Length];
        for (int f = 0; f < std.Length; f++)
        {
            std[f] = Count == 0 || Min[f] == Max[f] ? 0 : Math.Sqrt(deviations[f].Value() / Count);
        }

        return new FeatureScaling(mean, std);
    }
}
