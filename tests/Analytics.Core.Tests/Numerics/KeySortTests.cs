using Analytics.Core.Numerics;

namespace Analytics.Tests.Numerics;

/// <summary><see cref="KeySort"/> against <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>, ties included.</summary>
public sealed class KeySortTests
{
    private static double[] Keys(Random random, int n)
    {
        // Few distinct values (many ties), both zeros, infinities, NaN, subnormals and ordinary values.
        double[] pool = [0.0, -0.0, 1.5, -1.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon,
            -double.Epsilon, double.MaxValue, double.MinValue, 3.0, 2.9999999999999996];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = random.Next(3) switch
            {
                0 => pool[random.Next(pool.Length)],
                1 => Math.Round((random.NextDouble() - 0.5) * 20),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
            };
        }

        return keys;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Orders_keys_as_Array_Sort_and_keeps_ties_in_input_order(int n)
    {
        var random = new Random(n + 1);
        var keys = Keys(random, n);
        var items = new int[n];
        for (int i = 0; i < n; i++) items[i] = i;

        var expectedKeys = (double[])keys.Clone();
        var expectedItems = (int[])items.Clone();
        Array.Sort(expectedKeys, expectedItems);
        var sortedKeys = (double[])keys.Clone();
        var sortedItems = (int[])items.Clone();
        KeySort.Sort(sortedKeys, sortedItems);

        for (int k = 0; k < n; k++)
        {
            // The same key sequence under CompareTo (Array.Sort may put −0 and +0 of one tie group in any order).
            Assert.Equal(0, expectedKeys[k].CompareTo(sortedKeys[k]));
            // Each item still carries its own key, bit for bit.
            Assert.Equal(BitConverter.DoubleToInt64Bits(keys[sortedItems[k]]), BitConverter.DoubleToInt64Bits(sortedKeys[k]));
            // Stable: within a tie group the items ascend (they were the input positions).
            if (k > 0 && sortedKeys[k - 1].CompareTo(sortedKeys[k]) == 0)
            {
                Assert.True(sortedItems[k - 1] < sortedItems[k]);
            }
        }

        // A permutation: every item once.
        Assert.Equal(Enumerable.Range(0, n), sortedItems.Order());
    }

    [Fact]
    public void Mismatched_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => KeySort.Sort(new double[3], new int[2]));

    [Fact]
    public void Ascending_key_orders_as_CompareTo()
    {
        double[] ordered = [double.NaN, double.NegativeInfinity, double.MinValue, -1, -double.Epsilon, 0, double.Epsilon, 1,
            double.MaxValue, double.PositiveInfinity];
        for (int i = 1; i < ordered.Length; i++)
        {
            Assert.True(KeySort.Ascending(ordered[i - 1]) < KeySort.Ascending(ordered[i]), $"{ordered[i - 1]} < {ordered[i]}");
        }

        Assert.Equal(KeySort.Ascending(0.0), KeySort.Ascending(-0.0));
        Assert.Equal(KeySort.Ascending(double.NaN), KeySort.Ascending(-double.NaN));
    }
}
