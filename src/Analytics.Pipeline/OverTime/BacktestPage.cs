using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Core.OverTime;

namespace Analytics.Pipeline.OverTime;

/// <summary>
/// backtest.html: one self-contained, offline page (inline CSS and SVG, no scripts, fonts or links) with the table
/// of signals, the lead-time distribution of each signal and the cumulative accuracy profile of severity.
/// </summary>
internal static class BacktestPage
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Render(BacktestResult result, IReadOnlyList<BacktestRun> runs)
    {
        var first = runs.Min(r => r.AsOf);
        var last = runs.Max(r => r.AsOf);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Early-warning back-test</title><style>");
        html.Append("body{font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;color:#1d2731;margin:0;padding:24px 32px;font-size:14px}");
        html.Append("h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #d5dbe1;padding-bottom:4px;margin-top:28px}");
        html.Append("table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #d5dbe1;padding:4px 8px;text-align:right}th{background:#f6f8fa}");
        html.Append("td.t,th.t{text-align:left}p.note{color:#5f6b76;font-size:12.5px;max-width:1000px}svg{border:1px solid #d5dbe1;border-radius:6px;background:#fff}");
        html.Append("</style></head>\n<body>\n");
        html.Append(Ci, $"<h1>Early-warning back-test — {first:yyyy-MM-dd} to {last:yyyy-MM-dd}</h1>\n");
        html.Append(Ci, $"<p>{result.Runs} runs · {result.Observations:N0} customer-runs not in default · {result.DefaultingObservations:N0} of them followed by default within {result.HorizonMonths} months · ");
        int events = result.Signals.Count == 0 ? 0 : result.Signals[^1].Defaults;
        html.Append(Ci, $"{events:N0} default events.</p>\n");
        if (events == 0)
        {
            html.Append("<p><b>No customer entered default in this series</b>, so capture rates, lead times and the accuracy ratio are not defined.</p>\n");
        }

        html.Append("<h2>Signals</h2>\n<table><tr><th class=\"t\">signal</th><th>flagged</th><th>defaulted</th><th>hit rate</th><th>captured</th><th>capture rate</th><th>median lead (months)</th><th>accuracy ratio</th><th class=\"t\">note</th></tr>");
        foreach (var s in result.Signals)
        {
            html.Append(Ci, $"<tr><td class=\"t\">{E(s.Signal)}</td><td>{s.Flagged:N0}</td><td>{s.Defaulted:N0}</td><td>{Pct(s.HitRate)}</td><td>{s.Captured:N0} of {s.Defaults:N0}</td><td>{Pct(s.CaptureRate)}</td><td>{Num(s.MedianLeadMonths, "0.#")}</td><td>{Num(s.AccuracyRatio, "0.000")}</td><td class=\"t\">{E(s.Note)}</td></tr>");
        }

        html.Append("</table>\n");
        html.Append("<p class=\"note\">A customer-run is one customer at one run while not in default. <b>Hit rate</b> = flagged customer-runs followed by default within the horizon ÷ flagged customer-runs. ")
            .Append("<b>Capture rate</b> = default events the signal flagged at some run within the horizon before them ÷ default events with such a run. ")
            .Append("<b>Lead</b> = calendar months from the first flag in that window to the run where the customer is first in default. ")
            .Append("<b>Accuracy ratio</b> = 2·AUC − 1 of severity (none &lt; watch &lt; warning &lt; critical) as a ranking of the customer-runs, ties counted half: 0 is no better than chance, 1 is perfect. ")
            .Append("In default = PD 1 after flooring or more than 90 days past due.</p>\n");

        html.Append("<h2>Cumulative accuracy profile (severity)</h2>\n");
        html.Append(Cap(result));
        html.Append("<h2>Lead-time distribution</h2>\n<p class=\"note\">Captured default events by months of warning, per signal.</p>\n<table><tr><th class=\"t\">signal</th><th class=\"t\">lead months (1 … horizon)</th></tr>");
        foreach (var s in result.Signals)
        {
            html.Append(Ci, $"<tr><td class=\"t\">{E(s.Signal)}</td><td class=\"t\">{(s.LeadMonths.Length == 0 ? E(s.Note.Length > 0 ? s.Note : "no default captured") : Histogram(s.LeadMonths, result.HorizonMonths))}</td></tr>");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    private static string Cap(BacktestResult result)
    {
        const int size = 360, pad = 40;
        double Px(double v) => pad + v * (size - 2 * pad);
        double Py(double v) => size - pad - v * (size - 2 * pad);
        var svg = new StringBuilder();
        svg.Append(Ci, $"<svg viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"Cumulative accuracy profile\"><title>Cumulative accuracy profile</title>");
        svg.Append(Ci, $"<line x1=\"{F(Px(0))}\" y1=\"{F(Py(0))}\" x2=\"{F(Px(1))}\" y2=\"{F(Py(1))}\" stroke=\"#9aa5ae\" stroke-dasharray=\"4 3\"/>");
        if (result.Observations > 0 && result.DefaultingObservations > 0)
        {
            double share = (double)result.DefaultingObservations / result.Observations;
            svg.Append(Ci, $"<polyline fill=\"none\" stroke=\"#2e7d4f\" stroke-dasharray=\"2 2\" points=\"{F(Px(0))},{F(Py(0))} {F(Px(share))},{F(Py(1))} {F(Px(1))},{F(Py(1))}\"/>");
            svg.Append("<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2.5\" points=\"");
            foreach (var (x, y) in result.Cap)
            {
                svg.Append(Ci, $"{F(Px(x))},{F(Py(y))} ");
            }

            svg.Append("\"/>");
        }
        else
        {
            svg.Append(Ci, $"<text x=\"{size / 2}\" y=\"{size / 2}\" text-anchor=\"middle\" font-size=\"12\">no defaults: no profile</text>");
        }

        svg.Append(Ci, $"<text x=\"{size / 2}\" y=\"{size - 8}\" text-anchor=\"middle\" font-size=\"11\">share of customer-runs, worst severity first</text>");
        svg.Append(Ci, $"<text x=\"12\" y=\"{size / 2}\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 12 {size / 2})\">share of defaulting customer-runs</text>");
        svg.Append("</svg>\n<p class=\"note\">Blue: severity; grey dashes: random ranking; green dots: perfect ranking.</p>\n");
        return svg.ToString();
    }

    private static string Histogram(int[] leads, int horizon)
    {
        int max = Math.Max(horizon, leads[^1]);
        var counts = new int[max + 1];
        foreach (int l in leads)
        {
            counts[Math.Clamp(l, 0, max)]++;
        }

        int top = counts.Max();
        const int bar = 14, height = 40;
        var svg = new StringBuilder();
        svg.Append(Ci, $"<svg viewBox=\"0 0 {(max + 1) * bar} {height + 12}\" width=\"{(max + 1) * bar}\" height=\"{height + 12}\" role=\"img\" aria-label=\"lead months\">");
        for (int m = 0; m <= max; m++)
        {
            double h = top == 0 ? 0 : (double)counts[m] / top * height;
            svg.Append(Ci, $"<rect x=\"{m * bar + 1}\" y=\"{F(height - h)}\" width=\"{bar - 2}\" height=\"{F(h)}\" fill=\"#1f5f8b\"><title>{m} months: {counts[m]}</title></rect>");
            svg.Append(Ci, $"<text x=\"{m * bar + bar / 2}\" y=\"{height + 10}\" text-anchor=\"middle\" font-size=\"8\">{m}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Pct(double v) => double.IsNaN(v) ? "–" : v.ToString("P1", Ci);

    private static string Num(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, Ci);

    private static string F(double v) => Math.Round(v, 1).ToString("0.#", Ci);
}
