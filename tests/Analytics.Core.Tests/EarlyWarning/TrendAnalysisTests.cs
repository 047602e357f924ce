using Analytics.Core.Configuration;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

public class TrendAnalysisTests
{
    private static readonly DateOnly Y2021 = new(2021, 12, 31);
    private static readonly DateOnly Y2022 = new(2022, 12, 31);
    private static readonly DateOnly Y2023 = new(2023, 12, 31);
    private static readonly DateOnly Y2024 = new(2024, 12, 31);
    private static readonly DateOnly Y2025 = new(2025, 12, 31);

    private static Statement Revenue(DateOnly date, double revenue) => Statement.Healthy(date) with { Revenue = revenue };

    private static EarlyWarningResult Run(int trendPeriods, params Statement[] statements) =>
        new EarlyWarningFixtures().Add("C", statements)
            .Evaluate(EarlyWarningFixtures.Config(new EarlyWarningConfig { TrendPeriods = trendPeriods }));

    [Fact]
    public void Slope_by_hand_is_per_year_of_365_25_days()
    {
        // Points (0 d, 3), (365 d, 2), (730 d, 1): slope = −1 per 365 days = −365.25/365 per year.
        var trend = new TrendAnalysis(3).Fit([1000, 1365, 1730], [3.0, 2.0, 1.0]);
        Assert.Equal(3, trend.Points);
        Assert.Equal(-365.25 / 365, trend.Slope, 12);
        Assert.Equal(3.0, trend.First);
        Assert.Equal(1.0, trend.Last);
        Assert.Equal(-2.0 / 3.0, trend.RelativeChange, 15);
    }

    [Fact]
    public void Fit_skips_nulls_and_needs_two_points()
    {
        var analysis = new TrendAnalysis(3);
        var trend = analysis.Fit([0, 365, 730], [4.0, double.NaN, 2.0]);
        Assert.Equal(2, trend.Points);
        Assert.Equal(-2 * 365.25 / 730, trend.Slope, 12);
        Assert.Equal(-0.5, trend.RelativeChange);

        var one = analysis.Fit([0, 365, 730], [double.NaN, double.NaN, 2.0]);
        Assert.Equal(0, one.Points);
        Assert.False(one.IsDecline(0.2));
        Assert.True(double.IsNaN(one.Slope));
    }

    [Fact]
    public void Same_date_points_have_no_slope()
    {
        var trend = new TrendAnalysis(2).Fit([700, 700], [5.0, 1.0]);
        Assert.True(double.IsNaN(trend.Slope));
        Assert.False(trend.IsDecline(0.2));
    }

    [Fact]
    public void Relative_change_is_undefined_when_first_is_zero()
    {
        Assert.True(double.IsNaN(TrendAnalysis.RelativeChange(0, -5)));
        Assert.Equal(-1.0, TrendAnalysis.RelativeChange(-2, -4));   // (−4 − −2)/|−2|: a fall from a negative start
        Assert.Equal(0.5, TrendAnalysis.RelativeChange(-2, -1));
    }

    [Fact]
    public void Revenue_decline_of_exactly_20_percent_on_three_statements_fires()
    {
        // 1000 → 900 → 800: slope < 0, (800 − 1000)/1000 = −0.2 ≤ −0.2.
        var r = Run(3, Revenue(Y2023, 1000), Revenue(Y2024, 900), Revenue(Y2025, 800));
        Assert.Equal(new ReasonRow("REVENUE_DECLINING", Severity.Watch, -0.2, -0.2), r.Reason(0, "REVENUE_DECLINING"));
        Assert.Equal(Severity.Watch, r.Severity[0]);
        Assert.Equal("REVENUE_DECLINING", r.ReasonCodes[0]);
    }

    [Fact]
    public void Revenue_decline_just_under_20_percent_does_not_fire()
    {
        // (801 − 1000)/1000 = −0.199 > −0.2.
        var r = Run(3, Revenue(Y2023, 1000), Revenue(Y2024, 900), Revenue(Y2025, 801));
        Assert.Empty(r.ReasonsOf(0));
        Assert.Equal(Severity.None, r.Severity[0]);
        Assert.Equal("", r.ReasonCodes[0]);
    }

    [Fact]
    public void Two_statements_are_enough()
    {
        // 1000 → 700: −0.3.
        var r = Run(3, Revenue(Y2024, 1000), Revenue(Y2025, 700));
        Assert.Equal(-0.3, r.Reason(0, "REVENUE_DECLINING")!.Value, 15);
    }

    [Fact]
    public void One_statement_gives_no_trend()
    {
        var r = Run(3, Revenue(Y2025, 1));
        Assert.Null(r.Reason(0, "REVENUE_DECLINING"));
    }

    [Fact]
    public void Only_the_last_trend_periods_statements_count()
    {
        // Five statements, trend_periods 3: the window is 2000, 2000, 1000 (−50 %, slope (1000 − 2000)/2 y < 0).
        // Over all five (1000 … 1000) the change would be 0 and nothing would fire.
        var r = Run(3, Revenue(Y2021, 1000), Revenue(Y2022, 1000), Revenue(Y2023, 2000), Revenue(Y2024, 2000), Revenue(Y2025, 1000));
        Assert.Equal(-0.5, r.Reason(0, "REVENUE_DECLINING")!.Value);

        // Reverse check: a fall only in the first two of five is ignored.
        var quiet = Run(3, Revenue(Y2021, 5000), Revenue(Y2022, 1000), Revenue(Y2023, 1000), Revenue(Y2024, 1000), Revenue(Y2025, 1000));
        Assert.Empty(quiet.ReasonsOf(0));

        // With trend_periods 5 the same data (5000 → 1000, −80 %) fires.
        var wide = Run(5, Revenue(Y2021, 5000), Revenue(Y2022, 1000), Revenue(Y2023, 1000), Revenue(Y2024, 1000), Revenue(Y2025, 1000));
        Assert.Equal(-0.8, wide.Reason(0, "REVENUE_DECLINING")!.Value);
    }

