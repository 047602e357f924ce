using System.Globalization;
using System.Net;
using System.Text;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// A waterfall chart as an inline SVG element drawn by hand (no scripts, fonts or links, like the report's other
/// charts): a start bar, one floating bar per step (green up, red down) and an end bar. Coordinates are rounded to
/// 0.1 px and printed in invariant culture, so the same figures give the same bytes.
/// </summary>
internal static class WaterfallChart
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Renders the chart; <paramref name="steps"/> are (label, change) in order.</summary>
    public static string Render(string id, string title, string startLabel, double start, IReadOnlyList<(string Label, double Change)> steps, string endLabel, double end)
    {
        const int width = 900, height = 380, left = 80, right = 20, top = 40, bottom = 70;
        int bars = steps.Count + 2;
        double slot = (width - left - right) / (double)bars;
        double barWidth = slot * 0.7;

        // Levels: the running total before and after each step; the axis spans them and 0.
        double lo = Math.Min(0, Math.Min(start, end)), hi = Math.Max(0, Math.Max(start, end));
        double level = start;
        foreach (var (_, change) in steps)
        {
            level += change;
            lo = Math.Min(lo, level);
            hi = Math.Max(hi, level);
        }

        if (hi - lo <= 0)
        {
            hi = lo + 1;
        }

        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        double Y(double v) => top + (hi - v) / (hi - lo) * (height - top - bottom);

        var svg = new StringBuilder();
        string label = WebUtility.HtmlEncode(title);
        svg.Append(Ci, $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.Append(Ci, $"<text x=\"{width / 2}\" y=\"24\" text-anchor=\"middle\" font-family=\"DejaVu Sans\" font-size=\"15\">{label}</text>");
        // Zero line and a few gridlines with compact labels.
        for (int g = 0; g <= 4; g++)
        {
            double v = lo + (hi - lo) * g / 4;
            svg.Append(Ci, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" stroke=\"#e3e7eb\"/>");
            svg.Append(Ci, $"<text x=\"{left - 6}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\" font-family=\"DejaVu Sans\" font-size=\"11\" fill=\"#5f6b76\">{WebUtility.HtmlEncode(SvgChart.Compact(v))}</text>");
        }

        svg.Append(Ci, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(0))}\" y2=\"{F(Y(0))}\" stroke=\"#1d2731\"/>");

        level = start;
        for (int b = 0; b < bars; b++)
        {
            double from, to;
            string name, fill;
            if (b == 0)
            {
                (from, to, name, fill) = (0, start, startLabel, "#1f5f8b");
            }
            else if (b == bars - 1)
            {
                (from, to, name, fill) = (0, end, endLabel, "#1f5f8b");
            }
            else
            {
                var (stepLabel, change) = steps[b - 1];
                (from, to, name, fill) = (level, level + change, stepLabel, change >= 0 ? "#2e7d4f" : "#b23a48");
                level += change;
            }

            double x = left + b * slot + (slot - barWidth) / 2;
            double y1 = Y(Math.Max(from, to)), y2 = Y(Math.Min(from, to));
            double h = Math.Max(1, y2 - y1);
            string value = WebUtility.HtmlEncode(SvgChart.Compact(b == 0 || b == bars - 1 ? to : to - from));
            svg.Append(Ci, $"<rect x=\"{F(x)}\" y=\"{F(y1)}\" width=\"{F(barWidth)}\" height=\"{F(h)}\" fill=\"{fill}\"><title>{WebUtility.HtmlEncode(name)}: {value}</title></rect>");
            svg.Append(Ci, $"<text x=\"{F(x + barWidth / 2)}\" y=\"{F(y1 - 4)}\" text-anchor=\"middle\" font-family=\"DejaVu Sans\" font-size=\"11\">{value}</text>");
            svg.Append(Ci, $"<text x=\"{F(x + barWidth / 2)}\" y=\"{height - bottom + 16}\" text-anchor=\"end\" font-family=\"DejaVu Sans\" font-size=\"11\" transform=\"rotate(-30 {F(x + barWidth / 2)} {height - bottom + 16})\">{WebUtility.HtmlEncode(name)}</text>");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string F(double v) => Math.Round(v, 1).ToString("0.#", Ci);
}
