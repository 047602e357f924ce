namespace Analytics.Core.Numerics;

/// <summary>
/// Order-independent summation of doubles in fixed point (a 128-bit integer, <see cref="Fixed128"/>, at a scale of 2^-48).
/// Why: fees and cross-sales arrive in any row order, part split or thread interleaving, and a plain
/// double sum changes in its last bits with the order. Fixed-point addition is associative, so every
/// order (and every parallel merge) gives the same bits. Values of magnitude ≥ 16 convert exactly;
/// smaller ones are rounded to the nearest 2^-48 (≈ 3.6e-15), far below a cent. The range is ±6e23.
/// </summary>
internal static class ExactSum
{
    private const double Scale = 281474976710656.0;        // 2^48
    private const double InverseScale = 1.0 / Scale;       // exact: power of two
    private const double Limit = 6.0e23;                   // < 2^79 = 2^127 (the 128-bit range) / 2^48

    /// <summary>2^63: integer-valued doubles below it in magnitude convert to <see cref="long"/> exactly.</summary>
    private const double LongRange = 9223372036854775808.0;

    /// <summary>Converts <paramref name="value"/> to fixed point; throws <see cref="OverflowException"/> when out of range.</summary>
    public static Fixed128 ToFixed(double value)
    {
        if (!(Math.Abs(value) < Limit))
        {
            throw new OverflowException("A money amount is too large (or not finite) to sum exactly.");
        }

        double scaled = Math.Round(value * Scale, MidpointRounding.ToEven);
        // Everyday amounts stay below 2^63 once scaled; converting those through long is exact and far cheaper than
        // the general conversion, which is kept for the rest.
        return Math.Abs(scaled) < LongRange ? Fixed128.FromInt64((long)scaled) : Wide(scaled);
    }

    /// <summary>
    /// An integer-valued double of magnitude in [2^63, 2^127) to 128 bits, exactly: its 53-bit significand shifted
    /// left by its exponent less 52 (at least 11 here), then negated when negative.
    /// </summary>
    private static Fixed128 Wide(double scaled)
    {
        long bits = BitConverter.DoubleToInt64Bits(scaled);
        int shift = (int)((bits >> 52) & 0x7FF) - 1075;            // exponent − bias − 52
        ulong significand = ((ulong)bits & 0xF_FFFF_FFFF_FFFFUL) | 0x10_0000_0000_0000UL;
        ulong upper = shift >= 64 ? significand << (shift - 64) : significand >> (64 - shift);
        ulong lower = shift >= 64 ? 0 : significand << shift;
        if (bits < 0)
        {
            lower = ~lower + 1;
            upper = ~upper + (lower == 0 ? 1UL : 0UL);
        }

        return new Fixed128(upper, lower);
    }

    /// <summary>Converts a fixed-point sum back to the nearest double.</summary>
    public static double ToDouble(Fixed128 sum) => sum.ToDouble() * InverseScale;

    /// <summary>Adds two fixed-point sums, throwing on overflow.</summary>
    public static Fixed128 Add(Fixed128 a, Fixed128 b) => Fixed128.AddChecked(a, b);
}
