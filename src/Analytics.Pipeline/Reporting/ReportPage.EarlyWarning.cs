using System.Text;
using Analytics.Core.EarlyWarning;

namespace Analytics.Pipeline.Reporting;

/// <summary>The early-warning sections of the report: severity and reason counts, the watch list by manager and maturity notices.</summary>
internal sealed partial class ReportPage
{
    private void EarlyWarnings()
    {
        var w = input.Result.EarlyWarnings;
        var severityCounts = new int[4];
        var five = new int[5];
        var stage = new int[4];
        for (int c = 0; c < w.CustomerCount; c++)
        {
            severityCounts[(int)w.Severity[c]]++;
            five[(int)w.FiveCategory[c]]++;
            stage[Math.Clamp(w.Ifrs9Stage[c], 1, 3)]++;
        }

        var codes = ReasonCode.All;
        var reasonCounts = new double[codes.Count];
        var codeIndex = new Dictionary<string, int>(codes.Count, StringComparer.Ordinal);
        for (int k = 0; k < codes.Count; k++)
        {
            codeIndex.TryAdd(codes[k], k);
        }

        for (int i = 0; i < w.Reasons.Count; i++)
        {
            if (codeIndex.TryGetValue(w.Reasons.ReasonCode[i], out int k)) reasonCounts[k]++;
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
        var w = input.Result.EarlyWarnings;
        var p = input.Result.Profitability;
        var ids = input.Loaded.Data.Customers.Ids;
        bool rmHidden = input.Config.IsConfidential("rm_id");
        var ordered = WatchList.Ordered(w.Severity, p.Ead);
        var groups = WatchList.Grouped(ordered, input.Loaded.Data.Customers.RmId, HtmlReport.WatchListRows);
        int shown = Math.Min(HtmlReport.WatchListRows, ordered.Length);
        _html.Append("<h3 id=\"watch-list\">Watch list by relationship manager</h3>\n");
        Append($"<p><b>{ordered.Length:N0}</b> customers are at watch or worse");
        if (ordered.Length > shown)
        {
            Append($"; the first {shown:N0} (critical first, then by exposure at default) are listed, the rest are in early_warnings and "
                + $"early_warning_reasons");
        }

        _html.Append(".</p>\n");
        if (shown == 0)
        {
            return;
        }

        // Reasons of each customer: the reason table is sorted by customer, so one pass finds every customer's first row.
        var reasons = w.Reasons;
        var firstReason = new int[w.CustomerCount + 1];
        for (int i = 0; i < reasons.Count; i++) firstReason[reasons.Customer[i] + 1]++;
        for (int c = 0; c < w.CustomerCount; c++) firstReason[c + 1] += firstReason[c];

        foreach (var group in groups)
        {
            double exposure = 0;
            foreach (int c in group.Customers) exposure += p.Ead[c];
            string manager = rmHidden ? "relationship manager not shown (rm_id is confidential)" : "RM " + group.RmId;
            Append($"<h4>{HtmlEncode(manager)} · {group.Customers.Length:N0} customers · EAD {Money(exposure)}</h4>\n");
            _html.Append("<table class=\"watch\"><tr><th class=\"t\">customer_id</th><th class=\"t\">severity</th><th>EAD</th><th "
                + "class=\"t\">five-category</th><th>IFRS 9</th><th class=\"t\">reasons: value vs threshold</th></tr>");
            foreach (int c in group.Customers)
            {
                var evidence = new StringBuilder();
                for (int i = firstReason[c]; i < firstReason[c + 1]; i++)
                {
                    if (evidence.Length > 0) evidence.Append("<br>");
                    evidence.Append(HtmlEncode(reasons.ReasonCode[i])).Append(' ').Append(Evidence(reasons.Value[i])).Append(" vs ")
                        .Append(Evidence(reasons.Threshold[i]));
                }

                Append($"<tr><td class=\"t\">{HtmlEncode(ids[c])}</td><td class=\"t "
                    + $"sev-{Severities.Name(w.Severity[c])}\">{Severities.Name(w.Severity[c])}</td><td>{Money(p.Ead[c])}</td><td "
                    + $"class=\"t\">{HtmlEncode(FiveCategories.Label(w.FiveCategory[c]))}</td><td>{w.Ifrs9Stage[c]}</td><td class=\"t "
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
        var m = input.Result.EarlyWarnings.MaturityNotices;
        var a = input.Loaded.Data.Accounts;
        var ids = input.Loaded.Data.Customers.Ids;
        string?[]? names = null;
        if (input.IncludeNames && input.Loaded.ConfidentialValues.TryGetValue("customer_name", out var n))
        {
            names = n;
        }

        double total = 0;
        for (int i = 0; i < m.Count; i++)
        {
            total += m.AmountDue[i];
        }

        var order = DescendingOrder.Of(m.AmountDue);

        int asOf = input.Config.AsOf.DayNumber;
        _html.Append("<h2 id=\"maturities\">Maturity notices</h2>\n");
        Append($"<p><b>{m.Count:N0}</b> loans mature within {input.Config.EarlyWarning.MaturityNoticeDays} days after "
            + $"{input.Config.AsOf:yyyy-MM-dd}, with {Money(total)} due (end balance + interest arrears).</p>\n");
        if (m.Count == 0)
        {
            return;
        }

        Append($"<h3>Top {Math.Min(HtmlReport.TopRows, m.Count):N0} by amount due</h3>\n<table><tr><th "
            + $"class=\"t\">customer_id</th>{(names is null ? "" : "<th class=\"t\">customer_name</th>")}<th "
            + $"class=\"t\">account_id</th><th>maturity date</th><th>days left</th><th>amount due</th></tr>");
        for (int k = 0; k < Math.Min(HtmlReport.TopRows, m.Count); k++)
        {
            int i = order[k];
            string name = names is null ? "" : $"<td class=\"t\">{HtmlEncode(names[m.Customer[i]] ?? "")}</td>";
            Append($"<tr><td class=\"t\">{HtmlEncode(ids[m.Customer[i]])}</td>{name}"
                + $"<td class=\"t\">{HtmlEncode(a.AccountId[m.Account[i]])}</td>"
                + $"<td>{DateOnly.FromDayNumber(m.MaturityDate[i]):yyyy-MM-dd}</td><td>{m.MaturityDate[i] - asOf}</td>"
                + $"<td>{Money(m.AmountDue[i])}</td></tr>");
        }

        _html.Append("</table>\n");
    }
}
