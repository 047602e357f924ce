using Analytics.Core.Configuration;
using Analytics.Core.EarlyWarning;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Risk band of docs/METHODOLOGY.md §4: the first band with <c>PD ≤ max_pd</c> (the last band when none), raised to at least the
/// middle band (index ⌊n/2⌋) on an early-warning <see cref="Severity.Warning"/> and to the last band on
/// <see cref="Severity.Critical"/>. <see cref="Severity.Watch"/> does not move the band.
/// </summary>
internal static class RiskBands
{
    /// <summary>The band index for one customer; <paramref name="pd"/> is the floored PD.</summary>
    public static int Assign(double pd, Severity severity, IReadOnlyList<RiskBandDefinition> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        int n = bands.Count;
        if (n == 0)
        {
            throw new ArgumentException("At least one risk band is required.", nameof(bands));
        }

        int band = n - 1;
        for (int b = 0; b < n; b++)
        {
            if (pd <= bands[b].MaxPd)
            {
                band = b;
                break;
            }
        }

        return severity switch
        {
            Severity.Critical => n - 1,
            Severity.Warning => Math.Max(band, n / 2),
            _ => band,
        };
    }

    /// <summary>
    /// The band index of every customer. <paramref name="severity"/> is indexed like <paramref name="pd"/>;
    /// an empty span means no early-warning result (every customer <see cref="Severity.None"/>).
    /// </summary>
    public static int[] Assign(ReadOnlySpan<double> pd, ReadOnlySpan<Severity> severity, IReadOnlyList<RiskBandDefinition> bands)
    {
        if (!severity.IsEmpty && severity.Length != pd.Length)
        {
            throw new ArgumentException($"Expected {pd.Length} severities (or none), got {severity.Length}.", nameof(severity));
        }

        var band = new int[pd.Length];
        for (int i = 0; i < band.Length; i++)
        {
            band[i] = Assign(pd[i], severity.IsEmpty ? Severity.None : severity[i], bands);
        }

        return band;
    }
}