    [Fact]
    public void Null_values_are_skipped_inside_the_window_without_reaching_back()
    {
        // Window of 3 = (null, 900, 850): two points, −5.6 %: no flag. Reaching back to 2000 would wrongly fire.
        var r = Run(3, Revenue(Y2021, 2000), Revenue(Y2022, 2000), Revenue(Y2023, double.NaN), Revenue(Y2024, 900), Revenue(Y2025, 850));
        Assert.Empty(r.ReasonsOf(0));

        // Window (1000, null, 800): two points, −20 %: fires.
        var gap = Run(3, Revenue(Y2023, 1000), Revenue(Y2024, double.NaN), Revenue(Y2025, 800));
        Assert.Equal(-0.2, gap.Reason(0, "REVENUE_DECLINING")!.Value);

        // Window (null, null, 800): one point: no flag.
        var single = Run(3, Revenue(Y2023, double.NaN), Revenue(Y2024, double.NaN), Revenue(Y2025, 800));
        Assert.Empty(single.ReasonsOf(0));
    }

    [Fact]
    public void First_value_zero_gives_no_flag()
    {
        // 0 → −100 → −200: slope < 0 but the relative change is undefined.
        var r = Run(3, Revenue(Y2023, 0), Revenue(Y2024, -100), Revenue(Y2025, -200));
        Assert.Empty(r.ReasonsOf(0));
    }

    [Fact]
    public void A_relative_fall_without_a_negative_slope_does_not_fire()
    {
        // trend_periods 4, revenue 1000, 500, 5000, 800: (800 − 1000)/1000 = −0.2, but with x ≈ 0, 1, 2, 3 years
        // Σ(x − x̄)(y − ȳ) ≈ (−1.5)(−825) + (−0.5)(−1325) + (0.5)(3175) + (1.5)(−1025) = 1950 > 0: the slope rises.
        var r = Run(4, Revenue(Y2022, 1000), Revenue(Y2023, 500), Revenue(Y2024, 5000), Revenue(Y2025, 800));
        Assert.Empty(r.ReasonsOf(0));
    }

    [Fact]
    public void Dscr_decline_uses_the_ratio_per_statement()
    {
        // DSCR 250/100 = 2.5, 225/100 = 2.25, 200/100 = 2.0: (2 − 2.5)/2.5 = −0.2 exactly: fires.
        // total_debt moves with ebitda so leverage stays 0.4 and does not rise.
        static Statement S(DateOnly d, double ebitda) => Statement.Healthy(d) with { Ebitda = ebitda, TotalDebt = ebitda * 0.4 };
        var r = Run(3, S(Y2023, 250), S(Y2024, 225), S(Y2025, 200));
        Assert.Equal([new ReasonRow("DSCR_DECLINING", Severity.Watch, -0.2, -0.2)], r.ReasonsOf(0));

        // 250 → 201: −0.196: no flag.
        Assert.Empty(Run(3, S(Y2023, 250), S(Y2024, 225), S(Y2025, 201)).ReasonsOf(0));
    }

    [Fact]
    public void Dscr_trend_skips_statements_whose_dscr_is_null()
    {
        // Middle statement has debt_service 0: its DSCR is null and skipped; 2.5 → 2.0 still fires.
        var r = Run(3,
            Statement.Healthy(Y2023) with { Ebitda = 250, TotalDebt = 100 },
            Statement.Healthy(Y2024) with { Ebitda = 225, TotalDebt = 90, DebtService = 0 },
            Statement.Healthy(Y2025) with { Ebitda = 200, TotalDebt = 80 });
        Assert.Equal(-0.2, r.Reason(0, "DSCR_DECLINING")!.Value);
    }

    [Fact]
    public void Leverage_rise_of_exactly_20_percent_fires_with_a_positive_threshold()
    {
        // leverage 500/200 = 2.5 → 550/200 = 2.75 → 600/200 = 3.0: (3 − 2.5)/2.5 = +0.2 ≥ 0.2.
        static Statement S(DateOnly d, double debt) => Statement.Healthy(d) with { TotalDebt = debt };
        var r = Run(3, S(Y2023, 500), S(Y2024, 550), S(Y2025, 600));
        Assert.Equal([new ReasonRow("LEVERAGE_RISING", Severity.Watch, 0.2, 0.2)], r.ReasonsOf(0));

        // 500 → 599: +0.198: no flag.
        Assert.Empty(Run(3, S(Y2023, 500), S(Y2024, 550), S(Y2025, 599)).ReasonsOf(0));

        // A falling leverage never fires LEVERAGE_RISING.
        Assert.Empty(Run(3, S(Y2023, 600), S(Y2024, 550), S(Y2025, 300)).ReasonsOf(0));
    }

    [Fact]
    public void Trend_windows_ignore_statements_after_as_of()
    {
        // A 2026-12-31 statement is after as_of 2026-10-31 and must not enter the window or the latest ratios.
        var r = Run(3, Revenue(Y2024, 1000), Revenue(Y2025, 1000), Revenue(new DateOnly(2026, 12, 31), 1) with { Ebitda = -5 });
        Assert.Empty(r.ReasonsOf(0));
        Assert.Equal(2.0, r.Dscr[0]);
    }
}
