using Analytics.Core.Configuration;

namespace Analytics.Core.Profitability;

/// <summary>
/// Contribution score (客户贡献度) of docs/METHODOLOGY.md §3.11: <c>100 × Σ w_k·pct_k / Σ w_k</c> over EVA, revenue,
/// products_held and deposit_balance, where <c>pct_k</c> is the <see cref="MidRankPercentile"/> among all customers.
/// </summary>
/// <remarks>
/// Evaluated as <c>100 × (Σ w_k·pct_k / Σ w_k)</c>, summing in the order eva, revenue, products_held, deposit_balance:
/// the ratio of the weighted sum to the weight sum is at most 1 when every pct is at most 1, so the score never
/// exceeds 100 by a rounding bit. A metric with weight 0 is not ranked.
/// </remarks>
internal static class ContributionScore
{
    /// <summary>
    /// Writes each customer's score into <paramref name="score"/>; all spans have one entry per customer.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative or not finite, or all weights are 0.</exception>
    public static void Compute(
        ReadOnlySpan<double> eva,
        ReadOnlySpan<double> revenue,
        ReadOnlySpan<int> productsHeld,
        ReadOnlySpan<double> depositBalance,
        ScoreConfig weights,
        Span<double> score)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = score.Length;
        if (eva.Length != n || revenue.Length != n || productsHeld.Length != n || depositBalance.Length != n)
        {
            throw new ArgumentException("Every metric must have one entry per customer.", nameof(score));
        }

        double wEva = CheckWeight(weights.EvaWeight, "eva");
        double wRevenue = CheckWeight(weights.RevenueWeight, "revenue");
        double wProducts = CheckWeight(weights.ProductsHeldWeight, "products_held");
        double wDeposit = CheckWeight(weights.DepositBalanceWeight, "deposit_balance");
        double wSum = wEva + wRevenue + wProducts + wDeposit;
        if (!(wSum > 0))
        {
            throw new ArgumentException("The score weights are all zero.", nameof(weights));
        }

        var products = new double[n];
        for (int i = 0; i < n; i++)
        {
            products[i] = productsHeld[i];
        }

        var pEva = Percentiles(eva, wEva);
        var pRevenue = Percentiles(revenue, wRevenue);
        var pProducts = Percentiles(products, wProducts);
        var pDeposit = Percentiles(depositBalance, wDeposit);
        for (int i = 0; i < n; i++)
        {
            double weighted = wEva * pEva[i] + wRevenue * pRevenue[i] + wProducts * pProducts[i] + wDeposit * pDeposit[i];
            score[i] = 100 * (weighted / wSum);
        }
    }

    private static double[] Percentiles(ReadOnlySpan<double> values, double weight)
    {
        var pct = new double[values.Length];
        if (weight != 0)
        {
            MidRankPercentile.Compute(values, pct);
        }

        return pct;
    }

    private static double CheckWeight(double weight, string name) =>
        double.IsFinite(weight) && weight >= 0
            ? weight
            : throw new ArgumentException($"The score weight {name} must be a finite number of at least 0.", nameof(weight));
}
