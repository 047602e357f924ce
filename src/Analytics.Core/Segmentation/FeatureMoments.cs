using Analytics.Core.Errors;
using Analytics.Core.Numerics;

namespace Analytics.Core.Segmentation;

/// <summary>
/// The sums behind the z-scoring of the clustering features (<see cref="FeatureScaling"/>), kept in fixed point
/// (<see cref="ExactSum"/>) so that partial sums over customer ranges add up to the same bits in any order: one
/// process sums every customer at once, a distributed run sums each partition and adds the partials. Two passes,
/// as the population deviation needs the mean first: <see cref="Of"/> (count, Σ value, min, max per feature), then
/// <see cref="Deviations"/> (Σ (value − mean)² per feature, given the mean of every customer).
/// </summary>
internal sealed class FeatureMoments
{
    private FeatureMoments(long count, Int128[] sum, double[] min, double[] max)
    {
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
    }

    /// <summary>Number of customers summed.</summary>
    public long Count { get; }

    /// <summary>Per feature, Σ of the transformed value (<c>log1p</c> for the balances) in fixed point.</summary>
    public Int128[] Sum { get; }

    /// <summary>Per feature, the smallest transformed value (+∞ when there are no customers).</summary>
    public double[] Min { get; }

    /// <summary>Per feature, the largest transformed value (−∞ when there are no customers).</summary>
    public double[] Max { get; }

    /// <summary>Rebuilds partial moments from their parts (a distributed run carries them between processes).</summary>
    public static FeatureMoments From(long count, Int128[] sum, double[] min, double[] max) => new(count, sum, min, max);

    /// <summary>
    /// The first-pass sums over the rows of <paramref name="original"/> (row-major, <see cref="ClusterFeatures.Count"/> per row).
    /// </summary>
    public static FeatureMoments Of(ReadOnlySpan<double> original)
    {
        int dims = ClusterFeatures.Count;
        int n = original.Length / dims;
        var sum = new Int128[dims];
        var min = new double[dims];
        var max = new double[dims];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int f = 0; f < dims; f++)
        {
            Int128 s = 0;
            for (int i = 0; i < n; i++)
            {
                double v = ClusterFeatures.Transformed(original, i * dims, f);
                s = ExactSum.Add(s, Fixed(v));
                min[f] = Math.Min(min[f], v);
                max[f] = Math.Max(max[f], v);
            }

            sum[f] = s;
        }

        return new FeatureMoments(n, sum, min, max);
    }

    /// <summary>The sums of two disjoint sets of customers together; the same bits in any order of adding.</summary>
    public FeatureMoments Add(FeatureMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int dims = Sum.Length;
        var sum = new Int128[dims];
        var min = new double[dims];
        var max = new double[dims];
        for (int f = 0; f < dims; f++)
        {
            sum[f] = ExactSum.Add(Sum[f], other.Sum[f]);
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
            mean[f] = Count == 0 ? 0 : ExactSum.ToDouble(Sum[f]) / Count;
        }

        return mean;
    }

    /// <summary>Second pass over the rows of <paramref name="original"/>: per feature, Σ (value − mean)² in fixed point.</summary>
    public static Int128[] Deviations(ReadOnlySpan<double> original, double[] mean)
    {
        ArgumentNullException.ThrowIfNull(mean);
        int dims = ClusterFeatures.Count;
        int n = original.Length / dims;
        var squares = new Int128[dims];
        for (int f = 0; f < dims; f++)
        {
            Int128 s = 0;
            for (int i = 0; i < n; i++)
            {
                double d = ClusterFeatures.Transformed(original, i * dims, f) - mean[f];
                s = ExactSum.Add(s, Fixed(d * d));
            }

            squares[f] = s;
        }

        return squares;
    }

    /// <summary>
    /// The scaling of every customer summed here, given Σ (value − mean)² over them all: the mean, and the population
    /// standard deviation √(Σ / N) — 0 for a column whose values are all equal (tested on min = max, not on the
    /// deviation: the mean of equal values can miss them by an ulp, and dividing that rounding noise by a tiny
    /// deviation would turn a constant column into ±1 values).
    /// </summary>
    public FeatureScaling Scaling(Int128[] deviations)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        var mean = Mean();
        var std = new double[mean.Length];
        for (int f = 0; f < std.Length; f++)
        {
            std[f] = Count == 0 || Min[f] == Max[f] ? 0 : Math.Sqrt(ExactSum.ToDouble(deviations[f]) / Count);
        }

        return new FeatureScaling(mean, std);
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
                "A clustering feature is too large to standardise (a limit utilisation or balance beyond 10^11); check the accounts' "
                + "limits and balances for a unit error.");
        }
    }
}
