namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The early-warning reasons of docs/METHODOLOGY.md §5.2, one entry per reason, in the order of the reason table of
/// docs/EARLY_WARNING.md. <see cref="ReasonCode"/> derives ids, codes and severities from this list.
/// </summary>
internal static class ReasonDefinitions
{
    // To add a reason: add one entry here (anywhere; the position is its row in docs/EARLY_WARNING.md), with its rule
    // reading the customer's facts (CustomerFacts; add a fact there if the rule needs one) and its bound from
    // EarlyWarningConfig (add a setting there if it needs a new key). A NaN fact compares false everywhere, so a null
    // ratio never fires.
    internal static readonly ReasonDefinition[] InDocumentOrder =
    [
        new("DSCR_LOW", Severity.Warning, ["dscr_min"],
            "latest DSCR < `dscr_min` [1.2]. Exactly 1.2 does not fire.", "DSCR", "dscr_min",
            static (f, t) => ReasonEvidence.When(f.Dscr < t.DscrMin, f.Dscr, t.DscrMin)),
        new("ICR_LOW", Severity.Warning, ["icr_min"],
            "latest ICR < `icr_min` [1.5]", "ICR", "icr_min",
            static (f, t) => ReasonEvidence.When(f.Icr < t.IcrMin, f.Icr, t.IcrMin)),
        new("CURRENT_RATIO_LOW", Severity.Warning, ["current_ratio_min"],
            "latest current ratio < `current_ratio_min` [1.0]", "current ratio", "current_ratio_min",
            static (f, t) => ReasonEvidence.When(f.CurrentRatio < t.CurrentRatioMin, f.CurrentRatio, t.CurrentRatioMin)),
        new("LEVERAGE_HIGH", Severity.Warning, ["leverage_max"],
            "latest leverage > `leverage_max` [5.0]. Exactly 5.0 does not fire.", "leverage", "leverage_max",
            static (f, t) => ReasonEvidence.When(f.Leverage > t.LeverageMax, f.Leverage, t.LeverageMax)),
        new("NEGATIVE_EBITDA", Severity.Warning, [],
            "latest ebitda ≤ 0. Zero fires.", "ebitda", "0",
            static (f, _) => ReasonEvidence.When(f.Ebitda <= 0, f.Ebitda, 0)),
        new("ALTMAN_GREY", Severity.Watch, ["altman_distress", "altman_grey"],
            "`altman_distress` ≤ Z'' < `altman_grey` [1.1, 2.6)", "Z''", "altman_grey",
            static (f, t) => ReasonEvidence.When(t.AltmanDistress <= f.AltmanZ && f.AltmanZ < t.AltmanGrey, f.AltmanZ, t.AltmanGrey)),
        new("ALTMAN_DISTRESS", Severity.Warning, ["altman_distress"],
            "Z'' < `altman_distress` [1.1] (never together with grey)", "Z''", "altman_distress",
            static (f, t) => ReasonEvidence.When(f.AltmanZ < t.AltmanDistress, f.AltmanZ, t.AltmanDistress)),
        new("DSCR_DECLINING", Severity.Watch, ["trend_periods", "trend_decline"],
            "DSCR trend: slope < 0 and (last − first)/\\|first\\| ≤ −`trend_decline` [0.20]", "relative change (e.g. −0.25)",
            "−trend_decline",
            static (f, t) => ReasonEvidence.When(f.DscrTrend.IsDecline(t.TrendDecline), f.DscrTrend.RelativeChange, -t.TrendDecline)),
        new("REVENUE_DECLINING", Severity.Watch, ["trend_periods", "trend_decline"],
            "the same test on revenue", "relative change", "−trend_decline",
            static (f, t) => ReasonEvidence.When(f.RevenueTrend.IsDecline(t.TrendDecline), f.RevenueTrend.RelativeChange,
                -t.TrendDecline)),
        new("LEVERAGE_RISING", Severity.Watch, ["trend_periods", "trend_decline"],
            "leverage trend: slope > 0 and (last − first)/\\|first\\| ≥ `trend_decline`", "relative change (e.g. +0.25)",
            "+trend_decline",
            static (f, t) => ReasonEvidence.When(f.LeverageTrend.IsRise(t.TrendDecline), f.LeverageTrend.RelativeChange,
                t.TrendDecline)),
        new("STALE_FINANCIALS", Severity.Watch, ["stale_months"],
            "a *borrower* whose latest statement is missing or dated before `as_of` − `stale_months` [15] calendar months",
            "whole calendar months since the latest statement (null when there is none)", "stale_months",
            static (f, t) => f.IsStale ? new ReasonEvidence(true, f.MonthsSinceLatestStatement(), t.StaleMonths) : ReasonEvidence.None),
        // Only the highest DPD bucket is listed, so each bucket's rule excludes the ones above it.
        new("DPD_1", Severity.Watch, [],
            "max days_past_due > 0 (and ≤ 30)", "max DPD", "0",
            static (f, _) => ReasonEvidence.When(f.MaxDpd is > 0 and <= 30, f.MaxDpd, 0)),
        new("DPD_30", Severity.Warning, [],
            "max days_past_due > 30 (and ≤ 90)", "max DPD", "30",
            static (f, _) => ReasonEvidence.When(f.MaxDpd is > 30 and <= 90, f.MaxDpd, 30)),
        new("DPD_90", Severity.Critical, [],
            "max days_past_due > 90", "max DPD", "90",
            static (f, _) => ReasonEvidence.When(f.MaxDpd > 90, f.MaxDpd, 90)),
        new("INTEREST_ARREARS", Severity.Warning, [],
            "Σ interest_arrears > 0", "Σ interest_arrears", "0",
            static (f, _) => ReasonEvidence.When(f.InterestArrears > 0, f.InterestArrears, 0)),
        new("HIGH_UTILIZATION", Severity.Watch, ["utilization_max"],
            "Σ end_balance / Σ limit over loans and overdrafts with limit > 0 ≥ `utilization_max` [0.90]. Exactly 0.90 fires.",
            "utilisation", "utilization_max",
            static (f, t) => ReasonEvidence.When(f.Utilization >= t.UtilizationMax, f.Utilization, t.UtilizationMax)),
        new("DEPOSIT_OUTFLOW", Severity.Watch, ["deposit_outflow"],
            "1 − Σ average_balance / Σ prior_average_balance over deposits that report a prior balance ≥ `deposit_outflow` "
                + "[0.30]. Exactly 0.30 fires.",
            "outflow share", "deposit_outflow",
            static (f, t) => ReasonEvidence.When(f.DepositOutflow >= t.DepositOutflow, f.DepositOutflow, t.DepositOutflow)),
    ];
}
