using System.Text;
using Analytics.Core.EarlyWarning;

namespace Analytics.Pipeline.Reporting;

/// <summary>The early-warning sections of the report: severity and reason counts, the watch list by manager and maturity notices.</summary>
internal sealed partial class ReportPage
{
    private void EarlyWarnings()
    {
        var facts = input.Facts;
        var severityCounts = facts.SeverityCount;
        var five = facts.FiveCategoryCount;
        var stage = facts.StageCount;
        var codes = ReasonCode.All;
        var reasonCounts = new double[codes.Count];
        for (int k = 0; k < codes.Count; k++)
        {
            reasonCounts[k] = facts.ReasonCount[k];
        }

        // Most frequent first, ties in code order; every code is listed so the chart's rows do not move between runs.
        var order = new int[codes.Count];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        Array.Sort(order, (x, z) =>
        {
            int c = reasonCounts[z].CompareTo(reasonCounts[x]);
            return c != 0 ? c : x.CompareTo(z);
        });
        var labels = new string[codes.Count];
        var values = new double[codes.Count];
        for (int k = 0; k < order.Length; k++)
        {
            labels[k] = codes[order[k]];
            values[k] = reasonCounts[order[k]];
        }

        _html.Append("<h2 id=\"warnings\">Early warnings</h2>\n<div class=\"charts\">");
        Chart(ReportCharts.Bars(ReportCharts.SeverityId, "Customers by early-warning severity", "customers",
            ["none", "watch", "warning", "critical"], [severityCounts[0], severityCounts[1], severityCounts[2], severityCounts[3]],
            horizontal: false, v => v.ToString("N0", Invariant), 640, 380), "c640");
        Chart(ReportCharts.Bars(ReportCharts.ReasonsId, "Fired reasons by code", "customers", labels, values,
            horizontal: true, v => v.ToString("N0", Invariant), 640, 520), "c640");
        _html.Append("</div>\n<h3>Five-category classification and IFRS 9 stage</h3>\n<table><tr>");
        foreach (FiveCategory f in Enum.GetValues<FiveCategory>())
        {
            Append($"<th>{HtmlEncode(FiveCategories.Label(f))}</th>");
        }

        _html.Append("<th>stage 1</th><th>stage 2</th><th>stage 3</th></tr><tr>");
        foreach (int v in five)
        {
            Append($"<td>{v:N0}</td>");
        }

        Append($"<td>{stage[1]:N0}</td><td>{stage[2]:N0}</td><td>{stage[3]:N0}</td></tr></table>\n");
        WatchListByManager();
    }

    /// <summary>
    /// The customers at watch or worse — critical first, then by EAD — with their reasons and evidence, grouped by
    /// relationship manager so each manager sees their own list (docs/REPORT.md).
    /// </summary>
    private void WatchListByManager()
    {
        var f = input.Facts;
        bool rmHidden = input.Config.IsConfidential("rm_id");
        var groups = WatchList.Grouped(f.Watch);
        int shown = f.Watch.Length;
        _html.Append("<h3 id=\"watch-list\">Watch list by relationship manager</h3>\n");
        Append($"<p><b>{f.WatchCount:N0}</b> customers are at watch or worse");
        if (f.WatchCount > shown)
        {
            Append($"; the first {shown:N0} (critical first, then by exposure at default) are listed, the rest are in early_warnings and "
                + $"early_warning_reasons");
        }

        _html.Append(".</p>\n");
        if (shown == 0)
        {
            return;
        }

        foreach (var group in groups)
        {
            double exposure = 0;
            foreach (var c in group.Customers) exposure += c.Ead;
            string manager = rmHidden ? "relationship manager not shown (rm_id is confidential)" : "RM " + group.RmId;
            Append($"<h4>{HtmlEncode(manager)} · {group.Customers.Length:N0} customers · EAD {Money(exposure)}</h4>\n");
            _html.Append("<table class=\"watch\"><tr><th class=\"t\">customer_id</th><th class=\"t\">severity</th><th>EAD</th><th "
                + "class=\"t\">five-category</th><th>IFRS 9</th><th class=\"t\">reasons: value vs threshold</th></tr>");
            foreach (var c in group.Customers)
            {
                var evidence = new StringBuilder();
                foreach (var (code, value, threshold) in c.Reasons)
                {
                    if (evidence.Length > 0) evidence.Append("<br>");
                    evidence.Append(HtmlEncode(code)).Append(' ').Append(Evidence(value)).Append(" vs ").Append(Evidence(threshold));
                }

                Append($"<tr><td class=\"t\">{HtmlEncode(c.Id)}</td><td class=\"t "
                    + $"sev-{Severities.Name(c.Severity)}\">{Severities.Name(c.Severity)}</td><td>{Money(c.Ead)}</td><td "
                    + $"class=\"t\">{HtmlEncode(FiveCategories.Label(c.FiveCategory))}</td><td>{c.Ifrs9Stage}</td><td class=\"t "
                    + $"wrap\">{evidence}</td></tr>");
            }

            _html.Append("</table>\n");
        }

        _html.Append("<p class=\"note\">Evidence: the figure that fired the reason and the bound it crossed (docs/EARLY_WARNING.md); a "
            + "missing figure is –. EAD is the customer's exposure at default in the reporting currency.</p>\n");
    }

    private static string Evidence(double value) =>
        double.IsNaN(value) ? "–" : Math.Abs(value) >= 10_000 ? value.ToString("N0", Invariant) : value.ToString("0.###", Invariant);

    private void MaturityNotices()
    {
        var f = input.Facts;
        bool names = input.IncludeNames && f.NoticeNames;
        double total = f.NoticeTotal.Value();

        int asOf = input.Config.AsOf.DayNumber;
        _html.Append("<h2 id=\"maturities\">Maturity notices</h2>\n");
        Append($"<p><b>{f.NoticeCount:N0}</b> loans mature within {input.Config.EarlyWarning.MaturityNoticeDays} days after "
            + $"{input.Config.AsOf:yyyy-MM-dd}, with {Money(total)} due (end balance + interest arrears).</p>\n");
        if (f.NoticeCount == 0)
        {
            return;
        }

        Append($"<h3>Top {f.Notices.Length:N0} by amount due</h3>\n<table><tr><th "
            + $"class=\"t\">customer_id</th>{(!names ? "" : "<th class=\"t\">customer_name</th>")}<th "
            + $"class=\"t\">account_id</th><th>maturity date</th><th>days left</th><th>amount due</th></tr>");
        foreach (var notice in f.Notices)
        {
            string name = !names ? "" : $"<td class=\"t\">{HtmlEncode(notice.Name ?? "")}</td>";
            Append($"<tr><td class=\"t\">{HtmlEncode(notice.Id)}</td>{name}"
                + $"<td class=\"t\">{HtmlEncode(notice.AccountId)}</td>"
                + $"<td>{DateOnly.FromDayNumber(notice.MaturityDate):yyyy-MM-dd}</td><td>{notice.MaturityDate - asOf}</td>"
                + $"<td>{Money(notice.AmountDue)}</td></tr>");
        }

        _html.Append("</table>\n");
    }
}
