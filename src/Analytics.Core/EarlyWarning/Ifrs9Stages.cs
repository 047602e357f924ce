namespace Analytics.Core.EarlyWarning;

/// <summary>The IFRS 9 stage rule of docs/METHODOLOGY.md §5.</summary>
public static class Ifrs9Stages
{
    /// <summary>
    /// 3 when <paramref name="maxDpd"/> &gt; 90; 2 when <paramref name="maxDpd"/> &gt; 30, or <paramref name="severity"/>
    /// is warning or worse, or <paramref name="significantIncrease"/> (SICR on any exposure); else 1.
    /// </summary>
    public static int Of(int maxDpd, Severity severity, bool significantIncrease)
    {
        if (maxDpd > 90)
        {
            return 3;
        }

        return maxDpd > 30 || severity >= Severity.Warning || significantIncrease ? 2 : 1;
    }

    /// <summary>
    /// SICR test for one exposure: PD ≥ <paramref name="sicrPdRatio"/> × origination PD, both floored at
    /// <paramref name="pdFloor"/> (so a tiny origination PD cannot make any later PD look like a doubling).
    /// False when <paramref name="originationPd"/> is NaN (not reported).
    /// </summary>
    public static bool IsSignificantIncrease(double pd, double originationPd, double pdFloor, double sicrPdRatio) =>
        !double.IsNaN(originationPd) && Math.Max(pd, pdFloor) >= sicrPdRatio * Math.Max(originationPd, pdFloor);
}
