using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// The profitability sections of the report: key figures, whale curve, distributions, revenue mix, segments and
/// underpriced loans.
/// </summary>
internal sealed partial class ReportPage
{
    private void KeyFigures(WhaleCurve whale)
    {
        var f = input.Facts;
        double revenue = f.Revenue.Value(), eva = f.EvaSum.Value(), capital = f.Capital.Value(), nopat = f.Nopat.Value();
        int valueCreating = f.ValueCreating;
        int flagged = f.SeverityCount[(int)Severity.Warning] + f.SeverityCount[(int)Severity.Critical];

        double raroc = capital > 0 ? nopat / input.Config.YearFraction / capital : double.NaN;
        _html.Append("<div class=\"cards\">");
        Card("Revenue", Money(revenue));
        Card("EVA", Money(eva), eva < 0);
        Card("Capital", Money(capital));
        Card("Portfolio RAROC", Rate(raroc));
        Card("Value-creating customers", string.Create(Invariant, $"{valueCreating:N0} of {f.CustomerCount:N0}"));
        Card("Gini of EVA", Fixed(whale.Gini, "0.000"));
        Card("Warning or critical", flagged.ToString("N0", Invariant), flagged > 0);
        Card("Reconciliation", input.Reconciliation.Balanced ? "balanced" : "UNBALANCED", !input.Reconciliation.Balanced);
        _html.Append("</div>\n");
    }

