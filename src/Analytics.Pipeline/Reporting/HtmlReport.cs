using System.Text;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// <c>report.html</c>: the analyst's and risk officer's view of a run, in one self-contained, offline file — inline
/// CSS, charts as inline SVG, no scripts, fonts, images or links to the network. Customers appear by id; a name
/// appears only in the maturity-notice table and only when the run was asked to include names.
/// </summary>
/// <remarks>
/// Deterministic: the page is a function of the inputs and the config, so the same run writes the same bytes. It
/// therefore shows the period and as_of but no clock time, run id or stage timings (those are in manifest.json).
/// </remarks>
internal static class HtmlReport
{
    /// <summary>Rows shown in the "top" tables (maturity notices, underpriced loans).</summary>
    public const int TopRows = 50;

    /// <summary>Customers shown in the watch list by relationship manager (critical first, then by EAD); the rest are in the
    /// tables.</summary>
    public const int WatchListRows = 300;

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, no byte-order mark).</summary>
    public static void Write(string path, ReportInput input) =>
        File.WriteAllText(path, Render(input), new UTF8Encoding(false));

    /// <summary>Renders the report.</summary>
    public static string Render(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = new ReportPage(input);
        return page.Build();
    }
}
