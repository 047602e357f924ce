namespace Analytics.Core.Numerics;

/// <summary>
/// Order-independent summation of doubles in fixed point (Int128 at a scale of 2^-48).
/// Why: fees and cross-sales arrive in any row order, part split or thread interleaving, and a plain
/// double sum changes in its last bits with the order. Fixed-point addition is associative, so every
/// order (and every parallel merge) gives the same bits. Values of magnitude ≥ 16 convert exactly;
/// smaller ones are rounded to the nearest 2^-48 (≈ 3.6e-15), far below a cent. The range is ±6e23.
/// </summary>
internal static class ExactSum
{
    private const double Scale = 281474976710656.0;        // 2^48
    private const double InverseScale = 1.0 / Scale;       // exact: power of two
    private const double Limit = 6.0e23;                   // < 2^79 = Int128.MaxValue / 2^48

    /// <summary>2^63: integer-valued doubles below it in magnitude convert to <see cref="long"/> exactly.</summary>
    private const double LongRange = 9223372036854775808.0;

    /// <summary>Converts <paramref name="value"/> to fixed point; throws <see cref="OverflowException"/> when out of range.</summary>
    public static Int128 ToFixed(double value)
    {
        if (!(Math.Abs(value) < Limit))
        {
            throw new OverflowException("A money amount is too large (or not finite) to sum exactly.");
        }

        double scaled = Math.Round(value * Scale, MidpointRounding.ToEven);
        // Everyday amounts stay below 2^63 once scaled; converting those through long is exact and far cheaper than
        // the general double → Int128 conversion, which is kept for the rest.
        return Math.Abs(scaled) < LongRange ? (long)scaled : (Int128)scaled;
    }

    /// <summary>Converts a fixed-point sum back to the nearest double.</summary>
    public static double ToDouble(Int128 sum) => (double)sum * InverseScale;

    /// <summary>Adds two fixed-point sums, throwing on overflow.</summary>
    public static Int128 Add(Int128 a, Int128 b) => checked(a + b);
}
