using Analytics.Core.Configuration;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

/// <summary>Latest-statement reasons, each just below, exactly at and just beyond its bound (default config).</summary>
public class RatioReasonTests
{
    private static readonly DateOnly Latest = new(2025, 12, 31);

    private static List<ReasonRow> Reasons(Statement statement, EarlyWarningConfig? rules = null) =>
        new EarlyWarningFixtures().Add("C", statement).Evaluate(EarlyWarningFixtures.Config(rules)).ReasonsOf(0);

    private static Statement Healthy => Statement.Healthy(Latest);

    [Fact]
    public void Healthy_statement_fires_nothing_and_reports_its_ratios()
    {
        var r = new EarlyWarningFixtures().Add("C", Healthy).Evaluate();
        Assert.Empty(r.ReasonsOf(0));
        Assert.Equal(2.0, r.Dscr[0]);
        Assert.Equal(2.0, r.Icr[0]);
        Assert.Equal(0.5, r.Leverage[0]);
        Assert.Equal(2.0, r.CurrentRatio[0]);
        Assert.Equal(4.553, r.AltmanZ[0], 12);
        Assert.Equal(Severity.None, r.Severity[0]);
        Assert.Equal(FiveCategory.Normal, r.FiveCategory[0]);
        Assert.Equal(1, r.Ifrs9Stage[0]);
    }

    [Fact]
    public void Dscr_low_fires_strictly_below_the_minimum()
    {
        // dscr_min 1.2: 121/100 above, 120/100 = 1.2 equal (no flag), 119/100 = 1.19 below.
        Assert.Empty(Reasons(Healthy with { Ebitda = 121, DebtService = 100, TotalDebt = 10 }));
        Assert.Empty(Reasons(Healthy with { Ebitda = 120, DebtService = 100, TotalDebt = 10 }));
        Assert.Equal([new ReasonRow("DSCR_LOW", Severity.Warning, 1.19, 1.2)],
            Reasons(Healthy with { Ebitda = 119, DebtService = 100, TotalDebt = 10 }));
    }

    [Fact]
    public void Icr_low_fires_strictly_below_the_minimum()
    {
        // icr_min 1.5: ebit 151, 150, 149 over interest 100. Z'' moves with EBIT but stays above 2.6.
        Assert.Empty(Reasons(Healthy with { Ebit = 151, InterestExpense = 100 }));
        Assert.Empty(Reasons(Healthy with { Ebit = 150, InterestExpense = 100 }));
        Assert.Equal([new ReasonRow("ICR_LOW", Severity.Warning, 1.49, 1.5)], Reasons(Healthy with { Ebit = 149, InterestExpense = 100 }));
    }

    [Fact]
    public void Current_ratio_low_fires_strictly_below_the_minimum()
    {
        // current_ratio_min 1.0: CA 101, 100, 99 over CL 100 (X1 = 0.001, 0, −0.001: Z'' stays above 2.6).
        Assert.Empty(Reasons(Healthy with { CurrentAssets = 101, CurrentLiabilities = 100 }));
        Assert.Empty(Reasons(Healthy with { CurrentAssets = 100, CurrentLiabilities = 100 }));
        Assert.Equal([new ReasonRow("CURRENT_RATIO_LOW", Severity.Warning, 0.99, 1.0)],
            Reasons(Healthy with { CurrentAssets = 99, CurrentLiabilities = 100 }));
    }

    [Fact]
    public void Leverage_high_fires_strictly_above_the_maximum()
    {
        // leverage_max 5: total_debt 999, 1000, 1001 over ebitda 200.
        Assert.Empty(Reasons(Healthy with { TotalDebt = 999 }));
        Assert.Empty(Reasons(Healthy with { TotalDebt = 1000 }));
        Assert.Equal([new ReasonRow("LEVERAGE_HIGH", Severity.Warning, 5.005, 5.0)], Reasons(Healthy with { TotalDebt = 1001 }));
    }

    [Fact]
    public void Negative_ebitda_fires_at_zero_and_below()
    {
        // ebitda 0.01 → DSCR 0.0001 (DSCR_LOW) but no NEGATIVE_EBITDA; leverage 100/0.01 = 10,000 > 5.
        Assert.Null(Reasons(Healthy with { Ebitda = 0.01 }).SingleOrDefault(r => r.Code == "NEGATIVE_EBITDA"));

        // ebitda 0: NEGATIVE_EBITDA (value 0, bound 0); DSCR 0/100 = 0 < 1.2; leverage null (no LEVERAGE_HIGH).
        Assert.Equal(
            [new ReasonRow("DSCR_LOW", Severity.Warning, 0, 1.2), new ReasonRow("NEGATIVE_EBITDA", Severity.Warning, 0, 0)],
            Reasons(Healthy with { Ebitda = 0 }));

        Assert.Equal(new ReasonRow("NEGATIVE_EBITDA", Severity.Warning, -10, 0),
            Reasons(Healthy with { Ebitda = -10 }).Single(r => r.Code == "NEGATIVE_EBITDA"));
    }