    private void Card(string key, string value, bool bad = false) =>
        Append($"<div class=\"card\"><div class=\"k\">{HtmlEncode(key)}</div>"
            + $"<div class=\"v{(bad ? " bad" : "")}\">{HtmlEncode(value)}</div></div>");

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
                + $"{HtmlEncode(input.Config.ReportingCurrency)} rather than shares, and the Gini is not defined. ");
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
        var f = input.Facts;
        _html.Append("<h2 id=\"distributions\">EVA and RAROC distributions</h2>\n<div class=\"charts\">");
        var eva = BinnedCounts.Of(f.Eva);
        var raroc = BinnedCounts.Of(f.Raroc);
        Chart(ReportCharts.Histogram(ReportCharts.EvaHistogramId, "EVA per customer", $"EVA ({input.Config.ReportingCurrency})", eva,
            SvgChart.Compact), "c640");
        Chart(ReportCharts.Histogram(ReportCharts.RarocHistogramId, "RAROC per customer", "RAROC (annual)", raroc, v =>
            (100 * v).ToString("0.##", Invariant) + "%"), "c640");
        _html.Append("</div>\n");
        int noCapital = 0;
        foreach (double r in f.Raroc)
        {
            if (double.IsNaN(r)) noCapital++;
        }

        Append($"<p class=\"note\">Bars span the values within Tukey's far fences (Q1 − 3·IQR to Q3 + 3·IQR); {eva.Below:N0} customers "
            + $"below and {eva.Above:N0} above that EVA range, and {raroc.Below:N0} below and {raroc.Above:N0} above the RAROC range, "
            + $"are counted in the end bars. ");
        Append($"RAROC is not defined for {noCapital:N0} customers without capital (no credit exposure and no positive revenue); they "
            + $"are left out of its chart.</p>\n");
        ExtremeRarocs(f);
    }

    /// <summary>Why some RAROCs are extreme: the ratio divides by capital, which is tiny for a customer with little credit
    /// exposure (docs/METHODOLOGY.md §3.9).</summary>
    private void ExtremeRarocs(ReportFacts f)
    {
        int extreme = f.Extreme, withoutCredit = f.ExtremeWithoutCredit;

        Append($"<p class=\"note\" id=\"extreme-raroc\">Extreme RAROCs: {extreme:N0} customers have a RAROC above +100 % or below "
            + $"−50 %, {withoutCredit:N0} of them with little or no credit capital (less than a tenth of their capital). RAROC is the "
            + $"risk-adjusted return divided by economic capital, so a customer with almost no loans — deposits and fees only — holds "
            + $"only operational capital (a share of its revenue), and a small profit or loss becomes a huge ratio. For such customers "
            + $"read EVA, which does not divide by capital.</p>\n");
    }

    private void RevenueMix()
    {
        var f = input.Facts;
        double nii = f.Nii.Value(), fees = f.FeeIncome.Value(), cross = f.CrossSell.Value(), cost = f.OperatingCost.Value();
        double el = f.ExpectedLoss.Value(), charge = f.CapitalCharge.Value(), tax = f.Tax.Value(), eva = f.EvaSum.Value();

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
            Append($"<tr><td class=\"t\">{HtmlEncode(label)}</td><td{Neg(value)}>{Money(value)}</td>"
                + $"<td>{(revenue != 0 ? Rate(value / revenue) : "–")}</td></tr>");
        }

        _html.Append("</table></div>\n");
    }

    private void Segments()
    {
        var config = input.Config;
        var f = input.Facts;
        var tiers = config.Segmentation.Tiers;
        var bands = config.Segmentation.RiskBands;
        var count = new int[tiers.Count, bands.Count];
        var eva = new double[tiers.Count, bands.Count];
        for (int t = 0; t < tiers.Count; t++)
        {
            for (int b = 0; b < bands.Count; b++)
            {
                count[t, b] = f.TierBandCount[t * bands.Count + b];
                eva[t, b] = f.TierBandEva[t * bands.Count + b].Value();
            }
        }

        _html.Append("<h2 id=\"segments\">Segments</h2>\n<h3>Tier × risk band: customers and EVA</h3>\n<table><tr><th "
            + "class=\"t\">tier \\ band</th>");
        foreach (var b in bands)
        {
            Append($"<th>{HtmlEncode(b.Name)}</th>");
        }

        _html.Append("<th>all bands</th></tr>");
        var bandCount = new int[bands.Count];
        var bandEva = new double[bands.Count];
        for (int t = 0; t < tiers.Count; t++)
        {
            Append($"<tr><th class=\"t\">{HtmlEncode(tiers[t].Name)}</th>");
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
        foreach (var c in f.Profiles)
        {
            Append($"<tr><td>{c.ClusterId}</td><td class=\"t\">{HtmlEncode(c.Label)}</td><td>{c.Size:N0}</td>"
                + $"<td>{Money(c.LoanBalance)}</td>"
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
        // Largest annual shortfall first; ties in output order (customer_id, account_id), so the pick is deterministic.
        var f = input.Facts;
        int loanCount = f.LoanCount;
        double totalShortfall = f.ShortfallTotal.Value();

        _html.Append("<h2 id=\"pricing\">Underpriced loans</h2>\n");
        Append($"<p><b>{loanCount:N0}</b> loans and overdrafts of <b>{f.LoanCustomers:N0}</b> customers carry a client rate below "
            + $"their own EVA-neutral floor; at their average balances the gap is {Money(totalShortfall)} a year.</p>\n");
        if (loanCount == 0)
        {
            return;
        }

        Append($"<h3>Top {f.Loans.Length:N0} by annual shortfall</h3>\n");
        _html.Append("<table><tr><th class=\"t\">customer_id</th><th class=\"t\">account_id</th><th class=\"t\">type</th><th>average "
            + "balance</th><th>client rate</th><th>floor rate</th><th>gap (bps)</th><th>annual shortfall</th></tr>");
        foreach (var l in f.Loans)
        {
            Append($"<tr><td class=\"t\">{HtmlEncode(l.Id)}</td><td class=\"t\">{HtmlEncode(l.AccountId)}</td>"
                + $"<td class=\"t\">{ProductTypes.Name(l.Type)}</td><td>{Money(l.AverageBalance)}</td>"
                + $"<td>{Rate3(l.ClientRate)}</td><td>{Rate3(l.FloorRate)}</td><td>{l.GapBps:0.0}</td>"
                + $"<td>{Money(l.Shortfall)}</td></tr>");
        }

        _html.Append("</table>\n<p class=\"note\">Annual shortfall = (floor − client rate) × average balance. The full list is in "
            + "underpriced_loans.</p>\n");
    }
}
