using MathNet.Numerics.Distributions;

namespace Analytics.Core.Profitability;

/// <summary>
/// Basel IRB capital requirement K for corporate exposures, exactly as docs/METHODOLOGY.md §3.7 writes it (no 1.06 scaling):
/// <c>K = [LGD·N((G(PD) + √R·G(0.999)) / √(1 − R)) − PD·LGD] · (1 + (M − 2.5)·b) / (1 − 1.5·b)</c>.
/// Risk weight = K × 12.5.
/// </summary>
/// <remarks>
/// M is clamped to [1, 5] inside <see cref="K(in IrbObligor, double, double)"/> as well as by
/// <see cref="EffectiveMaturity"/>: clamping is idempotent, so callers that pass a raw term (the §4 loan floor
/// passes <c>standard_loan_term_years</c>) cannot forget it. PD ≥ 1 (defaulted) gives K = 0 without evaluating
/// G(1) = +∞; PD ≤ 0 also gives K = 0 (the limit as PD → 0) without evaluating ln 0. A NaN input gives NaN so that
/// the calculator's overflow check names it. The maturity adjustment degenerates (1 − 1.5·b ≤ 0) for
/// PD below about 2.9e-6, far under any Basel PD floor; the configuration's <c>risk.pd_floor</c> keeps PD above it.
/// </remarks>
internal static class IrbCapital
{
    /// <summary>Lower bound of the effective maturity M, in years.</summary>
    public const double MinMaturityYears = 1.0;

    /// <summary>Upper bound of the effective maturity M, in years.</summary>
    public const double MaxMaturityYears = 5.0;

    /// <summary>G(0.999), the 99.9 % quantile of the standard normal.</summary>
    private static readonly double G999 = Normal.InvCDF(0, 1, 0.999);

    /// <summary>1 − e^(−50), the denominator of the correlation weight f.</summary>
    private static readonly double OneMinusExpMinus50 = 1 - Math.Exp(-50);

    /// <summary>
    /// K for one exposure: <paramref name="pd"/> in [0, 1], <paramref name="lgd"/> in [0, 1],
    /// <paramref name="maturityYears"/> (clamped here to [1, 5]), <paramref name="annualSalesMillions"/> in millions
    /// of EUR or NaN when unknown (no SME adjustment).
    /// </summary>
    public static double K(double pd, double lgd, double maturityYears, double annualSalesMillions) =>
        K(Obligor(pd, annualSalesMillions), lgd, maturityYears);

    /// <summary>K for one exposure of a prepared obligor; gives the same bits as the four-argument overload.</summary>
    public static double K(in IrbObligor obligor, double lgd, double maturityYears)
    {
        double m = Math.Clamp(maturityYears, MinMaturityYears, MaxMaturityYears);
        double b = obligor.B;
        return (lgd * obligor.ConditionalPd - obligor.Pd * lgd) * (1 + (m - 2.5) * b) / (1 - 1.5 * b);
    }

    /// <summary>Computes the obligor-level terms (R, b, conditional PD) for <paramref name="pd"/> and size.</summary>
    public static IrbObligor Obligor(double pd, double annualSalesMillions)
    {
        if (pd >= 1)
        {
            // Defaulted: the unexpected loss LGD·N(·) − PD·LGD is LGD − LGD = 0; b at PD = 1 is finite.
            return new IrbObligor(1, 1, MaturitySlope(1));
        }

        if (pd <= 0)
        {
            return new IrbObligor(0, 0, 0);
        }

        if (double.IsNaN(pd))
        {
            // Not a valid PD; NaN flows into K so that the calculator's figure check reports it.
            return new IrbObligor(double.NaN, double.NaN, double.NaN);
        }

        double r = Correlation(pd, annualSalesMillions);
        double conditional = Normal.CDF(0, 1, (Normal.InvCDF(0, 1, pd) + Math.Sqrt(r) * G999) / Math.Sqrt(1 - r));
        return new IrbObligor(pd, conditional, MaturitySlope(pd));
    }

    /// <summary>
    /// Asset correlation <c>R = 0.12·f + 0.24·(1 − f) − 0.04·(1 − (S − 5)/45)</c>,
    /// <c>f = (1 − e^(−50·PD)) / (1 − e^(−50))</c>; the SME term applies only when
    /// <paramref name="annualSalesMillions"/> is present (not NaN) and below 50, with S clamped to [5, 50].
    /// </summary>
    public static double Correlation(double pd, double annualSalesMillions)
    {
        double f = (1 - Math.Exp(-50 * pd)) / OneMinusExpMinus50;
        double r = 0.12 * f + 0.24 * (1 - f);
        if (annualSalesMillions < 50)
        {
            // NaN compares false, so an unknown size takes no adjustment.
            double s = Math.Clamp(annualSalesMillions, 5, 50);
            r -= 0.04 * (1 - (s - 5) / 45);
        }

        return r;
    }

    /// <summary>Maturity adjustment slope <c>b = (0.11852 − 0.05478·ln PD)²</c>.</summary>
    public static double MaturitySlope(double pd)
    {
        double root = 0.11852 - 0.05478 * Math.Log(pd);
        return root * root;
    }

    /// <summary>
    /// Effective maturity M in years from as_of, ACT/365: <c>(maturity − as_of) days / 365</c> clamped to [1, 5];
    /// <paramref name="defaultYears"/> (also clamped) when <paramref name="maturityDay"/> is
    /// <see cref="Data.AccountTable.NoDate"/>. A maturity already past gives 1.
    /// </summary>
    public static double EffectiveMaturity(int asOfDay, int maturityDay, double defaultYears)
    {
        double years = maturityDay == Data.AccountTable.NoDate ? defaultYears : ((long)maturityDay - asOfDay) / 365.0;
        return Math.Clamp(years, MinMaturityYears, MaxMaturityYears);
    }
}
