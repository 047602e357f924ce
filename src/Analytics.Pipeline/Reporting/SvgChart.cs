using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// Renders a ScottPlot plot to an SVG element that can sit inline in report.html: no XML declaration, no
/// namespace URLs, an id of our choosing, a viewBox so it scales, and clip-path ids made deterministic.
/// </summary>
/// <remarks>
/// ScottPlot (through Skia's SVG canvas) names clip paths <c>cl_N</c> from a process-wide counter, so the same plot
/// drawn twice differs in those ids, and two charts in one page could even collide. They are renamed
/// <c>{id}-clip1</c>, <c>{id}-clip2</c>, … in order of appearance. Text is measured with <see cref="FontName"/>; the
/// glyph positions in the SVG depend on that font's metrics, so the report's bytes are stable on one machine image.
/// </remarks>
internal static partial class SvgChart
{
    /// <summary>The font charts are measured and drawn with (Debian's fonts-dejavu-core, present on every image we run on).</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>A new plot with the report's styling.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 12);
        plot.YLabel(yLabel, size: 12);
        plot.Axes.Title.Label.Bold = false;
        return plot;
    }

    /// <summary>Compact money tick labels (1.5k, 2.3M, 4B) in invariant culture.</summary>
    public static string Compact(double value)
    {
        double a = Math.Abs(value);
        var ci = CultureInfo.InvariantCulture;
        return a >= 1e9 ? (value / 1e9).ToString("0.##", ci) + "B"
            : a >= 1e6 ? (value / 1e6).ToString("0.##", ci) + "M"
            : a >= 1e3 ? (value / 1e3).ToString("0.##", ci) + "k"
            : value.ToString("0.##", ci);
    }

    /// <summary>Uses <paramref name="format"/> for the tick labels of an axis.</summary>
    public static void FormatTicks(ScottPlot.IAxis axis, Func<double, string> format) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = format };

    /// <summary>Renders <paramref name="plot"/> as an inline SVG element with id <paramref name="id"/>.</summary>
    public static string Render(Plot plot, string id, string description, int width, int height)
    {
        string svg = plot.GetSvgXml(width, height);
        return Normalise(svg, id, description, width, height);
    }

    /// <summary>The SVG clean-up described on the type; public to the tests through InternalsVisibleTo.</summary>
    public static string Normalise(string svg, string id, string description, int width, int height)
    {
        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        int close = svg.IndexOf('>', open);
        string body = svg[(close + 1)..];

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        body = ClipId().Replace(body, m =>
        {
            string old = m.Groups["name"].Value;
            if (!names.TryGetValue(old, out var renamed))
            {
                renamed = string.Create(CultureInfo.InvariantCulture, $"{id}-clip{names.Count + 1}");
                names.Add(old, renamed);
            }

            return m.Groups["before"].Value + renamed;
        });

        string label = WebUtility.HtmlEncode(description);
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" "
                + $"aria-label=\"{label}\"><title>{label}</title>{body.Trim()}\n");
    }

    [GeneratedRegex("(?<before>id=\"|url\\(#)(?<name>cl_[0-9A-Za-z]+)")]
    private static partial Regex ClipId();
}
