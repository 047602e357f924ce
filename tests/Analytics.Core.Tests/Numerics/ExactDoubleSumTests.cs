using Analytics.Core.Numerics;

namespace Analytics.Tests.Numerics;

public sealed class ExactDoubleSumTests
{
    [Fact]
    public void Ten_tenths_make_exactly_one_where_a_running_sum_misses()
    {
        // 0.1 is 0.1000000000000000055511151231257827…; ten of them are 1.000000000000000055…, nearest double 1.0.
        // A running double sum gives 0.9999999999999999.
        var sum = new ExactDoubleSum();
        double naive = 0;
        for (int i = 0; i < 10; i++)
        {
            sum.Add(0.1);
            naive += 0.1;
        }

        Assert.Equal(1.0, sum.Value());
        Assert.NotEqual(1.0, naive);
    }

    [Fact]
    public void Cancellation_keeps_the_small_terms()
    {
        // 1e16 + 1 − 1e16: a running sum loses the 1 (1e16 + 1 rounds to 1e16); the exact sum is 1.
        var sum = new ExactDoubleSum();
        sum.Add(1e16);
        sum.Add(1);
        sum.Add(-1e16);
        Assert.Equal(1.0, sum.Value());
    }

    [Fact]
    public void Any_order_and_any_split_give_the_same_bits()
    {
        var random = new Random(3);
        var values = new double[2000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-6, 12));
        }

        var whole = new ExactDoubleSum();
        foreach (double v in values) whole.Add(v);
        for (int trial = 0; trial < 5; trial++)
        {
            var shuffled = values.OrderBy(_ => random.Next()).ToArray();
            int cut = random.Next(0, shuffled.Length);
            var left = new ExactDoubleSum();
            var right = new ExactDoubleSum();
            for (int i = 0; i < cut; i++) left.Add(shuffled[i]);
            for (int i = cut; i < shuffled.Length; i++) right.Add(shuffled[i]);
            right.Add(ExactDoubleSum.From(left.Partials));
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Value()), BitConverter.DoubleToInt64Bits(right.Value()));
        }
    }

    [Fact]
    public void An_empty_sum_is_zero_and_a_non_finite_value_is_refused()
    {
        var sum = new ExactDoubleSum();
        Assert.Equal(0.0, sum.Value());
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.Add(double.NaN));
    }
}
