namespace Analytics.Core.Configuration;

/// <summary>
/// One key of the <c>early_warning</c> configuration section, defined once: its name, whether it is a whole number, the
/// interval it must lie in and how it maps to <see cref="EarlyWarningConfig"/>. The configuration reader reads the
/// section from <see cref="EarlyWarningConfig.Settings"/>, and a reason names the keys it uses
/// (<c>ReasonDefinition.ConfigKeys</c>).
/// </summary>
public sealed class EarlyWarningSetting
{
    private EarlyWarningSetting(string key, bool wholeNumber, double min, bool minInclusive, double max, bool maxInclusive,
        Func<EarlyWarningConfig, double> get, Func<EarlyWarningConfig, double, EarlyWarningConfig> with, string? boundReason)
    {
        Key = key;
        WholeNumber = wholeNumber;
        Min = min;
        MinInclusive = minInclusive;
        Max = max;
        MaxInclusive = maxInclusive;
        Get = get;
        With = with;
        BoundReason = boundReason;
    }

    /// <summary>The key inside <c>early_warning</c>, e.g. <c>dscr_min</c>.</summary>
    public string Key { get; }

    /// <summary>True for a whole-number setting (counts of statements, months, days).</summary>
    public bool WholeNumber { get; }

    /// <summary>Lower end of the allowed interval (−∞ for none).</summary>
    public double Min { get; }

    /// <summary>Whether <see cref="Min"/> itself is allowed.</summary>
    public bool MinInclusive { get; }

    /// <summary>Upper end of the allowed interval (+∞ for none).</summary>
    public double Max { get; }

    /// <summary>Whether <see cref="Max"/> itself is allowed.</summary>
    public bool MaxInclusive { get; }

    /// <summary>Why the interval is what it is, when that is not obvious; shown in the error.</summary>
    public string? BoundReason { get; }

    /// <summary>The setting's value in a configuration.</summary>
    public Func<EarlyWarningConfig, double> Get { get; }

    /// <summary>A copy of a configuration with this setting replaced.</summary>
    public Func<EarlyWarningConfig, double, EarlyWarningConfig> With { get; }

    /// <summary>The value when the key is absent.</summary>
    public double Default => Get(new EarlyWarningConfig());

    /// <summary>A number ≥ 0.</summary>
    internal static EarlyWarningSetting NonNegative(string key, Func<EarlyWarningConfig, double> get,
        Func<EarlyWarningConfig, double, EarlyWarningConfig> with) =>
        new(key, false, 0, true, double.PositiveInfinity, false, get, with, null);

    /// <summary>A number &gt; 0.</summary>
    internal static EarlyWarningSetting Positive(string key, Func<EarlyWarningConfig, double> get,
        Func<EarlyWarningConfig, double, EarlyWarningConfig> with) =>
        new(key, false, 0, false, double.PositiveInfinity, false, get, with, null);

    /// <summary>A fraction in [0, 1] (docs/CONFIGURATION.md, "Rates and shares").</summary>
    internal static EarlyWarningSetting Fraction(string key, Func<EarlyWarningConfig, double> get,
        Func<EarlyWarningConfig, double, EarlyWarningConfig> with) =>
        new(key, false, 0, true, 1, true, get, with, null);

    /// <summary>A whole number ≥ <paramref name="min"/>.</summary>
    internal static EarlyWarningSetting WholeAtLeast(string key, int min, Func<EarlyWarningConfig, double> get,
        Func<EarlyWarningConfig, double, EarlyWarningConfig> with, string? reason = null) =>
        new(key, true, min, true, double.PositiveInfinity, false, get, with, reason);
}
