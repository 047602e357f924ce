using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Builds the clustering feature matrix: row-major, one row of <see cref="Count"/> values per customer, columns in
/// <see cref="ClusterFeature"/> order.
/// </summary>
public static class ClusterFeatures
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
    /// with the population standard deviation. A column whose values are all equal becomes all 0.
    /// </summary>
    public static double[] Standardize(ReadOnlySpan<double> original)
    {
        if (original.Length % Count != 0)
        {
            throw new ArgumentException($"The feature matrix length must be a multiple of {Count}.", nameof(original));
        }

        int n = original.Length / Count;
        var z = original.ToArray();
        for (int i = 0; i < n; i++)
        {
            z[i * Count + (int)ClusterFeature.LoanBalance] = Math.Log(1 + z[i * Count + (int)ClusterFeature.LoanBalance]);
            z[i * Count + (int)ClusterFeature.DepositBalance] = Math.Log(1 + z[i * Count + (int)ClusterFeature.DepositBalance]);
        }

        for (int f = 0; f < Count; f++)
        {
            ZScoreColumn(z, n, f);
        }

        return z;
    }

    private static void ZScoreColumn(double[] z, int n, int f)
    {
        if (n == 0)
        {
            return;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double v = z[i * Count + f];
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        // Tested on min == max, not std == 0: the mean of equal values can miss them by an ulp, and dividing that
        // rounding noise by a tiny std would turn a constant column into ±1 values.
        if (min == max)
        {
            for (int i = 0; i < n; i++)
            {
                z[i * Count + f] = 0;
            }

            return;
        }

        double mean = sum / n, squares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = z[i * Count + f] - mean;
            squares += d * d;
        }

        double std = Math.Sqrt(squares / n);
        for (int i = 0; i < n; i++)
        {
            z[i * Count + f] = (z[i * Count + f] - mean) / std;
        }
    }
}
