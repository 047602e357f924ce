using System.Globalization;
using ScottPlot;

namespace Analytics.Pipeline.Reporting;

/// <summary>The charts of report.html, each an inline SVG with a fixed id (the browser test looks them up by id).</summary>
internal static class ReportCharts
{
    /// <summary>Ids of every chart, in page order.</summary>
    public static readonly IReadOnlyList<string> Ids =
    [
        WhaleId, EvaHistogramId, RarocHistogramId, RevenueMixId, SeverityId, ReasonsId,
    ];

    /// <summary>Whale curve.</summary>
    public const string WhaleId = "chart-whale";

    /// <summary>EVA distribution.</summary>
    public const string EvaHistogramId = "chart-eva-distribution";

    /// <summary>RAROC distribution.</summary>
    public const string RarocHistogramId = "chart-raroc-distribution";

    /// <summary>Revenue mix.</summary>
    public const string RevenueMixId = "chart-revenue-mix";

    /// <summary>Early warnings by severity.</summary>
    public const string SeverityId = "chart-warnings-severity";

    /// <summary>Early warnings by reason.</summary>
    public const string ReasonsId = "chart-warnings-reasons";

    private static readonly Color Accent = Color.FromHex("#1f5f8b");
    private static readonly Color Loss = Color.FromHex("#b23a48");
    private static readonly Color Muted = Color.FromHex("#7a8793");

    /// <summary>
    /// Cumulative EVA share against share of customers. When the total EVA is ≤ 0 shares mean nothing, so the y axis
    /// shows cumulative EVA in the reporting currency instead.
    /// </summary>
    public static string Whale(WhaleCurve curve, string currency)
    {
        bool shares = curve.TotalEva > 0;
        int n = Math.Max(1, curve.CustomerCount);
        var ranks = curve.SampleRanks();
        var xs = new double[ranks.Count];
        var ys = new double[ranks.Count];
        for (int i = 0; i < ranks.Count; i++)
        {
            xs[i] = 100.0 * ranks[i] / n;
            ys[i] = Y(curve, ranks[i], shares);
        }

        var plot = SvgChart.NewPlot(
            "Whale curve: cumulative EVA by customers ranked best first",
            "customers, ranked by EVA (% of customers)",
            shares ? "cumulative EVA (% of total EVA)" : $"cumulative EVA ({currency})");
        var line = plot.Add.ScatterLine(xs, ys, Accent);
        line.LineWidth = 2.5f;

        plot.Add.HorizontalLine(shares ? 100 : 0, 1, Muted);

        // Solid lines only: Skia's SVG canvas cannot draw dash path effects (it drops them and prints a warning).
        // Labels sit inside the plot area, on the side of their point with more room, so none is clipped.
        double peakX = 100.0 * curve.PeakRank / n, peakY = Y(curve, curve.PeakRank, shares);
        plot.Add.Marker(peakX, peakY, MarkerShape.FilledCircle, 9, Loss);
        var peakText = plot.Add.Text(
            shares
                ? string.Create(CultureInfo.InvariantCulture, $"peak {peakY:0.#}% at rank {curve.PeakRank:N0}")
                : string.Create(CultureInfo.InvariantCulture, $"peak {SvgChart.Compact(peakY)} at rank {curve.PeakRank:N0}"),
            peakX, peakY);
        peakText.LabelFontSize = 12;
        peakText.LabelFontColor = Loss;
        peakText.LabelAlignment = peakX > 60 ? Alignment.UpperRight : Alignment.UpperLeft;
        peakText.OffsetX = peakX > 60 ? -8 : 8;
        peakText.OffsetY = 8;

        double breakEvenX = 100.0 * curve.BreakEvenRank / n;
        plot.Add.VerticalLine(breakEvenX, 1.5f, Muted);
        double bottom = 0;
        for (int i = 0; i < ys.Length; i++) bottom = Math.Min(bottom, ys[i]);
        var breakEvenText = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"break-even rank {curve.BreakEvenRank:N0}"),
            breakEvenX, bottom);
        breakEvenText.LabelFontSize = 12;
        breakEvenText.LabelFontColor = Muted;
        breakEvenText.LabelAlignment = breakEvenX > 60 ? Alignment.LowerRight : Alignment.LowerLeft;
        breakEvenText.OffsetX = breakEvenX > 60 ? -6 : 6;
        breakEvenText.OffsetY = -6;

        SvgChart.FormatTicks(plot.Axes.Bottom, v => v.ToString("0.##", CultureInfo.InvariantCulture) + "%");
        SvgChart.FormatTicks(plot.Axes.Left, shares ? v => v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : SvgChart.Compact);
        plot.Axes.SetLimitsX(0, 100);
        return SvgChart.Render(plot, WhaleId, "Whale curve of cumulative EVA", 900, 460);
    }

    private static double Y(WhaleCurve curve, int rank, bool shares) =>
        shares ? 100 * curve.Share(rank) : curve.Cumulative[rank];

    /// <summary>A histogram of <paramref name="bins"/>; bars left of zero in the loss colour.</summary>
    public static string Histogram(string id, string title, string xLabel, BinnedCounts bins, Func<double, string> format)
    {
        var plot = SvgChart.NewPlot(title, xLabel, "customers");
        var bars = new List<Bar>(bins.Counts.Length);
        for (int b = 0; b < bins.Counts.Length; b++)
        {
            double left = bins.Start + b * bins.Width;
            bars.Add(new Bar
            {
                Position = left + bins.Width / 2,
                Value = bins.Counts[b],
                Size = bins.Width * 0.92,
                FillColor = left + bins.Width / 2 < 0 ? Loss : Accent,
                LineWidth = 0,
            });
        }

        plot.Add.Bars(bars);
        SvgChart.FormatTicks(plot.Axes.Bottom, format);
        SvgChart.FormatTicks(plot.Axes.Left, v => v.ToString("0.#", CultureInfo.InvariantCulture));
        plot.Axes.Margins(bottom: 0);
        return SvgChart.Render(plot, id, title, 640, 380);
    }

    /// <summary>Labelled bars; negative values in the loss colour, horizontal when <paramref name="horizontal"/>.</summary>
    public static string Bars(string id, string title, string valueLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values,
        bool horizontal, Func<double, string> format, int width, int height)
    {
        var plot = SvgChart.NewPlot(title, horizontal ? valueLabel : string.Empty, horizontal ? string.Empty : valueLabel);
        var bars = new List<Bar>(labels.Count);
        var positions = new double[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            // Horizontal bars list top to bottom in the given order.
            positions[i] = horizontal ? labels.Count - 1 - i : i;
            bars.Add(new Bar
            {
                Position = positions[i],
                Value = values[i],
                Size = 0.7,
                FillColor = values[i] < 0 ? Loss : Accent,
                LineWidth = 0,
                Label = format(values[i]),
            });
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = horizontal;
        plottable.ValueLabelStyle.FontSize = 11;
        var categoryAxis = horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.SetTicks(positions, [.. labels]);
        SvgChart.FormatTicks(valueAxis, format);
        if (horizontal)
        {
            plot.Axes.Margins(left: 0, right: 0.15);
            plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        }
        else
        {
            plot.Axes.Margins(bottom: 0, top: 0.15);
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        }

        return SvgChart.Render(plot, id, title, width, height);
    }
}
