using Analytics.Core.Profitability;

namespace Analytics.Tests.Profitability;

public class MidRankPercentileTests
{
    private static double[] Of(params double[] values)
    {
        var pct = new double[values.Length];
        MidRankPercentile.Compute(values, pct);
        return pct;
    }

    [Fact]
    public void Single_value_is_one_half() => Assert.Equal([0.5], Of(42));

    [Fact]
    public void Empty_input_is_fine() => Assert.Empty(Of());

    [Fact]
    public void Two_values()
    {
        Assert.Equal([1.0, 0.0], Of(5, -3));
        Assert.Equal([0.5, 0.5], Of(7, 7)); // (0 + 0.5·1)/1
    }

    [Fact]
    public void Ties_share_the_mid_rank()
    {
        // Values 10, 20, 20, 20, 30 (N − 1 = 4): 10 → 0; 20 → (1 + 0.5·2)/4 = 0.5; 30 → 4/4 = 1.
        Assert.Equal([0.5, 0.0, 1.0, 0.5, 0.5], Of(20, 10, 30, 20, 20));
        // 1, 1, 2, 2 (N − 1 = 3): 1 → 0.5/3; 2 → (2 + 0.5)/3.
        double[] pct = Of(2, 1, 2, 1);
        Assert.Equal(2.5 / 3, pct[0]);
        Assert.Equal(0.5 / 3, pct[1]);
        Assert.Equal(2.5 / 3, pct[2]);
        Assert.Equal(0.5 / 3, pct[3]);
    }

    [Fact]
    public void Signed_zeros_tie() => Assert.Equal([0.5, 0.5], Of(-0.0, 0.0));

    [Fact]
    public void Matches_the_definition_on_random_data()
    {
        var random = new Random(7);
        var values = new double[301];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(40) - 20; // many ties
        }

        double[] pct = Of(values);
        for (int i = 0; i < values.Length; i++)
        {
            int less = 0, equal = 0;
            foreach (double x in values)
            {
                less += x < values[i] ? 1 : 0;
                equal += x == values[i] ? 1 : 0;
            }

            Assert.Equal((less + 0.5 * (equal - 1)) / (values.Length - 1), pct[i]);
        }
    }

    [Fact]
    public void Nan_and_length_mismatch_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Of(1, double.NaN));
        Assert.Throws<ArgumentException>(() => MidRankPercentile.Compute(new double[2], new double[3]));
    }
}
