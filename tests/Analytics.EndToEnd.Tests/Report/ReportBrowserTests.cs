using System.Text.RegularExpressions;
using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

/// <summary>
/// report.html in a real browser with the network shut out: every chart renders with marks, and the page asks for
/// nothing from outside. Also takes the screenshot kept at docs/report.png.
/// </summary>
[Collection(ScoredSampleCollection.Name)]
[Trait("Speed", "Slow")]
public sealed partial class ReportBrowserTests(ScoredSample sample)
{
    [Fact]
    public void Every_chart_renders_offline_with_marks()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        string dom = HeadlessChromium.Run(new Uri(sample.ReportPath).AbsoluteUri, "--dump-dom");

        Assert.Contains("Customer profitability — 2026-10-01 to 2026-10-31", dom);
        foreach (string id in ReportCharts.Ids)
        {
            int start = dom.IndexOf($"<svg id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"chart {id} is missing from the rendered DOM");
            int end = dom.IndexOf("</svg>", start, StringComparison.Ordinal);
            string svg = dom[start..end];
            // Background, axes, grid and at least one data mark (line, bar or marker).
            int marks = Marks().Count(svg);
            Assert.True(marks >= 4, $"chart {id} has only {marks} path/rect elements");
            // Data marks are drawn in the report's accent or loss colour (axes and grid are grey or black).
            Assert.True(DataMark().IsMatch(svg), $"chart {id} has no data mark");
        }

        // Nothing in the rendered page points off the machine.
        foreach (Match m in Reference().Matches(dom))
        {
            string target = m.Groups["url"].Value;
            Assert.False(target.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
                || target.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("//", StringComparison.Ordinal),
                $"the report references {target}");
        }
    }

    [Fact]
    public void Screenshot_of_the_report_is_small_enough_for_the_readme()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        string png = Path.Combine(sample.Root, "report.png");
        // Half scale keeps the picture readable and well under 500 KB.
        HeadlessChromium.Run(new Uri(sample.ReportPath).AbsoluteUri, $"--screenshot={png}", "--window-size=1280,4000",
            "--force-device-scale-factor=0.5", "--hide-scrollbars");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.True(bytes.Length < 500_000, $"screenshot is {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        // ANALYTICS_UPDATE_DOCS=1 refreshes docs/report.png from this run.
        if (Environment.GetEnvironmentVariable("ANALYTICS_UPDATE_DOCS") == "1")
        {
            File.Copy(png, Path.Combine(RepoRoot(), "docs", "report.png"), overwrite: true);
        }
    }

    [Fact]
    public void Report_does_not_scroll_sideways_at_800_px()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        // The report has no script of its own; a copy gets one that records, once laid out, how wide the page is and
        // which elements reach past the window's right edge.
        string probe = Path.Combine(sample.Root, "report-probe.html");
        File.WriteAllText(probe, File.ReadAllText(sample.ReportPath).Replace("</body>", """
            <script>
            window.addEventListener('load', () => {
              const d = document.documentElement, over = [];
              for (const e of document.body.querySelectorAll('*')) {
                if (e.getBoundingClientRect().right > d.clientWidth + 0.5) over.push(e.tagName + (e.id ? '#' + e.id : ''));
              }
              document.body.setAttribute('data-width', d.scrollWidth + ' ' + d.clientWidth + ' ' + over.slice(0, 10).join(','));
            });
            </script></body>
            """, StringComparison.Ordinal));

        string dom = HeadlessChromium.Run(new Uri(probe).AbsoluteUri, "--dump-dom", "--window-size=800,600", "--virtual-time-budget=5000");

        var m = Width().Match(dom);
        Assert.True(m.Success, "the probe did not run");
        int scrollWidth = int.Parse(m.Groups["scroll"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int clientWidth = int.Parse(m.Groups["client"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(scrollWidth <= clientWidth,
            $"the page is {scrollWidth} px wide in a {clientWidth} px window; too wide: {m.Groups["over"].Value}");
    }

    private static string RepoRoot() => EndToEnd.RunHarness.RepoRoot();

    [GeneratedRegex("data-width=\"(?<scroll>\\d+) (?<client>\\d+) (?<over>[^\"]*)\"")]
    private static partial Regex Width();

    [GeneratedRegex("<(?:path|rect)\\b[^>]*(?:fill|stroke)=\"#(?:1F5F8B|B23A48)\"", RegexOptions.IgnoreCase)]
    private static partial Regex DataMark();

    [GeneratedRegex("<(?:path|rect)\\b")]
    private static partial Regex Marks();

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?(?<url>[^"'\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
