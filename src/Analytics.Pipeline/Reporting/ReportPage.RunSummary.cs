namespace Analytics.Pipeline.Reporting;

/// <summary>The closing "Data and run" section: reconciliation, manifest summary, input and output tables.</summary>
internal sealed partial class ReportPage
{
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
            Append($"<tr><td class=\"t\">{HtmlEncode(row.Table)}{(row.Present ? "" : " (absent)")}</td><td>{row.RowsRead:N0}</td>"
                + $"<td>{row.Accepted:N0}</td><td>{row.Rejected:N0}</td><td>{row.OutOfPeriod:N0}</td><td>{YesNo(row.Balanced)}</td></tr>");
        }

        _html.Append("</table>\n<table><tr><th class=\"t\">money check</th><th>input total</th><th>output "
            + "total</th><th>balanced</th></tr>");
        foreach (var m in r.Money)
        {
            Append($"<tr><td "
                + $"class=\"t\">{HtmlEncode(m.Name)}</td><td>{Money2(m.Input)}</td><td>{Money2(m.Output)}</td>"
                + $"<td>{YesNo(m.Balanced)}</td></tr>");
        }

        _html.Append("</table>\n<h3>Manifest summary</h3>\n");
        Append($"<p>Engine analytics {HtmlEncode(RunManifest.EngineVersion)}");
        if (input.ConfigFile is not null)
        {
            Append($" · config {HtmlEncode(input.ConfigFile)}");
        }

        if (input.ConfigSha256 is not null)
        {
            Append($" (SHA-256 <code>{HtmlEncode(input.ConfigSha256)}</code>)");
        }

        _html.Append(". Stage timings and file hashes are in manifest.json; they are left out here so that the same run writes the "
            + "same report.</p>\n");
        _html.Append("<table><tr><th class=\"t\">input table</th><th class=\"t\">file</th><th>rows</th></tr>");
        foreach (var s in input.Loaded.Stats)
        {
            foreach (var (file, rows) in s.Files)
            {
                Append($"<tr><td class=\"t\">{HtmlEncode(s.Table)}</td><td class=\"t\">{HtmlEncode(file)}</td><td>{rows:N0}</td></tr>");
            }
        }

        _html.Append("</table>\n<table><tr><th class=\"t\">output table</th><th>rows</th></tr>");
        foreach (var t in input.Tables)
        {
            Append($"<tr><td class=\"t\">{HtmlEncode(t.Name)}</td><td>{t.RowCount:N0}</td></tr>");
        }

        _html.Append("</table>\n");
    }
}
