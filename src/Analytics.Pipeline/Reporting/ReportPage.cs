using System.Globalization;
using System.Net;
using System.Text;

namespace Analytics.Pipeline.Reporting;

/// <summary>Builds the HTML of one report; one instance per render.</summary>
internal sealed partial class ReportPage(ReportInput input)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

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
        var facts = input.Facts;
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        _html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Append($"<title>Customer profitability {config.Period.Start:yyyy-MM-dd} to {config.Period.End:yyyy-MM-dd}</title>");
        _html.Append("<style>").Append(Css).Append("</style></head>\n<body>\n");
        Append($"<h1>Customer profitability — {config.Period.Start:yyyy-MM-dd} to {config.Period.End:yyyy-MM-dd}</h1>");
        Append($"<p class=\"sub\">As of {config.AsOf:yyyy-MM-dd} · {config.PeriodDays} days (Y = {config.YearFraction:0.######}) · "
            + $"amounts in {HtmlEncode(config.ReportingCurrency)} · {facts.CustomerCount:N0} customers · "
            + $"engine {HtmlEncode(RunManifest.EngineVersion)}</p>\n");

        var whale = WhaleCurve.Compute(facts.Eva);
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

    private void Chart(string svg, string widthClass)
    {
        // The size class caps the drawing at its natural width; the svg element itself scales with the page.
        _html.Append(svg.Replace("class=\"chart\"", $"class=\"chart {widthClass}\"", StringComparison.Ordinal));
    }

    private void Append(ref InvariantString text) => _html.Append(text.ToStringAndClear());

    private static string HtmlEncode(string text) => WebUtility.HtmlEncode(text);

    private static string Neg(double value) => value < 0 ? " class=\"neg\"" : "";

    private static string YesNo(bool ok) => ok ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">NO</span>";

    // Rounding a small negative to "-0" would read as a loss of nothing; show plain 0.
    private static string Money(double value) => Math.Round(value) == 0 ? "0" : value.ToString("N0", Invariant);

    private static string Money2(double value) => value.ToString("N2", Invariant);

    private static string Rate(double value) => double.IsNaN(value) ? "–" : value.ToString("P2", Invariant);

    private static string Rate3(double value) => double.IsNaN(value) ? "–" : value.ToString("P3", Invariant);

    private static string Fixed(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, Invariant);

    private static string Share(int rank, int n) => n == 0 ? "–" : ((double)rank / n).ToString("P1", Invariant);
}
