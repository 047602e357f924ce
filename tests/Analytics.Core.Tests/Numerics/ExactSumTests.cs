using Analytics.Core.Numerics;
using CsCheck;

namespace Analytics.Tests.Numerics;

public class ExactSumTests
{
    private const double Scale = 281474976710656.0; // 2^48

    /// <summary>The conversion everything else is checked against: round to the nearest 2^-48, then to Int128.</summary>
    private static Int128 Reference(double value) => (Int128)Math.Round(value * Scale, MidpointRounding.ToEven);

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
        Assert.Equal(Reference(value), ExactSum.ToFixed(value));

    [Fact]
    public void ToFixedEqualsTheReferenceOverTheWholeRange() =>
        Gen.Double[-5.9e23, 5.9e23].Sample(v => ExactSum.ToFixed(v) == Reference(v), iter: 20_000);

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
