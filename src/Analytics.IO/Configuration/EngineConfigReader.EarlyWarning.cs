using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>The <c>early_warning</c> section.</summary>
internal sealed partial class EngineConfigReader
{
    private EarlyWarningConfig ReadEarlyWarning(YamlNode node)
    {
        const string Path = "early_warning";
        MappingReader m = Open(node, Path, "a mapping of early-warning thresholds",
        [
            "dscr_min", "icr_min", "leverage_max", "current_ratio_min", "altman_distress", "altman_grey", "trend_periods",
            "trend_decline", "utilization_max", "deposit_outflow", "stale_months", "maturity_notice_days", "sicr_pd_ratio",
        ]);
        var d = new EarlyWarningConfig();
        var ew = new EarlyWarningConfig
        {
            DscrMin = Number(m, "dscr_min", d.DscrMin, Bound.NonNegative),
            IcrMin = Number(m, "icr_min", d.IcrMin, Bound.NonNegative),
            LeverageMax = Number(m, "leverage_max", d.LeverageMax, Bound.NonNegative),
            CurrentRatioMin = Number(m, "current_ratio_min", d.CurrentRatioMin, Bound.NonNegative),
            AltmanDistress = Number(m, "altman_distress", d.AltmanDistress, Bound.NonNegative),
            AltmanGrey = Number(m, "altman_grey", d.AltmanGrey, Bound.NonNegative),
            TrendPeriods = Integer(m, "trend_periods", d.TrendPeriods, Bound.AtLeast(2), "because a trend needs at least two statements"),
            TrendDecline = Number(m, "trend_decline", d.TrendDecline, Bound.Unit),
            UtilizationMax = Number(m, "utilization_max", d.UtilizationMax, Bound.Unit),
            DepositOutflow = Number(m, "deposit_outflow", d.DepositOutflow, Bound.Unit),
            StaleMonths = Integer(m, "stale_months", d.StaleMonths, Bound.AtLeast(0)),
            MaturityNoticeDays = Integer(m, "maturity_notice_days", d.MaturityNoticeDays, Bound.AtLeast(0)),
            SicrPdRatio = Number(m, "sicr_pd_ratio", d.SicrPdRatio, Bound.Positive),
        };
        if (ew.AltmanDistress > ew.AltmanGrey)
        {
            throw _r.Error("early_warning.altman_distress", null,
                $"key 'early_warning.altman_distress' is {Show(ew.AltmanDistress)}, above early_warning.altman_grey {Show(ew.AltmanGrey)}",
                "set altman_distress at or below altman_grey, since the grey zone lies between them");
        }
        return ew;
    }
}
