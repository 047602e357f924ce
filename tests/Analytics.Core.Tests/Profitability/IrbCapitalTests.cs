using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Tests.Profitability;

public class IrbCapitalTests
{
    // Basel II illustrative IRB risk weights, corporate exposures, LGD 45 %, M 2.5 years (RW = K × 12.5, no 1.06 factor).
    // The table prints two decimals; PD 5 % is printed 149.86 where the formula gives 149.854, hence the 0.01 point tolerance.
    [Theory]
    [InlineData(0.0003, 14.44)]
    [InlineData(0.001, 29.65)]
    [InlineData(0.01, 92.32)]
    [InlineData(0.05, 149.86)]
    public void Risk_weight_matches_the_Basel_table(double pd, double riskWeightPercent)
    {
        double k = IrbCapital.K(pd, 0.45, 2.5, double.NaN);
        Assert.Equal(riskWeightPercent, k * 12.5 * 100, 0.01);
    }

    [Fact]
    public void Basel_reference_point_pd_1_percent()
    {
        // PD 1 %: f = (1 − e^−0.5)/(1 − e^−50) = 0.393469; R = 0.12f + 0.24(1 − f) = 0.192784;
        // b = (0.11852 − 0.05478·ln 0.01)² = (0.11852 + 0.252272)² = 0.137487; M = 2.5 so the adjustment is 1/(1 − 1.5b) = 1.259585;
        // N((G(0.01) + √R·G(0.999))/√(1 − R)) = N((−2.326348 + 0.439071·3.090232)/0.898452) = N(−1.079065) = 0.140273;
        // K = (0.45·0.140273 − 0.0045)·1.259585 = 0.0738534.
        double k = IrbCapital.K(0.01, 0.45, 2.5, double.NaN);
        Assert.Equal(0.0738534, k, 1e-5);
        Assert.Equal(0.9232, k * 12.5, 1e-4);
    }

    // Reference values from an independent implementation (Python's statistics.NormalDist for N and G, same formula,
    // docs/METHODOLOGY.md §3.7).
    [Theory]
    [InlineData(0.02, 0.45, 1.0, double.NaN, 0.07661655942187606)]
    [InlineData(0.02, 0.45, 5.0, double.NaN, 0.11732808898114006)]
    [InlineData(0.02, 0.45, 2.5, 5.0, 0.07083645598172422)]
    [InlineData(0.02, 0.45, 2.5, 27.5, 0.08127912289617881)]
    [InlineData(0.2, 0.35, 3.0, double.NaN, 0.1513991531804198)]
    [InlineData(0.999, 0.45, 2.5, double.NaN, 0.0004575820609800176)]
    public void K_matches_an_independent_implementation(double pd, double lgd, double m, double sales, double expected)
    {
        Assert.Equal(expected, IrbCapital.K(pd, lgd, m, sales), 1e-12);
    }

    [Fact]
    public void Sme_adjustment_lowers_correlation_by_size()
    {
        double r = IrbCapital.Correlation(0.02, double.NaN);
        Assert.Equal(r - 0.04, IrbCapital.Correlation(0.02, 5), 1e-15);
        Assert.Equal(r - 0.04, IrbCapital.Correlation(0.02, 1), 1e-15);      // S clamped up to 5
        Assert.Equal(r - 0.02, IrbCapital.Correlation(0.02, 27.5), 1e-15);   // 1 − 22.5/45 = 0.5
        Assert.Equal(r, IrbCapital.Correlation(0.02, 50));                    // not below 50: no adjustment
        Assert.Equal(r, IrbCapital.Correlation(0.02, 400));
        Assert.True(IrbCapital.K(0.02, 0.45, 2.5, 5) < IrbCapital.K(0.02, 0.45, 2.5, double.NaN));
        Assert.Equal(IrbCapital.K(0.02, 0.45, 2.5, double.NaN), IrbCapital.K(0.02, 0.45, 2.5, 50));
    }

    [Fact]
    public void Correlation_runs_from_24_to_12_percent()
    {
        // f → 0 as PD → 0 and f = 1 at PD = 1.
        Assert.Equal(0.24, IrbCapital.Correlation(1e-12, double.NaN), 1e-9);
        Assert.Equal(0.12, IrbCapital.Correlation(1, double.NaN), 1e-15);
    }

    [Fact]
    public void Maturity_slope_b()
    {
        // b(0.01) = (0.11852 − 0.05478·ln 0.01)² = 0.370792...² = 0.137487...
        double root = 0.11852 - 0.05478 * Math.Log(0.01);
        Assert.Equal(root * root, IrbCapital.MaturitySlope(0.01));
        Assert.Equal(0.1374861, IrbCapital.MaturitySlope(0.01), 1e-6);
    }

    [Fact]
    public void Defaulted_obligor_has_zero_capital()
    {
        Assert.Equal(0.0, IrbCapital.K(1.0, 0.45, 2.5, double.NaN));
        Assert.Equal(0.0, IrbCapital.K(1.0, 0.45, 5, 10));
    }

    [Fact]
    public void Zero_pd_has_zero_capital_and_nan_propagates()
    {
        Assert.Equal(0.0, IrbCapital.K(0, 0.45, 2.5, double.NaN));
        Assert.True(double.IsNaN(IrbCapital.K(0.01, double.NaN, 2.5, double.NaN)));
        Assert.True(double.IsNaN(IrbCapital.K(double.NaN, 0.45, 2.5, double.NaN)));
    }

    [Fact]
    public void K_clamps_maturity_itself()
    {
        Assert.Equal(IrbCapital.K(0.02, 0.45, 1, double.NaN), IrbCapital.K(0.02, 0.45, 0.5, double.NaN));
        Assert.Equal(IrbCapital.K(0.02, 0.45, 5, double.NaN), IrbCapital.K(0.02, 0.45, 7, double.NaN));
        Assert.True(IrbCapital.K(0.02, 0.45, 1, double.NaN) < IrbCapital.K(0.02, 0.45, 5, double.NaN));
    }

    [Fact]
    public void Prepared_obligor_gives_the_same_bits()
    {
        var obligor = IrbCapital.Obligor(0.0123, 12);
        Assert.Equal(IrbCapital.K(0.0123, 0.37, 3.3, 12), IrbCapital.K(obligor, 0.37, 3.3));
    }

    [Fact]
    public void Effective_maturity_is_clamped_to_one_and_five_years()
    {
        int asOf = new DateOnly(2026, 10, 31).DayNumber;
        Assert.Equal(1.0, IrbCapital.EffectiveMaturity(asOf, asOf + 182, 2.5));         // ≈ 0.5 → 1
        Assert.Equal(1.0, IrbCapital.EffectiveMaturity(asOf, asOf - 10, 2.5));          // already past → 1
        Assert.Equal(5.0, IrbCapital.EffectiveMaturity(asOf, asOf + 7 * 365, 2.5));     // 7 → 5
        Assert.Equal(730 / 365.0, IrbCapital.EffectiveMaturity(asOf, asOf + 730, 2.5)); // inside: 2.0
        Assert.Equal(2.5, IrbCapital.EffectiveMaturity(asOf, AccountTable.NoDate, 2.5));
        Assert.Equal(1.0, IrbCapital.EffectiveMaturity(asOf, AccountTable.NoDate, 0.5));
        Assert.Equal(5.0, IrbCapital.EffectiveMaturity(asOf, AccountTable.NoDate, 7));
    }
}
