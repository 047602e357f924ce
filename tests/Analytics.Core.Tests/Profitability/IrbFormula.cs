using MathNet.Numerics.Distributions;

namespace Analytics.Tests.Profitability;

/// <summary>
/// The corporate IRB capital requirement K of docs/METHODOLOGY.md §3.7 written out step by step, independently of
/// <c>IrbCapital</c>, so golden tests derive their expected figures from the formula rather than from the engine.
/// </summary>
public static class IrbFormula
{
    /// <summary>
    /// K at <paramref name="pd"/>, <paramref name="lgd"/> and effective maturity <paramref name="maturityYears"/> (already
    /// clamped to [1, 5] by the caller), with the SME term when <paramref name="annualSalesMillions"/> is present and below 50.
    /// </summary>
    public static double K(double pd, double lgd, double maturityYears, double annualSalesMillions)
    {
        double f = (1 - Math.Exp(-50 * pd)) / (1 - Math.Exp(-50));
        double r = 0.12 * f + 0.24 * (1 - f);
        if (!double.IsNaN(annualSalesMillions) && annualSalesMillions < 50)
        {
            double s = Math.Clamp(annualSalesMillions, 5, 50);
            r -= 0.04 * (1 - (s - 5) / 45);
        }

        double b = Math.Pow(0.11852 - 0.05478 * Math.Log(pd), 2);
        double n = Normal.CDF(0, 1, (Normal.InvCDF(0, 1, pd) + Math.Sqrt(r) * Normal.InvCDF(0, 1, 0.999)) / Math.Sqrt(1 - r));
        return (lgd * n - pd * lgd) * (1 + (maturityYears - 2.5) * b) / (1 - 1.5 * b);
    }
}
