using System.Numerics;
using Analytics.IO.Reading;
using Parquet.Data;

namespace Analytics.Tests.Reading;

public class ParquetDecimalConversionTests
{
    [Theory]
    // DECIMAL(38,18) holding 123456789012.5: unscaled 1234567890125 followed by 17 zeros.
    [InlineData("123456789012500000000000000000", 38, 18, 123456789012.5)]
    [InlineData("-1250000000000000000", 38, 18, -1.25)]
    [InlineData("1", 38, 2, 0.01)]
    [InlineData("0", 38, 10, 0.0)]
    // 10^30 with scale 0 exceeds System.Decimal: 1e30 is the nearest double either way.
    [InlineData("1000000000000000000000000000000", 38, 0, 1e30)]
    // 2^53 + 1 = 9007199254740993 is not a double; round-half-even gives 2^53.
    [InlineData("9007199254740993", 38, 0, 9007199254740992.0)]
    // 0.1 written with 30 digits of scale: the nearest double to 0.1.
    [InlineData("100000000000000000000000000001", 38, 30, 0.1)]
    public void Wide_decimals_convert_to_the_nearest_double(string unscaled, int precision, int scale, double expected)
    {
        var value = new BigDecimal(BigInteger.Parse(unscaled), precision, scale);
        Assert.Equal(expected, ParquetColumnBuffer.BigDecimalToDouble(value));
    }
}
