using Analytics.Core.Numerics;

namespace Analytics.Tests.Numerics;

/// <summary>
/// <see cref="Fixed128"/> against <see cref="Int128"/>, the type it stands in for: every operation must give the same
/// bits, on random values of every magnitude and on the edges (carries between the halves, signs, the extremes).
/// </summary>
public sealed class Fixed128Tests
{
    private static readonly Int128[] Edges =
    [
        0, 1, -1, 2, -2, long.MaxValue, long.MinValue, (Int128)long.MaxValue + 1, (Int128)long.MinValue - 1,
        ulong.MaxValue, (Int128)ulong.MaxValue + 1, -(Int128)ulong.MaxValue, -(Int128)ulong.MaxValue - 1,
        Int128.MaxValue, Int128.MinValue, Int128.MaxValue - 1, Int128.MinValue + 1,
        (Int128)1 << 100, -((Int128)1 << 100), ((Int128)1 << 126) + 12345, -((Int128)1 << 126) - 12345,
        // Ties for the conversion to double: an integer exactly half-way between two doubles, and one above it.
        ((Int128)1 << 80) + ((Int128)1 << 27), ((Int128)1 << 80) + ((Int128)1 << 27) + 1, ((Int128)1 << 80) + (3 * ((Int128)1 << 27)),
        ((Int128)1 << 64) + 1024, ((Int128)1 << 64) + 2048 + 1024, -(((Int128)1 << 64) + 1024),
        ((Int128)1 << 53) + 1, ((Int128)1 << 63) + 1024,
    ];

    private static Fixed128 Of(Int128 value) => new((ulong)(value >> 64), (ulong)value);

    private static Int128 AsInt128(Fixed128 value) => new(value.Upper, value.Lower);

    /// <summary>Random 128-bit values with a random number of significant bits, so every magnitude is visited.</summary>
    private static Int128 RandomValue(Random random)
    {
        var upper = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33);
        var lower = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33);
        Int128 value = new(upper, lower);
        int shift = random.Next(0, 127);
        return value >> shift;
    }

    [Fact]
    public void Round_trips_through_its_halves()
    {
        foreach (var v in Edges)
        {
            Assert.Equal(v, AsInt128(Of(v)));
        }
    }

    [Fact]
    public void FromInt64_sign_extends_as_the_Int128_conversion()
    {
        foreach (long v in new[] { 0L, 1L, -1L, long.MaxValue, long.MinValue, 123456789L, -987654321L })
        {
            Assert.Equal((Int128)v, AsInt128(Fixed128.FromInt64(v)));
        }
    }

    [Fact]
    public void Addition_equals_checked_Int128_addition_including_carries_and_overflow()
    {
        var random = new Random(7);
        var values = new List<Int128>(Edges);
        for (int i = 0; i < 2000; i++)
        {
            values.Add(RandomValue(random));
        }

        for (int i = 0; i < values.Count; i++)
        {
            for (int j = i; j < values.Count; j += 1 + (i % 7) + (j % 13))
            {
                Int128 a = values[i], b = values[j];
                Int128 expected;
                try
                {
                    expected = checked(a + b);
                }
                catch (OverflowException)
                {
                    Assert.Throws<OverflowException>(() => Fixed128.AddChecked(Of(a), Of(b)));
                    continue;
                }

                Assert.Equal(expected, AsInt128(Fixed128.AddChecked(Of(a), Of(b))));
                Assert.Equal(expected, AsInt128(ExactSum.Add(Of(a), Of(b))));
            }
        }
    }

    [Fact]
    public void Overflow_at_both_ends_throws()
    {
        Assert.Throws<OverflowException>(() => Fixed128.AddChecked(Of(Int128.MaxValue), Of(1)));
        Assert.Throws<OverflowException>(() => Fixed128.AddChecked(Of(Int128.MinValue), Of(-1)));
        Assert.Throws<OverflowException>(() => Fixed128.AddChecked(Of(Int128.MinValue), Of(Int128.MinValue)));
        Assert.Equal(-1, AsInt128(Fixed128.AddChecked(Of(Int128.MaxValue), Of(Int128.MinValue))));
    }

    [Fact]
    public void Conversion_to_double_equals_the_Int128_conversion_bit_for_bit()
    {
        var random = new Random(9);
        var values = new List<Int128>(Edges);
        for (int i = 0; i < 100_000; i++)
        {
            var v = RandomValue(random);
            values.Add(v);
            values.Add(-v);
        }

        // Ties and near-ties at every width: a 53-bit odd significand, shifted, plus half a unit, ± 1.
        for (int shift = 1; shift < 74; shift++)
        {
            Int128 significand = ((Int128)1 << 52) | (Int128)(random.NextInt64() & ((1L << 52) - 1)) | 1;
            Int128 half = (Int128)1 << (shift - 1);
            foreach (var d in new Int128[] { 0, half, half - 1, half + 1, 2 * half - 1 })
            {
                var v = (significand << shift) + d;
                values.Add(v);
                values.Add(-v);
            }
        }

        foreach (var v in values)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)v), BitConverter.DoubleToInt64Bits(Of(v).ToDouble()));
        }
    }

    [Fact]
    public void Equality_compares_both_halves()
    {
        Assert.Equal(Of(5), Of(5));
        Assert.NotEqual(Of(5), Of(((Int128)1 << 64) + 5));
        Assert.True(Of(-1) == new Fixed128(ulong.MaxValue, ulong.MaxValue));
        Assert.True(Fixed128.Zero == default);
        Assert.Equal("-170141183460469231731687303715884105728", Of(Int128.MinValue).ToString());
    }
}
