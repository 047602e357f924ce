using Analytics.Core.Numerics;
using CsCheck;

namespace Analytics.Tests.Numerics;

public class ExactSumTests
{
    private const double Scale = 281474976710656.0; // 2^48

    /// <summary>The conversion everything else is checked against: round to the nearest 2^-48, then to Int128.</summary>
    private static Int128 Reference(double value) => (Int128)Math.Round(value * Scale, MidpointRounding.ToEven);

    private static Int128 AsInt128(Fixed128 value) => new(value.Upper, value.Lower);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(-1234.56)]
    [InlineData(32767.999999999996)]   // just below 2^15: scaled just below 2^63, the long path
    [InlineData(32768.0)]              // 2^15: scaled exactly 2^63, the Int128 path
    [InlineData(-32768.0)]             // scaled −2^63: the Int128 path (not < 2^63 in magnitude)
    [InlineData(1e20)]
    [InlineData(-5.9e23)]
    [InlineData(3.5527136788005009e-15)] // 2^-48 exactly: one unit
    [InlineData(1.7763568394002505e-15)] // half a unit: rounds to even, 0
    public void ToFixedEqualsTheRoundedInt128Conversion(double value) =>
        Assert.Equal(Reference(value), AsInt128(ExactSum.ToFixed(value)));

    [Fact]
    public void ToFixedEqualsTheReferenceOverTheWholeRange() =>
        Gen.Double[-5.9e23, 5.9e23].Sample(v => AsInt128(ExactSum.ToFixed(v)) == Reference(v), iter: 20_000);

    [Fact]
    public void ToFixedEqualsTheReferenceAtEveryBinade()
    {
        // Every power of two from 2^-60 to 2^78 (the range ends below 6e23 ≈ 2^79), with neighbours, halves and odd
        // multiples: the long path, the wide path and the boundary between them at 2^63 scaled (2^15).
        var random = new Random(11);
        for (int e = -60; e <= 78; e++)
        {
            double p = Math.ScaleB(1, e);
            foreach (double v in new[] { p, Math.BitDecrement(p), Math.BitIncrement(p), p * 1.5, p * (1 + random.NextDouble()) })
            {
                if (Math.Abs(v) >= 6.0e23) continue;
                Assert.Equal(Reference(v), AsInt128(ExactSum.ToFixed(v)));
                Assert.Equal(Reference(-v), AsInt128(ExactSum.ToFixed(-v)));
            }
        }
    }

    [Fact]
    public void ToDoubleEqualsTheInt128ConversionScaled()
    {
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            double v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-15, 24));
            var sum = ExactSum.ToFixed(v);
            double expected = (double)AsInt128(sum) / Scale;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ExactSum.ToDouble(sum)));
        }
    }

    [Theory]
    [InlineData(6.0e23)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void OutOfRangeAmountsThrow(double value)
    {
        var error = Assert.Throws<OverflowException>(() => ExactSum.ToFixed(value));
        Assert.Equal("A money amount is too large (or not finite) to sum exactly.", error.Message);
    }
}
