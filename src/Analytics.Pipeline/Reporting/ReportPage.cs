using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Pipeline.Reporting;

/// <summary>Builds the HTML of one report; one instance per render.</summary>
internal sealed class ReportPage(ReportInput input)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private const string Css = """
        :root{--ink:#1d2731;--muted:#5f6b76;--line:#d5dbe1;--accent:#1f5f8b;--loss:#b23a48;--ok:#2e7d4f;--bg:#f6f8fa}
        *{box-sizing:border-box}
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:var(--ink);margin:0;padding:24px 32px;background:#fff;
          font-size:14px;line-height:1.45}
        h1{font-size:22px;margin:0 0 4px}
        h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
        h3{font-size:15px;margin:20px 0 6px}
        p.sub{color:var(--muted);margin:0 0 16px}
        p.note{color:var(--muted);font-size:12.5px;max-width:1100px}
        .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
        .card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:170px}
        .card .k{color:var(--muted);font-size:12px}
        .card .v{font-size:19px;font-weight:bold}
        .charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        .charts>svg{flex:1 1 560px}
        .chart{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
        .c900{max-width:900px}.c640{max-width:640px}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}
        th,td{border:1px solid var(--line);padding:4px 8px;text-align:right;white-space:nowrap}
        th{background:var(--bg);font-weight:bold}
        td.t,th.t{text-align:left}
        td.neg{color:var(--loss)}
        .ok{color:var(--ok);font-weight:bold}.bad{color:var(--loss);font-weight:bold}
        h4{font-size:14px;margin:16px 0 4px}
        td.wrap{white-space:normal}
        td.sev-critical{color:var(--loss);font-weight:bold}td.sev-warning{color:var(--loss)}
        @media (max-width:1000px){
          body{padding:12px 10px;font-size:13px}
          table{font-size:11.5px}
          th,td{padding:3px 4px;white-space:normal;overflow-wrap:anywhere}
          .card{min-width:140px}
          .charts>svg{flex:1 1 100%}
        }
        """;

    private readonly StringBuilder _html = new(64 * 1024);

    public string Build()
    {
        var config = input.Config;
        var p = input.Result.Profitability;
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        _html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Append($"<title>Customer profitability {config.Period.Start:yyyy-MM-dd} to {config.Period.End:yyyy-MM-dd}</title>");
        _html.Append("<style>").Append(Css).Append("</style></head>\n<body>\n");
        Append($"<h1>Customer profitability — {config.Period.Start:yyyy-MM-dd} to {config.Period.End:yyyy-MM-dd}</h1>");
        Append($"<p class=\"sub\">As of {config.AsOf:yyyy-MM-dd} · {config.PeriodDays} days (Y = {config.YearFraction:0.######}) · "
            + $"amounts in {E(config.ReportingCurrency)} · {p.CustomerCount:N0} customers · engine {E(RunManifest.EngineVersion)}</p>\n");

        var whale = WhaleCurve.Compute(p.Eva);
        KeyFigures(whale);
        Whale(whale);
        Distributions();
        RevenueMix();
        _html.Append(BridgeSection.Html(input));
        // Charts and summaries first, the long top-50 lists after them.
        EarlyWarnings();
        Segments();
        MaturityNotices();
        Pricing();
        RunSummary();
        _html.Append("</body></html>\n");
        return _html.ToString();
    }

    private void KeyFigures(WhaleCurve whale)
    {
        var p = input.Result.Profitability;
        double revenue = 0, eva = 0, capital = 0, nopat = 0;
        int valueCreating = 0;
        for (int c = 0; c < p.CustomerCount; c++)
        {
            revenue += p.Revenue[c];
            eva += p.Eva[c];
            capital += p.Capital[c];
            nopat += p.Nopat[c];
            if (p.Eva[c] > 0) valueCreating++;
        }

        int flagged = 0;
        foreach (var s in input.Result.EarlyWarnings.Severity)
        {
            if (s >= Severity.Warning) flagged++;
        }

        double raroc = capital > 0 ? nopat / input.Config.YearFraction / capital : double.NaN;
        _html.Append("<div class=\"cards\">");
        Card("Revenue", Money(revenue));
        Card("EVA", Money(eva), eva < 0);
        Card("Capital", Money(capital));
        Card("Portfolio RAROC", Rate(raroc));
        Card("Value-creating customers", string.Create(Ci, $"{valueCreating:N0} of {p.CustomerCount:N0}"));
        Card("Gini of EVA", Fixed(whale.Gini, "0.000"));
        Card("Warning or critical", flagged.ToString("N0", Ci), flagged > 0);
        Card("Reconciliation", input.Reconciliation.Balanced ? "balanced" : "UNBALANCED", !input.Reconciliation.Balanced);
        _html.Append("</div>\n");
    }

    private void Card(string key, string value, bool bad = false) =>
        Append($"<div class=\"card\"><div class=\"k\">{E(key)}</div><div class=\"v{(bad ? " bad" : "")}\">{E(value)}</div></div>");

    private void Whale(WhaleCurve whale)
    {
        int n = whale.CustomerCount;
        _html.Append("<h2 id=\"whale\">Whale curve</h2>\n");
        Chart(ReportCharts.Whale(whale, input.Config.ReportingCurrency), "c900");
        if (whale.TotalEva > 0)
        {
            Append($"<p>The top <b>{whale.BreakEvenRank:N0}</b> customers ({Share(whale.BreakEvenRank, n)}) earn the portfolio's whole "
                + $"EVA of {Money(whale.TotalEva)}. ");
            Append($"The <b>{whale.PeakRank:N0}</b> value-creating customers ({Share(whale.PeakRank, n)}) earn {Money(whale.PeakEva)} = "
                + $"<b>{100 * whale.Share(whale.PeakRank):0.#}%</b> of it; the rest give back {Money(whale.PeakEva - whale.TotalEva)}. ");
            Append($"Gini of EVA: <b>{Fixed(whale.Gini, "0.000")}</b>.</p>\n");
        }
        else
        {
            Append($"<p>The portfolio's EVA is {Money(whale.TotalEva)} (not positive), so the curve shows cumulative EVA in "
                + $"{E(input.Config.ReportingCurrency)} rather than shares, and the Gini is not defined. ");
            Append($"The <b>{whale.PeakRank:N0}</b> value-creating customers ({Share(whale.PeakRank, n)}) earn "
                + $"{Money(whale.PeakEva)}.</p>\n");
        }

        _html.Append("<p class=\"note\">Customers are ranked by EVA, best first (ties by customer_id). C(k) is the EVA of the top k. ")
            .Append("<b>Peak</b>: the largest C(k), reached at the smallest such k (the customers with positive EVA). ")
            .Append("<b>Break-even rank</b>: the smallest k with C(k) ≥ C(N): the top k earn the whole portfolio's EVA and everyone "
                + "ranked after them, together, earns nothing or destroys value. ")
            .Append("<b>Gini</b> = 2 × the area between the whale curve (in shares of total EVA) and the diagonal, by the trapezoid rule "
                + "over the N + 1 points: ")
            .Append("Σ<sub>k=1..N</sub> (C(k−1) + C(k)) / (N · C(N)) − 1. With no negative EVA it equals the usual Gini coefficient (0 = "
                + "every customer earns the same, → 1 = one customer earns everything); ")
            .Append("loss-making customers push it above 1. Not defined when total EVA ≤ 0.</p>\n");
    }

    private void Distributions()
    {
        var p = input.Result.Profitability;
        _html.Append("<h2 id=\"distributions\">EVA and RAROC distributions</h2>\n<div class=\"charts\">");
        var eva = BinnedCounts.Of(p.Eva);
        var raroc = BinnedCounts.Of(p.Raroc);
        Chart(ReportCharts.Histogram(ReportCharts.EvaHistogramId, "EVA per customer", $"EVA ({input.Config.ReportingCurrency})", eva,
            SvgChart.Compact), "c640");
        Chart(ReportCharts.Histogram(ReportCharts.RarocHistogramId, "RAROC per customer", "RAROC (annual)", raroc, v =>
            (100 * v).ToString("0.##", Ci) + "%"), "c640");
        _html.Append("</div>\n");
        int noCapital = 0;
        foreach (double r in p.Raroc)
        {
            if (double.IsNaN(r)) noCapital++;
        }

        Append($"<p class=\"note\">Bars span the values within Tukey's far fences (Q1 − 3·IQR to Q3 + 3·IQR); {eva.Below:N0} customers "
            + $"below and {eva.Above:N0} above that EVA range, and {raroc.Below:N0} below and {raroc.Above:N0} above the RAROC range, "
            + $"are counted in the end bars. ");
        Append($"RAROC is not defined for {noCapital:N0} customers without capital (no credit exposure and no positive revenue); they "
            + $"are left out of its chart.</p>\n");
        ExtremeRarocs(p);
    }

    /// <summary>Why some RAROCs are extreme: the ratio divides by capital, which is tiny for a customer with little credit
    /// exposure (docs/METHODOLOGY.md §3.9).</summary>
    private void ExtremeRarocs(Core.Profitability.ProfitabilityResult p)
    {
        int extreme = 0, withoutCredit = 0;
        for (int i = 0; i < p.Raroc.Length; i++)
        {
            double r = p.Raroc[i];
            if (r > 1.0 || r < -0.5)
            {
                extreme++;
                if (p.CreditCapital[i] <= 0.1 * p.Capital[i]) withoutCredit++;
            }
        }

        Append($"<p class=\"note\" id=\"extreme-raroc\">Extreme RAROCs: {extreme:N0} customers have a RAROC above +100 % or below "
            + $"−50 %, {withoutCredit:N0} of them with little or no credit capital (less than a tenth of their capital). RAROC is the "
            + $"risk-adjusted return divided by economic capital, so a customer with almost no loans — deposits and fees only — holds "
            + $"only operational capital (a share of its revenue), and a small profit or loss becomes a huge ratio. For such customers "
            + $"read EVA, which does not divide by capital.</p>\n");
    }

    private void RevenueMix()
    {
        var p = input.Result.Profitability;
        double nii = 0, fees = 0, cross = 0, cost = 0, el = 0, charge = 0, tax = 0, eva = 0;
        for (int c = 0; c < p.CustomerCount; c++)
        {
            nii += p.Nii[c];
            fees += p.FeeIncome[c];
            cross += p.CrossSellRevenue[c];
            cost += p.OperatingCost[c];
            el += p.ExpectedLoss[c];
            charge += p.CapitalCharge[c];
            tax += p.PreTaxProfit[c] - p.Nopat[c];
            eva += p.Eva[c];
        }

        _html.Append("<h2 id=\"revenue\">Revenue mix and the path to EVA</h2>\n<div class=\"charts\">");
        Chart(ReportCharts.Bars(ReportCharts.RevenueMixId, "Revenue by source", input.Config.ReportingCurrency,
            ["net interest income", "fee income", "cross-sell revenue"], [nii, fees, cross], horizontal: false, SvgChart.Compact, 640, 380),
                "c640");
        _html.Append("<table><tr><th class=\"t\">portfolio</th><th>amount</th><th>share of revenue</th></tr>");
        double revenue = nii + fees + cross;
        foreach (var (label, value) in new[]
        {
            ("net interest income", nii), ("+ fee income", fees), ("+ cross-sell revenue", cross), ("= revenue", revenue),
            ("− operating cost", cost), ("− expected loss", el), ("− tax", tax), ("− capital charge", charge), ("= EVA", eva),
        })
        {
            Append($"<tr><td class=\"t\">{E(label)}</td><td{Neg(value)}>{Money(value)}</td>"
                + $"<td>{(revenue != 0 ? Rate(value / revenue) : "–")}</td></tr>");
        }

        _html.Append("</table></div>\n");
    }

    private void Segments()
    {
        var config = input.Config;
        var s = input.Result.Segments;
        var p = input.Result.Profitability;
        var tiers = config.Segmentation.Tiers;
        var bands = config.Segmentation.RiskBands;
        var count = new int[tiers.Count, bands.Count];
        var eva = new double[tiers.Count, bands.Count];
        for (int c = 0; c < s.CustomerCount; c++)
        {
            count[s.TierIndex[c], s.RiskBandIndex[c]]++;
            eva[s.TierIndex[c], s.RiskBandIndex[c]] += p.Eva[c];
        }

        _html.Append("<h2 id=\"segments\">Segments</h2>\n<h3>Tier × risk band: customers and EVA</h3>\n<table><tr><th "
            + "class=\"t\">tier \\ band</th>");
        foreach (var b in bands)
        {
            Append($"<th>{E(b.Name)}</th>");
        }

        _html.Append("<th>all bands</th></tr>");
        var bandCount = new int[bands.Count];
        var bandEva = new double[bands.Count];
        for (int t = 0; t < tiers.Count; t++)
        {
            Append($"<tr><th class=\"t\">{E(tiers[t].Name)}</th>");
            int rowCount = 0;
            double rowEva = 0;
            for (int b = 0; b < bands.Count; b++)
            {
                MatrixCell(count[t, b], eva[t, b]);
                rowCount += count[t, b];
                rowEva += eva[t, b];
                bandCount[b] += count[t, b];
                bandEva[b] += eva[t, b];
            }

            MatrixCell(rowCount, rowEva);
            _html.Append("</tr>");
        }

        _html.Append("<tr><th class=\"t\">all tiers</th>");
        int allCount = 0;
        double allEva = 0;
        for (int b = 0; b < bands.Count; b++)
        {
            MatrixCell(bandCount[b], bandEva[b]);
            allCount += bandCount[b];
            allEva += bandEva[b];
        }

        MatrixCell(allCount, allEva);
        _html.Append("</tr></table>\n<p class=\"note\">Each cell: number of customers, then their EVA. Bands include the early-warning "
            + "raise (warning → at least the middle band, critical → the last).</p>\n");

        _html.Append("<h3>Behaviour clusters</h3>\n<table><tr><th>id</th><th class=\"t\">label</th><th>customers</th><th>loan "
            + "balance</th><th>deposit balance</th><th>fee share</th><th>cross-sell share</th><th>products "
            + "held</th><th>utilisation</th><th>mean EVA</th><th>mean RAROC</th></tr>");
        foreach (var c in s.Profiles)
        {
            Append($"<tr><td>{c.ClusterId}</td><td class=\"t\">{E(c.Label)}</td><td>{c.Size:N0}</td><td>{Money(c.LoanBalance)}</td>"
                + $"<td>{Money(c.DepositBalance)}</td><td>{Rate(c.FeeShare)}</td><td>{Rate(c.CrossSellShare)}</td>"
                + $"<td>{c.ProductsHeld:0.00}</td><td>{Rate(c.Utilization)}</td><td{Neg(c.MeanEva)}>{Money(c.MeanEva)}</td>"
                + $"<td>{Rate(c.MeanRaroc)}</td></tr>");
        }

        _html.Append("</table>\n<p class=\"note\">Centroids in original units: the members' mean of each clustering feature.</p>\n");
    }

    private void MatrixCell(int count, double eva) =>
        Append($"<td{Neg(eva)}>{count:N0}<br>{Money(eva)}</td>");

    private void Pricing()
    {
        var loans = input.Result.Segments.UnderpricedLoans;
        var a = input.Loaded.Data.Accounts;
        var ids = input.Loaded.Data.Customers.Ids;
        var customers = new HashSet<int>();
        var shortfall = new double[loans.Count];
        double totalShortfall = 0;
        for (int i = 0; i < loans.Count; i++)
        {
            customers.Add(loans[i].Customer);
            shortfall[i] = loans[i].AnnualShortfall(a.AverageBalance[loans[i].Account]);
            totalShortfall += shortfall[i];
        }

        // Largest annual shortfall first; ties in output order (customer_id, account_id), so the pick is deterministic.
        var order = DescendingOrder.Of(shortfall);

        _html.Append("<h2 id=\"pricing\">Underpriced loans</h2>\n");
        Append($"<p><b>{loans.Count:N0}</b> loans and overdrafts of <b>{customers.Count:N0}</b> customers carry a client rate below "
            + $"their own EVA-neutral floor; at their average balances the gap is {Money(totalShortfall)} a year.</p>\n");
        if (loans.Count == 0)
        {
            return;
        }

        Append($"<h3>Top {Math.Min(HtmlReport.TopRows, loans.Count):N0} by annual shortfall</h3>\n");
        _html.Append("<table><tr><th class=\"t\">customer_id</th><th class=\"t\">account_id</th><th class=\"t\">type</th><th>average "
            + "balance</th><th>client rate</th><th>floor rate</th><th>gap (bps)</th><th>annual shortfall</th></tr>");
        for (int k = 0; k < Math.Min(HtmlReport.TopRows, loans.Count); k++)
        {
            var l = loans[order[k]];
            Append($"<tr><td class=\"t\">{E(ids[l.Customer])}</td><td class=\"t\">{E(a.AccountId[l.Account])}</td>"
                + $"<td class=\"t\">{ProductTypes.Name(a.Type[l.Account])}</td><td>{Money(a.AverageBalance[l.Account])}</td>"
                + $"<td>{Rate3(l.ClientRate)}</td><td>{Rate3(l.FloorRate)}</td><td>{l.GapBps:0.0}</td>"
                + $"<td>{Money(shortfall[order[k]])}</td></tr>");
        }

        _html.Append("</table>\n<p class=\"note\">Annual shortfall = (floor − client rate) × average balance. The full list is in "
            + "underpriced_loans.</p>\n");
    }

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
            horizontal: false, v => v.ToString("N0", Ci), 640, 380), "c640");
        Chart(ReportCharts.Bars(ReportCharts.ReasonsId, "Fired reasons by code", "customers", labels, values,
            horizontal: true, v => v.ToString("N0", Ci), 640, 520), "c640");
        _html.Append("</div>\n<h3>Five-category classification and IFRS 9 stage</h3>\n<table><tr>");
        foreach (FiveCategory f in Enum.GetValues<FiveCategory>())
        {
            Append($"<th>{E(FiveCategories.Label(f))}</th>");
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
            Append($"<h4>{E(manager)} · {group.Customers.Length:N0} customers · EAD {Money(exposure)}</h4>\n");
            _html.Append("<table class=\"watch\"><tr><th class=\"t\">customer_id</th><th class=\"t\">severity</th><th>EAD</th><th "
                + "class=\"t\">five-category</th><th>IFRS 9</th><th class=\"t\">reasons: value vs threshold</th></tr>");
            foreach (int c in group.Customers)
            {
                var evidence = new StringBuilder();
                for (int i = firstReason[c]; i < firstReason[c + 1]; i++)
                {
                    if (evidence.Length > 0) evidence.Append("<br>");
                    evidence.Append(E(reasons.ReasonCode[i])).Append(' ').Append(Evidence(reasons.Value[i])).Append(" vs ")
                        .Append(Evidence(reasons.Threshold[i]));
                }

                Append($"<tr><td class=\"t\">{E(ids[c])}</td><td class=\"t "
                    + $"sev-{Severities.Name(w.Severity[c])}\">{Severities.Name(w.Severity[c])}</td><td>{Money(p.Ead[c])}</td><td "
                    + $"class=\"t\">{E(FiveCategories.Label(w.FiveCategory[c]))}</td><td>{w.Ifrs9Stage[c]}</td><td class=\"t "
                    + $"wrap\">{evidence}</td></tr>");
            }

            _html.Append("</table>\n");
        }

        _html.Append("<p class=\"note\">Evidence: the figure that fired the reason and the bound it crossed (docs/EARLY_WARNING.md); a "
            + "missing figure is –. EAD is the customer's exposure at default in the reporting currency.</p>\n");
    }

    private static string Evidence(double value) =>
        double.IsNaN(value) ? "–" : Math.Abs(value) >= 10_000 ? value.ToString("N0", Ci) : value.ToString("0.###", Ci);

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
            string name = names is null ? "" : $"<td class=\"t\">{E(names[m.Customer[i]] ?? "")}</td>";
            Append($"<tr><td class=\"t\">{E(ids[m.Customer[i]])}</td>{name}<td class=\"t\">{E(a.AccountId[m.Account[i]])}</td>"
                + $"<td>{DateOnly.FromDayNumber(m.MaturityDate[i]):yyyy-MM-dd}</td><td>{m.MaturityDate[i] - asOf}</td>"
                + $"<td>{Money(m.AmountDue[i])}</td></tr>");
        }

        _html.Append("</table>\n");
    }

    private void RunSummary()
    {
        var r = input.Reconciliation;
        _html.Append("<h2 id=\"run\">Data and run</h2>\n");
        Append($"<p>Reconciliation: <span class=\"{(r.Balanced ? "ok" : "bad")}\">{(r.Balanced ? "balanced" : "UNBALANCED")}</span> · "
            + $"rows rejected {r.RejectRows:N0}, written to rejects {r.RejectsWritten:N0}.</p>\n");
        _html.Append("<table><tr><th class=\"t\">table</th><th>rows read</th><th>accepted</th><th>rejected</th><th>out of "
            + "period</th><th>balanced</th></tr>");
        foreach (var row in r.Rows)
        {
            Append($"<tr><td class=\"t\">{E(row.Table)}{(row.Present ? "" : " (absent)")}</td><td>{row.RowsRead:N0}</td>"
                + $"<td>{row.Accepted:N0}</td><td>{row.Rejected:N0}</td><td>{row.OutOfPeriod:N0}</td><td>{YesNo(row.Balanced)}</td></tr>");
        }

        _html.Append("</table>\n<table><tr><th class=\"t\">money check</th><th>input total</th><th>output "
            + "total</th><th>balanced</th></tr>");
        foreach (var m in r.Money)
        {
            Append($"<tr><td "
                + $"class=\"t\">{E(m.Name)}</td><td>{Money2(m.Input)}</td><td>{Money2(m.Output)}</td><td>{YesNo(m.Balanced)}</td></tr>");
        }

        _html.Append("</table>\n<h3>Manifest summary</h3>\n");
        Append($"<p>Engine analytics {E(RunManifest.EngineVersion)}");
        if (input.ConfigFile is not null)
        {
            Append($" · config {E(input.ConfigFile)}");
        }

        if (input.ConfigSha256 is not null)
        {
            Append($" (SHA-256 <code>{E(input.ConfigSha256)}</code>)");
        }

        _html.Append(". Stage timings and file hashes are in manifest.json; they are left out here so that the same run writes the "
            + "same report.</p>\n");
        _html.Append("<table><tr><th class=\"t\">input table</th><th class=\"t\">file</th><th>rows</th></tr>");
        foreach (var s in input.Loaded.Stats)
        {
            foreach (var (file, rows) in s.Files)
            {
                Append($"<tr><td class=\"t\">{E(s.Table)}</td><td class=\"t\">{E(file)}</td><td>{rows:N0}</td></tr>");
            }
        }

        _html.Append("</table>\n<table><tr><th class=\"t\">output table</th><th>rows</th></tr>");
        foreach (var t in input.Tables)
        {
            Append($"<tr><td class=\"t\">{E(t.Name)}</td><td>{t.RowCount:N0}</td></tr>");
        }

        _html.Append("</table>\n");
    }

    private void Chart(string svg, string widthClass)
    {
        // The size class caps the drawing at its natural width; the svg element itself scales with the page.
        _html.Append(svg.Replace("class=\"chart\"", $"class=\"chart {widthClass}\"", StringComparison.Ordinal));
    }

    private void Append(ref InvariantString text) => _html.Append(text.ToStringAndClear());

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Neg(double value) => value < 0 ? " class=\"neg\"" : "";

    private static string YesNo(bool ok) => ok ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">NO</span>";

    // Rounding a small negative to "-0" would read as a loss of nothing; show plain 0.
    private static string Money(double value) => Math.Round(value) == 0 ? "0" : value.ToString("N0", Ci);

    private static string Money2(double value) => value.ToString("N2", Ci);

    private static string Rate(double value) => double.IsNaN(value) ? "–" : value.ToString("P2", Ci);

    private static string Rate3(double value) => double.IsNaN(value) ? "–" : value.ToString("P3", Ci);

    private static string Fixed(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, Ci);

    private static string Share(int rank, int n) => n == 0 ? "–" : ((double)rank / n).ToString("P1", Ci);
}
