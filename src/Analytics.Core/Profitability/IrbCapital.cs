using MathNet.Numerics.Distributions;

namespace Analytics.Core.Profitability;

/// <summary>Basel IRB corporate capital requirement K of SPEC §3.7 (per unit of EAD, before the capital multiplier).</summary>
public static class IrbCapital
{
    private static readonly double G999 = Normal.InvCDF(0, 1, 0.999);

    /// <summary>
    /// K for one exposure. <paramref name="maturityYears"/> is used as given (clamp it with <see cref="EffectiveMaturity"/>);
    /// <paramref name="annualSalesMillions"/> is NaN when unknown, and the SME term applies only when it is below 50.
    /// A defaulted exposure (PD = 1) needs no unexpected-loss capital: K = 0.
    /// </summary>
    public static double K(double pd, double lgd, double maturityYears, double annualSalesMillions)
    {
        if (pd >= 1.0 || pd <= 0.0)
        {
            return 0.0;
        }

        double f = (1 - Math.Exp(-50 * pd)) / (1 - Math.Exp(-50));
        double r = 0.12 * f + 0.24 * (1 - f);
        if (!double.IsNaN(annualSalesMillions) && annualSalesMillions < 50)
        {
            double s = Math.Clamp(annualSalesMillions, 5, 50);
            r -= 0.04 * (1 - (s - 5) / 45);
        }

        double b = 0.11852 - 0.05478 * Math.Log(pd);
        b *= b;
        double n = Normal.CDF(0, 1, (Normal.InvCDF(0, 1, pd) + Math.Sqrt(r) * G999) / Math.Sqrt(1 - r));
        return (lgd * n - pd * lgd) * (1 + (maturityYears - 2.5) * b) / (1 - 1.5 * b);
    }

    /// <summary>
    /// IRB effective maturity M in years from <paramref name="asOfDay"/> to <paramref name="maturityDay"/> (ACT/365), or
    /// <paramref name="defaultYears"/> when the maturity is <see cref="Data.AccountTable.NoDate"/>; clamped to [1, 5].
    /// </summary>
    public static double EffectiveMaturity(int asOfDay, int maturityDay, double defaultYears)
    {
        double m = maturityDay == Data.AccountTable.NoDate ? defaultYears : (maturityDay - asOfDay) / 365.0;
        return Math.Clamp(m, 1.0, 5.0);
    }
}
