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

/// <summary>
/// The array-backed <see cref="ExactDoubleSum"/> against the List-backed implementation it replaced (kept here as the
/// reference, line for line): the same partials and the same value, bit for bit, on inputs chosen to stress it.
/// </summary>
public sealed class ExactDoubleSumReferenceTests
{
    /// <summary>The implementation before the array (Shewchuk's partials in a List, as in Python's math.fsum).</summary>
    private sealed class ListSum
    {
        private readonly List<double> _partials = [];

        public double[] Partials => [.. _partials];

        public void Add(double x)
        {
            int i = 0;
            for (int j = 0; j < _partials.Count; j++)
            {
                double y = _partials[j];
                if (Math.Abs(x) < Math.Abs(y))
                {
                    (x, y) = (y, x);
                }

                double hi = x + y;
                double lo = y - (hi - x);
                if (lo != 0)
                {
                    _partials[i++] = lo;
                }

                x = hi;
            }

            _partials.RemoveRange(i, _partials.Count - i);
            _partials.Add(x);
        }

        public double Value()
        {
            int n = _partials.Count;
            if (n == 0)
            {
                return 0;
            }

            double hi = _partials[--n];
            double lo = 0;
            while (n > 0)
            {
                double x = hi;
                double y = _partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0)
                {
                    break;
                }
            }

            if (n > 0 && ((lo < 0 && _partials[n - 1] < 0) || (lo > 0 && _partials[n - 1] > 0)))
            {
                double y = lo * 2;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr)
                {
                    hi = x;
                }
            }

            return hi;
        }
    }

    public static TheoryData<string> Cases() => ["cancellation", "magnitudes", "subnormals", "halfway", "many", "huge"];

    private static double[] Values(string name)
    {
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var values = new List<double>();
        switch (name)
        {
            case "cancellation":
                // Large terms that cancel exactly, leaving the small ones: a running sum keeps none of them.
                for (int i = 0; i < 500; i++)
                {
                    double big = Math.ScaleB(random.NextDouble(), random.Next(40, 200));
                    values.AddRange([big, random.NextDouble() * 1e-3, -big, Math.ScaleB(1, -random.Next(0, 60))]);
                }

                break;
            case "magnitudes":
                // 2^-1000 … 2^1000, both signs: many partials at once.
                for (int i = 0; i < 2000; i++)
                {
                    values.Add((random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-1000, 1000)));
                }

                break;
            case "subnormals":
                for (int i = 0; i < 1000; i++)
                {
                    values.Add((random.NextDouble() - 0.5) * double.Epsilon * random.Next(1, 1 << 20));
                    values.Add(double.MinValue / 1e300 * random.NextDouble());
                }

                break;
            case "halfway":
                // Sums that land exactly half-way between two doubles, where the partials below decide the rounding.
                for (int i = 0; i < 300; i++)
                {
                    values.AddRange([1.0, Math.ScaleB(1, -53), Math.ScaleB(1, -80) * (random.Next(2) == 0 ? 1 : -1), -0.0]);
                }

                break;
            case "many":
                for (int i = 0; i < 20_000; i++)
                {
                    values.Add((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-12, 16)));
                }

                break;
            case "huge":
                // Near the top of the range: intermediate sums overflow to infinity in both implementations alike.
                for (int i = 0; i < 50; i++)
                {
                    values.Add(double.MaxValue * random.NextDouble());
                    values.Add(-double.MaxValue * random.NextDouble() * 0.5);
                }

                break;
        }

        return [.. values];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Same_partials_and_value_as_the_list_implementation(string name)
    {
        var values = Values(name);
        var sum = new ExactDoubleSum();
        var reference = new ListSum();
        for (int i = 0; i < values.Length; i++)
        {
            sum.Add(values[i]);
            reference.Add(values[i]);
            if (i % 97 == 0 || i == values.Length - 1)
            {
                Assert.Equal(Bits(reference.Partials), Bits(sum.Partials));
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Value()), BitConverter.DoubleToInt64Bits(sum.Value()));
            }
        }
    }

    [Fact]
    public void Merging_and_adding_a_sum_to_itself_match_the_list_implementation()
    {
        var values = Values("magnitudes");
        var left = new ExactDoubleSum();
        var right = new ExactDoubleSum();
        var reference = new ListSum();
        for (int i = 0; i < values.Length; i++)
        {
            (i % 3 == 0 ? left : right).Add(values[i]);
            reference.Add(values[i]);
        }

        left.Add(right);
        Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Value()), BitConverter.DoubleToInt64Bits(left.Value()));

        // Doubling: the partials of a sum added to itself are read before they change.
        foreach (double p in reference.Partials) reference.Add(p);
        left.Add(left);
        Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Value()), BitConverter.DoubleToInt64Bits(left.Value()));
    }

    [Fact]
    public void Infinities_and_NaN_are_refused_as_before()
    {
        var sum = new ExactDoubleSum();
        sum.Add(1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.Add(double.NegativeInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.Add(double.NaN));
        Assert.Equal(1.5, sum.Value());
    }

    private static long[] Bits(double[] values) => Array.ConvertAll(values, BitConverter.DoubleToInt64Bits);
}