    /// <summary>A statement whose only Altman term is X4 = equity/TL: Z'' = 1.05 × equity / 100 exactly when that product is
    /// exact.</summary>
    private static Statement Altman(double equity) => new(Latest)
    {
        CurrentAssets = 100, CurrentLiabilities = 100, TotalAssets = 1000, RetainedEarnings = 0, Ebit = 0,
        Equity = equity, TotalLiabilities = 100,
    };

    [Fact]
    public void Altman_zones_with_default_bounds()
    {
        // Z'' = 1.05 × 3 = 3.15 ≥ 2.6: nothing.
        Assert.Empty(Reasons(Altman(300)));

        // Z'' = 1.05 × 2 = 2.1 in [1.1, 2.6): grey, watch, evidence (2.1, 2.6).
        Assert.Equal([new ReasonRow("ALTMAN_GREY", Severity.Watch, 2.1, 2.6)], Reasons(Altman(200)));

        // Z'' = 1.05 × 0.5 = 0.525 < 1.1: distress only (never both), warning, evidence (0.525, 1.1).
        Assert.Equal([new ReasonRow("ALTMAN_DISTRESS", Severity.Warning, 0.525, 1.1)], Reasons(Altman(50)));
    }

    [Fact]
    public void Altman_bounds_are_inclusive_below_and_exclusive_above()
    {
        // Z'' = 2.1 exactly equal to altman_grey: not grey (Z'' < grey fails).
        Assert.Empty(Reasons(Altman(200), new EarlyWarningConfig { AltmanGrey = 2.1 }));

        // Z'' = 2.1 exactly equal to altman_distress: grey, not distress (distress ≤ Z'').
        Assert.Equal([new ReasonRow("ALTMAN_GREY", Severity.Watch, 2.1, 2.6)],
            Reasons(Altman(200), new EarlyWarningConfig { AltmanDistress = 2.1 }));

        // altman_distress 2.2 > 2.1: distress.
        Assert.Equal([new ReasonRow("ALTMAN_DISTRESS", Severity.Warning, 2.1, 2.2)],
            Reasons(Altman(200), new EarlyWarningConfig { AltmanDistress = 2.2 }));
    }

    [Fact]
    public void Null_ratios_never_fire_and_are_reported_as_NaN()
    {
        // debt_service 0, interest −1, current liabilities missing, total liabilities 0, ebitda missing.
        var r = new EarlyWarningFixtures().Add("C", Healthy with
        {
            Ebitda = double.NaN,
            DebtService = 0,
            InterestExpense = -1,
            CurrentLiabilities = double.NaN,
            TotalLiabilities = 0,
        }).Evaluate();
        Assert.Empty(r.ReasonsOf(0));
        Assert.True(double.IsNaN(r.Dscr[0]));
        Assert.True(double.IsNaN(r.Icr[0]));
        Assert.True(double.IsNaN(r.Leverage[0]));
        Assert.True(double.IsNaN(r.CurrentRatio[0]));
        Assert.True(double.IsNaN(r.AltmanZ[0]));
    }

    [Fact]
    public void Customer_without_statements_has_null_ratios()
    {
        var r = new EarlyWarningFixtures().Customer("C").Evaluate();
        Assert.True(double.IsNaN(r.Dscr[0]));
        Assert.True(double.IsNaN(r.AltmanZ[0]));
        Assert.Empty(r.ReasonsOf(0));
        Assert.Equal(0, r.MaxDpd[0]);
    }

    [Fact]
    public void Only_the_latest_statement_drives_ratio_reasons()
    {
        var r = new EarlyWarningFixtures()
            .Add("C", Healthy with { Date = new DateOnly(2024, 12, 31), Ebitda = 250, DebtService = 1000 }, Healthy)
            .Evaluate();
        Assert.Equal(2.0, r.Dscr[0]);
        Assert.Null(r.Reason(0, "DSCR_LOW"));
    }

    [Fact]
    public void Ratio_warnings_apply_to_non_borrowers_and_raise_category_and_stage()
    {
        // No accounts at all: DSCR 1.19 still fires; warning raises normal → special mention and stage 1 → 2.
        var r = new EarlyWarningFixtures().Add("C", Healthy with { Ebitda = 119, DebtService = 100, TotalDebt = 10 }).Evaluate();
        Assert.Equal(Severity.Warning, r.Severity[0]);
        Assert.Equal(FiveCategory.SpecialMention, r.FiveCategory[0]);
        Assert.Equal(2, r.Ifrs9Stage[0]);
        Assert.Equal(0, r.MaxDpd[0]);
    }
}
