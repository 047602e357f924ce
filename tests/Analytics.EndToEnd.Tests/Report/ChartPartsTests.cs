using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

public sealed class ChartPartsTests
{
    [Fact]
    public void Bins_span_the_far_fences_and_clamp_the_outliers_into_the_end_bins()
    {
        // 100 values 1..100 plus an outlier each side (102 values, sorted: −1000, 1, …, 100, 5000). Nearest rank:
        // Q1 = sorted[ceil(25.5) − 1] = sorted[25] = 25, Q3 = sorted[ceil(76.5) − 1] = sorted[76] = 76, IQR = 51.
        // Fences −128 and 229: the values inside run from 1 to 100. ceil(√102) = 11 bins of width 99 / 11 = 9.
        var values = new List<double> { -1000, 5000 };
        for (int i = 1; i <= 100; i++) values.Add(i);
        var bins = BinnedCounts.Of(values);
        Assert.Equal(1, bins.Start);
        Assert.Equal(9, bins.Width, 12);
        Assert.Equal(11, bins.Counts.Length);
        Assert.Equal(1, bins.Below);
        Assert.Equal(1, bins.Above);
        Assert.Equal(102, bins.Total);
        // First bin [1, 10): 1..9 and the low outlier = 10; last bin [91, 100]: 91..100 and the high outlier = 11.
        Assert.Equal(10, bins.Counts[0]);
        Assert.Equal(11, bins.Counts[^1]);
    }

    [Fact]
    public void Bins_skip_nulls_and_handle_a_single_value()
    {
        var bins = BinnedCounts.Of([double.NaN, 3, 3, double.NaN]);
        Assert.Equal([2], bins.Counts);
        Assert.Equal(2.5, bins.Start);
        Assert.Empty(BinnedCounts.Of([double.NaN]).Counts);
    }

    [Fact]
    public void Normalise_renames_clip_ids_in_order_and_drops_the_xml_header()
    {
        const string Svg = """
            <?xml version="1.0" encoding="utf-8" ?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="5">
            <clipPath id="cl_1f"><rect x="0"/></clipPath><g clip-path="url(#cl_1f)"><path d="M0 0"/></g>
            <clipPath id="cl_a"><rect x="0"/></clipPath><g clip-path="url(#cl_a)"><text>cl_a stays in text</text></g>
            </svg>
            """;
        string svg = SvgChart.Normalise(Svg, "chart-x", "A <chart>", 10, 5);
        Assert.StartsWith(
            "<svg id=\"chart-x\" class=\"chart\" viewBox=\"0 0 10 5\" width=\"10\" height=\"5\" role=\"img\" aria-label=\"A "
            + "&lt;chart&gt;\"><title>A &lt;chart&gt;</title>", svg);
        Assert.Contains("<clipPath id=\"chart-x-clip1\">", svg);
        Assert.Contains("url(#chart-x-clip1)", svg);
        Assert.Contains("<clipPath id=\"chart-x-clip2\">", svg);
        Assert.Contains("url(#chart-x-clip2)", svg);
        Assert.Contains("cl_a stays in text", svg);
        Assert.DoesNotContain("<?xml", svg);
        Assert.DoesNotContain("http://", svg);
        Assert.DoesNotContain("id=\"cl_", svg);
    }

    [Fact]
    public void A_plot_rendered_twice_gives_the_same_svg()
    {
        // ScottPlot's clip ids come from a process-wide counter; after normalising, two renders are identical.
        string Draw()
        {
            var plot = SvgChart.NewPlot("t", "x", "y");
            plot.Add.ScatterLine(new double[] { 0, 1, 2 }, new double[] { 0, 1, 4 });
            return SvgChart.Render(plot, "chart-t", "t", 300, 200);
        }

        string first = Draw(), second = Draw();
        Assert.Equal(first, second);
        Assert.Contains("chart-t-clip1", first);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999.5, "999.5")]
    [InlineData(1500, "1.5k")]
    [InlineData(-2_345_678, "-2.35M")]
    [InlineData(4e9, "4B")]
    public void Compact_labels_are_invariant(double value, string expected) =>
        Assert.Equal(expected, SvgChart.Compact(value));
}
