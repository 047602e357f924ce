using Analytics.Core.Configuration;
using Analytics.Core.Profitability;

namespace Analytics.Tests.Profitability;

public class ContributionScoreTests
{
    private static readonly double[] Eva = [100, -50, 30];
    private static readonly double[] Revenue = [10, 20, 30];
    private static readonly int[] Products = [1, 1, 4];
    private static readonly double[] Deposits = [0, 500, 500];

    private static double[] Score(ScoreConfig weights)
    {
        var score = new double[3];
        ContributionScore.Compute(Eva, Revenue, Products, Deposits, weights, score);
        return score;
    }

    [Fact]
    public void Only_eva_weighted_gives_the_eva_percentile()
    {
        // EVA ranks: 100 → 1, −50 → 0, 30 → 0.5.
        Assert.Equal([100.0, 0.0, 50.0], Score(new ScoreConfig
        {
            EvaWeight = 2, RevenueWeight = 0, ProductsHeldWeight = 0,
            DepositBalanceWeight = 0
        }));
    }

    [Fact]
    public void Only_products_weighted_uses_mid_ranks_for_ties()
    {
        // Products 1, 1, 4: ties → (0 + 0.5)/2 = 0.25; 4 → 1.
        Assert.Equal([25.0, 25.0, 100.0], Score(new ScoreConfig
        {
            EvaWeight = 0, RevenueWeight = 0, ProductsHeldWeight = 0.3,
            DepositBalanceWeight = 0
        }));
    }

    [Fact]
    public void Default_weights_mix_all_four()
    {
        // pct eva (1, 0, 0.5), revenue (0, 0.5, 1), products (0.25, 0.25, 1), deposits (0, 0.75, 0.75).
        // Customer 0: 0.6·1 + 0.2·0 + 0.1·0.25 + 0.1·0 = 0.625 → 62.5
        // Customer 1: 0 + 0.1 + 0.025 + 0.075 = 0.2 → 20
        // Customer 2: 0.3 + 0.2 + 0.1 + 0.075 = 0.675 → 67.5
        double[] score = Score(new ScoreConfig());
        Assert.Equal(62.5, score[0], 1e-12);
        Assert.Equal(20.0, score[1], 1e-12);
        Assert.Equal(67.5, score[2], 1e-12);
    }

    [Fact]
    public void All_zero_or_negative_weights_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Score(new ScoreConfig
        {
            EvaWeight = 0, RevenueWeight = 0, ProductsHeldWeight = 0,
            DepositBalanceWeight = 0
        }));
        Assert.Throws<ArgumentException>(() => Score(new ScoreConfig { EvaWeight = -1 }));
    }
}
