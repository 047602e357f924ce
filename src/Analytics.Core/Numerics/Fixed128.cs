namespace Analytics.Core.Numerics;

/// <summary>
/// A signed 128-bit integer in two's complement: the fixed-point sums of <see cref="ExactSum"/>. Why not
/// <see cref="Int128"/>: the ahead-of-time compiler (ReadyToRun) treats Int128's calling convention as unstable and
/// leaves every method that takes, returns or calls with one to the JIT, so the per-row fee and cross-sale paths ran
/// unoptimised code at start-up. Two 64-bit fields have a stable layout, and the few operations the sums need are
/// written out here; they give the same values as Int128 would (tested against it).
/// </summary>
public readonly struct Fixed128 : IEquatable<Fixed128>
{
    private readonly ulong _lower;
    private readonly ulong _upper;

    /// <summary>
    /// The value <c>upper · 2^64 + lower</c>, <paramref name="upper"/> read as signed (as <c>new Int128(upper, lower)</c>).
    /// </summary>
    public Fixed128(ulong upper, ulong lower)
    {
        _upper = upper;
        _lower = lower;
    }

    /// <summary>The high 64 bits (the sign is bit 63).</summary>
    public ulong Upper => _upper;

    /// <summary>The low 64 bits.</summary>
    public ulong Lower => _lower;

    /// <summary>Zero.</summary>
    public static Fixed128 Zero => default;

    /// <summary>True below zero.</summary>
    public bool IsNegative => (long)_upper < 0;

    /// <summary>Sign-extends <paramref name="value"/>.</summary>
    public static Fixed128 FromInt64(long value) => new((ulong)(value >> 63), (ulong)value);

    /// <summary>
    /// The exact sum; throws <see cref="OverflowException"/> outside the 128-bit range, as <c>checked</c> Int128 addition does.
    /// </summary>
    public static Fixed128 AddChecked(Fixed128 a, Fixed128 b)
    {
        ulong lower = a._lower + b._lower;
        ulong carry = lower < a._lower ? 1UL : 0UL;
        ulong upper = a._upper + b._upper + carry;
        // Signed overflow: both operands have one sign and the result the other.
        if ((long)((a._upper ^ upper) & (b._upper ^ upper)) < 0)
        {
            throw new OverflowException("Arithmetic operation resulted in an overflow.");
        }

        return new Fixed128(upper, lower);
    }

    /// <summary>
    /// The nearest double (ties to even), as Int128's conversion to double: the magnitude's top 64 bits, with every
    /// bit below them folded into the lowest (a "sticky" bit, which decides only ties and lies below the 53 bits kept),
    /// are converted by the hardware's correctly rounded unsigned conversion and scaled by a power of two.
    /// </summary>
    public double ToDouble()
    {
        if ((long)_upper == ((long)_lower >> 63))
        {
            // Fits in a long: one conversion, correctly rounded.
            return (long)_lower;
        }

        bool negative = IsNegative;
        ulong upper = _upper, lower = _lower;
        if (negative)
        {
            // Two's complement negation; the magnitude of Int128.MinValue (2^127) is still right read as unsigned.
            lower = ~lower + 1;
            upper = ~upper + (lower == 0 ? 1UL : 0UL);
        }

        double magnitude;
        if (upper == 0)
        {
            magnitude = lower;
        }
        else
        {
            int shift = 64 - System.Numerics.BitOperations.LeadingZeroCount(upper); // 1..64: bits above the top 64
            ulong top = shift == 64 ? upper : (upper << (64 - shift)) | (lower >> shift);
            ulong below = shift == 64 ? lower : lower << (64 - shift);
            if (below != 0)
            {
                top |= 1;
            }

            magnitude = Math.ScaleB(top, shift);
        }

        return negative ? -magnitude : magnitude;
    }

    /// <inheritdoc/>
    public bool Equals(Fixed128 other) => _lower == other._lower && _upper == other._upper;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Fixed128 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_lower, _upper);

    /// <summary>Equal values.</summary>
    public static bool operator ==(Fixed128 left, Fixed128 right) => left.Equals(right);

    /// <summary>Different values.</summary>
    public static bool operator !=(Fixed128 left, Fixed128 right) => !left.Equals(right);

    /// <summary>The value in decimal, for messages and test output.</summary>
    public override string ToString() => new Int128(_upper, _lower).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
