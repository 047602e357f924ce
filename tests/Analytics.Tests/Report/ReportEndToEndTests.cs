using System.Text.RegularExpressions;
using Analytics.Core;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;
using Analytics.Pipeline.Outputs;
using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

/// <summary>report.html as written by a real score run, and rendered in-process from the same data.</summary>
[Collection(ScoredSampleCollection.Name)]
public sealed partial class ReportEndToEndTests(ScoredSample sample)
{
    [Fact]
    public void Score_run_writes_a_self_contained_report_with_every_chart()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        string html = File.ReadAllText(sample.ReportPath);
        foreach (string id in ReportCharts.Ids)
        {
            Assert.Contains($"<svg id=\"{id}\"", html);
        }

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_names_customers_by_id_only_unless_names_are_requested()
    {
        string html = File.ReadAllText(sample.ReportPath);
        Assert.DoesNotContain("Name of", html, StringComparison.Ordinal);

        string withNames = Render(includeNames: true);
        Assert.Contains("<th class=\"t\">customer_name</th>", withNames);
        Assert.Contains("Name of C", withNames, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_shows_the_whale_figures_of_the_run()
    {
        var input = Load(includeNames: false);
        var whale = WhaleCurve.Compute(input.Result.Profitability.Eva);
        string html = HtmlReport.Render(input);
        Assert.True(whale.TotalEva > 0);
        Assert.True(whale.PeakRank < whale.CustomerCount, "the sample has loss-making customers");
        Assert.Contains(FormattableString.Invariant($"The top <b>{whale.BreakEvenRank:N0}</b> customers"), html);
        Assert.Contains(FormattableString.Invariant($"The <b>{whale.PeakRank:N0}</b> value-creating customers"), html);
        Assert.Contains(FormattableString.Invariant($"Gini of EVA: <b>{whale.Gini:0.000}</b>"), html);
    }

    [Fact]
    public void Same_run_gives_the_same_report_bytes()
    {
        // In-process: ScottPlot's clip-id counter has moved on between the two renders.
        var input = Load(includeNames: false);
        Assert.Equal(HtmlReport.Render(input), HtmlReport.Render(input));

        // End to end: a second score run of the same folder writes identical bytes.
        string second = Path.Combine(sample.Root, "out-second");
        var (code, _, stderr) = ScoredSample.Run("score", "--input", sample.InputDirectory, "--config", sample.ConfigPath, "--output",
            second, "--format", "csv", "--quiet");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllBytes(sample.ReportPath), File.ReadAllBytes(Path.Combine(second, "report.html")));
    }

    [Fact]
    public void Report_lists_top_maturity_notices_and_underpriced_loans()
    {
        var input = Load(includeNames: false);
        string html = HtmlReport.Render(input);
        int notices = input.Result.EarlyWarnings.MaturityNotices.Count;
        int underpriced = input.Result.Segments.UnderpricedLoans.Count;
        Assert.True(notices > 0 && underpriced > HtmlReport.TopRows, $"sample too small: {notices} notices, {underpriced} underpriced");
        Assert.Contains(FormattableString.Invariant($"<p><b>{notices:N0}</b> loans mature within 30 days"), html);
        Assert.Contains(FormattableString.Invariant($"<p><b>{underpriced:N0}</b> loans and overdrafts"), html);
        Assert.Contains("<h3>Top 50 by annual shortfall</h3>", html);
        Assert.Contains("Reconciliation: <span class=\"ok\">balanced</span>", html);
    }

    private string Render(bool includeNames) => HtmlReport.Render(Load(includeNames));

    private ReportInput Load(bool includeNames)
    {
        var config = ConfigLoader.Load(sample.ConfigPath);
        var loaded = PortfolioLoader.LoadAsync(sample.InputDirectory, config, includeNames).GetAwaiter().GetResult();
        var result = ScoringKernel.Score(loaded.Data, config, previousTiers: null);
        var tables = OutputTables.Build(loaded, result, config, includeNames);
        var p = result.Profitability;
        var reconciliation = ReconciliationReport.Build(loaded.Stats, loaded.Totals, loaded.Rejects.Items.Count,
            (p.DepositBalance.Sum(), p.LendingBalance.Sum(), p.FeeIncome.Sum(), p.CrossSellRevenue.Sum()));
        return new ReportInput(loaded, result, config, tables, reconciliation, includeNames);
    }

    /// <summary>A src or href attribute that points off the machine (or anywhere by scheme-relative URL).</summary>
    [GeneratedRegex("""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
