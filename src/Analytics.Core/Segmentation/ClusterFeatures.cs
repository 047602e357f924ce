using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Builds the clustering feature matrix: row-major, one row of <see cref="Count"/> values per customer, columns in
/// <see cref="ClusterFeature"/> order.
/// </summary>
internal static class ClusterFeatures
{
    /// <summary>Number of features.</summary>
    public const int Count = 6;

    /// <summary>
    /// Features in original units (balances in reporting currency, shares as fractions, products as a count,
    /// utilisation as a fraction): the units cluster profiles report their centroids in.
    /// </summary>
    public static double[] Original(PortfolioData data, ProfitabilityResult profitability)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(profitability);
        int n = data.Customers.Count;
        var x = new double[n * Count];
        for (int c = 0; c < n; c++)
        {
            int row = c * Count;
            double revenue = profitability.Revenue[c];
            x[row + (int)ClusterFeature.LoanBalance] = profitability.LendingBalance[c];
            x[row + (int)ClusterFeature.DepositBalance] = profitability.DepositBalance[c];
            x[row + (int)ClusterFeature.FeeShare] = revenue > 0 ? profitability.FeeIncome[c] / revenue : 0;
            x[row + (int)ClusterFeature.CrossSellShare] = revenue > 0 ? profitability.CrossSellRevenue[c] / revenue : 0;
            x[row + (int)ClusterFeature.ProductsHeld] = profitability.ProductsHeld[c];
            double utilization = Utilization.Of(data.Accounts, c);
            x[row + (int)ClusterFeature.Utilization] = double.IsNaN(utilization) ? 0 : utilization;
        }

        return x;
    }

    /// <summary>
    /// The clustering space: <c>log1p</c> of the two balances (never negative, so defined), then every column z-scored
    /// with the population standard deviation over all the rows. A column whose values are all equal becomes all 0.
    /// Same as <see cref="Apply"/> with the scaling <see cref="Fit"/> finds.
    /// </summary>
    public static double[] Standardize(ReadOnlySpan<double> original)
    {
        var z = new double[original.Length];
        Apply(original, Fit(original), z);
        return z;
    }

    /// <summary>
    /// The mean and population standard deviation of each column after <c>log1p</c> of the balances, from
    /// order-independent sums (<see cref="FeatureMoments"/>): a distributed run adds the same sums partition by
    /// partition and gets the same bits, then sends the scaling to the partitions, which <see cref="Apply"/> it to
    /// their own rows.
    /// </summary>
    public static FeatureScaling Fit(ReadOnlySpan<double> original)
    {
        if (original.Length % Count != 0)
        {
            throw new ArgumentException($"The feature matrix length must be a multiple of {Count}.", nameof(original));
        }

        var moments = FeatureMoments.Of(original);
        return moments.Scaling(FeatureMoments.Deviations(original, moments.Mean()));
    }

    /// <summary>
    /// Writes into <paramref name="z"/> the rows of <paramref name="original"/> in the clustering space of
    /// <paramref name="scaling"/>: <c>(x − mean) / std</c>, balances through <c>log1p</c> first, 0 for a constant column.
    /// </summary>
    public static void Apply(ReadOnlySpan<double> original, FeatureScaling scaling, Span<double> z)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        if (original.Length % Count != 0 || z.Length != original.Length)
        {
            throw new ArgumentException($"The feature matrices must have equal lengths, multiples of {Count}.", nameof(z));
        }

        for (int i = 0; i < original.Length; i += Count)
        {
            for (int f = 0; f < Count; f++)
            {
                double std = scaling.Std[f];
                z[i + f] = std == 0 ? 0 : (Transformed(original, i, f) - scaling.Mean[f]) / std;
            }
        }
    }

    /// <summary>The value clustered before z-scoring: <c>log1p</c> for the balances, the value itself otherwise.</summary>
    internal static double Transformed(ReadOnlySpan<double> x, int row, int f)
    {
        double v = x[row + f];
        return f is (int)ClusterFeature.LoanBalance or (int)ClusterFeature.DepositBalance ? Math.Log(1 + v) : v;
    }
}
