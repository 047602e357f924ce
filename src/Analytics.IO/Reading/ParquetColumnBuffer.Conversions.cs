using System.Globalization;
using System.Numerics;
using Parquet.Data;

namespace Analytics.IO.Reading;

internal abstract partial class ParquetColumnBuffer
{
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;

    private static bool TryDoubleToInt(double d, out int result)
    {
        bool ok = d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue;
        result = ok ? (int)d : 0;
        return ok;
    }

    /// <summary>
    /// unscaled × 10^−scale, rounded once to the nearest double. Trailing zeros are stripped first so typical values
    /// (a few significant digits in a wide DECIMAL(38,18)) divide two exactly representable doubles, which IEEE
    /// rounds correctly. Other values go through the (correctly rounding) decimal-string parser, because .NET's
    /// BigInteger→double conversion truncates (10^30 would become 9.9999999999999988E+29).
    /// </summary>
    internal static double BigDecimalToDouble(BigDecimal value)
    {
        BigInteger unscaled = value.UnscaledValue;
        int scale = value.Scale;
        if (unscaled.IsZero)
        {
            return 0;
        }

        while (scale > 0)
        {
            var quotient = BigInteger.DivRem(unscaled, Ten, out BigInteger remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            unscaled = quotient;
            scale--;
        }

        if (scale is >= 0 and <= 22 && BigInteger.Abs(unscaled) <= MaxExactInteger)
        {
            return (double)(long)unscaled / Math.Pow(10, scale);
        }

        return double.Parse(
            unscaled.ToString(CultureInfo.InvariantCulture) + "E" + (-scale).ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static readonly BigInteger Ten = new(10);

    /// <summary>2^53: every integer up to it is exactly a double.</summary>
    private static readonly BigInteger MaxExactInteger = new(1L << 53);
}
