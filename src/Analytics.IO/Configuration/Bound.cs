using System.Globalization;

namespace Analytics.IO.Configuration;

/// <summary>
/// An allowed interval for a configuration number, with the words used to describe it in errors.
/// Infinite ends mean "no bound on that side"; non-finite values are rejected before a bound is checked.
/// </summary>
internal readonly record struct Bound(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    /// <summary>Any finite number (rates that may be negative, bps spreads).</summary>
    public static Bound Any => new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    /// <summary>[0, ∞).</summary>
    public static Bound NonNegative => new(0, true, double.PositiveInfinity, false);

    /// <summary>(0, ∞).</summary>
    public static Bound Positive => new(0, false, double.PositiveInfinity, false);

    /// <summary>[0, 1].</summary>
    public static Bound Unit => new(0, true, 1, true);

    /// <summary>(0, 1].</summary>
    public static Bound UnitExcludingZero => new(0, false, 1, true);

    /// <summary>[0, 1).</summary>
    public static Bound UnitExcludingOne => new(0, true, 1, false);

    /// <summary>[min, ∞) for whole-number settings.</summary>
    public static Bound AtLeast(double min) => new(min, true, double.PositiveInfinity, false);

    /// <summary>
    /// An interval that ends at 1 holds a rate, share, probability or fraction (docs/CONFIGURATION.md, "Rates and
    /// shares"): a value above 1 there is almost always a percent typed as a whole number.
    /// </summary>
    public bool IsFraction => Max == 1;

    /// <summary>True when <paramref name="value"/> lies in the interval.</summary>
    public bool Contains(double value)
    {
        bool aboveMin = MinInclusive ? value >= Min : value > Min;
        bool belowMax = MaxInclusive ? value <= Max : value < Max;
        return aboveMin && belowMax;
    }

    /// <summary>Plain words for the interval, e.g. "greater than 0 and at most 1".</summary>
    public string Describe()
    {
        bool hasMin = !double.IsNegativeInfinity(Min);
        bool hasMax = !double.IsPositiveInfinity(Max);
        string min = Format(Min);
        string max = Format(Max);
        if (hasMin && hasMax && MinInclusive && MaxInclusive)
            return $"between {min} and {max}";
        string lower = MinInclusive ? $"at least {min}" : $"greater than {min}";
        string upper = MaxInclusive ? $"at most {max}" : $"below {max}";
        if (hasMin && hasMax)
            return $"{lower} and {upper}";
        if (hasMin)
            return lower;
        return hasMax ? upper : "a finite number";
    }

    // Small bounds read better as decimals (0.00001) than in round-trip form (1E-05).
    private static string Format(double value) =>
        Math.Abs(value) is > 0 and < 1e-4
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}
