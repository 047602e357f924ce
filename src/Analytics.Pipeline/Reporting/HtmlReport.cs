using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.IO.Validation;
using Analytics.IO.Writing;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// <c>report.html</c>: a self-contained, offline summary of the run (no scripts or fonts from the network).
/// Customer ids only; names never appear unless the run was asked to include them.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(string path, LoadedPortfolio loaded, ScoringResult result, EngineConfig config, IReadOnlyList<OutputTable> tables, ReconciliationReport reconciliation, bool includeNames)
    {
        _ = includeNames;
        var ci = CultureInfo.InvariantCulture;
        var p = result.Profitability;
        double eva = 0, revenue = 0;
        for (int i = 0; i < p.CustomerCount; i++)
        {
            eva += p.Eva[i];
            revenue += p.Revenue[i];
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Customer profitability run</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>");
        html.Append(ci, $"<h1>Customer profitability — {config.Period.Start:yyyy-MM-dd} to {config.Period.End:yyyy-MM-dd}</h1>");
        html.Append(ci, $"<p>Customers: {p.CustomerCount:N0}. Total revenue: {revenue:N2} {WebUtility.HtmlEncode(config.ReportingCurrency)}. Total EVA: {eva:N2}. Reconciliation: {(reconciliation.Balanced ? "balanced" : "UNBALANCED")}.</p>");
        html.Append("<h2>Outputs</h2><table><tr><th>table</th><th>rows</th></tr>");
        foreach (var t in tables)
        {
            html.Append(ci, $"<tr><td>{t.Name}</td><td>{t.RowCount:N0}</td></tr>");
        }

        html.Append("</table><h2>Inputs</h2><table><tr><th>table</th><th>read</th><th>accepted</th><th>rejected</th><th>out of period</th></tr>");
        foreach (var s in loaded.Stats)
        {
            html.Append(ci, $"<tr><td>{s.Table}</td><td>{s.RowsRead:N0}</td><td>{s.Accepted:N0}</td><td>{s.Rejected:N0}</td><td>{s.OutOfPeriod:N0}</td></tr>");
        }

        html.Append("</table></body></html>");
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
    }
}
