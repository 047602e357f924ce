using System.Text.RegularExpressions;
using Analytics.Core;
using Analytics.Core.EarlyWarning;
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
        var whale = WhaleCurve.Compute(input.Result!.Profitability.Eva);
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
        int notices = input.Result!.EarlyWarnings.MaturityNotices.Count;
        int underpriced = input.Result!.Segments.UnderpricedLoans.Count;
        Assert.True(notices > 0 && underpriced > HtmlReport.TopRows, $"sample too small: {notices} notices, {underpriced} underpriced");
        Assert.Contains(FormattableString.Invariant($"<p><b>{notices:N0}</b> loans mature within 30 days"), html);
        Assert.Contains(FormattableString.Invariant($"<p><b>{underpriced:N0}</b> loans and overdrafts"), html);
        Assert.Contains("<h3>Top 50 by annual shortfall</h3>", html);
        Assert.Contains("Reconciliation: <span class=\"ok\">balanced</span>", html);
    }

    [Fact]
    public void Report_lists_customers_at_watch_or_worse_by_relationship_manager_critical_first_then_by_ead()
    {
        var input = Load(includeNames: false);
        string html = HtmlReport.Render(input);
        var w = input.Result!.EarlyWarnings;
        var p = input.Result!.Profitability;
        var ids = input.Loaded.Data.Customers.Ids;
        var rm = input.Loaded.Data.Customers.RmId;
        var flagged = Enumerable.Range(0, w.CustomerCount).Where(c => w.Severity[c] >= Severity.Watch).ToArray();
        Assert.True(flagged.Length > 0, "the sample has customers at watch or worse");
        Assert.True(flagged.Length <= HtmlReport.WatchListRows, "the sample fits the list");
        Assert.Contains(FormattableString.Invariant($"<p><b>{flagged.Length:N0}</b> customers are at watch or worse"), html);

        // Every flagged customer appears once, under its own manager's heading.
        string list = html[html.IndexOf("id=\"watch-list\"", StringComparison.Ordinal)..];
        list = list[..list.IndexOf("<h2", StringComparison.Ordinal)];
        var rows = CustomerRow().Matches(list).Select(m => m.Groups["id"].Value).ToArray();

        // The order from the rule: critical first, then EAD descending, then customer_id; managers in the order of
        // their first customer on that list.
        var expected = flagged.OrderByDescending(c => w.Severity[c]).ThenByDescending(c => p.Ead[c]).ThenBy(c => c).ToArray();
        var managers = expected.Select(c => rm[c]).Distinct().ToArray();
        Assert.Equal(managers.SelectMany(m => expected.Where(c => rm[c] == m)).Select(c => ids[c]), rows);
        Assert.Equal(managers, ManagerHeading().Matches(list).Select(m => m.Groups["rm"].Value));

        // Reasons with their evidence, and five-category words with the Chinese term.
        Assert.Contains(w.ReasonCodes[expected[0]].Split(';')[0] + " ", list);
        Assert.Contains(" vs ", list);
        Assert.Contains("<th>special mention 关注</th>", html);
        Assert.Contains("<th>normal 正常</th>", html);
    }

    [Fact]
    public void Watch_list_order_by_hand()
    {
        // Customers 0..5 with severity, EAD and RM. Critical 3 first; then the warnings by EAD: 1 and 4 (500 each, index
        // order), 5 (100); then watch 2; 0 (none) is left out. With 4 shown, managers in order of first appearance: B, A.
        Severity[] severity = [Severity.None, Severity.Warning, Severity.Watch, Severity.Critical, Severity.Warning, Severity.Warning];
        double[] ead = [1e9, 500, 1e6, 1, 500, 100];
        string[] rm = ["A", "A", "B", "B", "B", "A"];

        int[] ordered = WatchList.Ordered(severity, ead);

        Assert.Equal([3, 1, 4, 5, 2], ordered);
        var groups = WatchList.Grouped(ordered, rm, limit: 4);
        Assert.Equal(["B", "A"], groups.Select(g => g.RmId));
        Assert.Equal([3, 4], groups[0].Customers);
        Assert.Equal([1, 5], groups[1].Customers);
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

    [GeneratedRegex("<tr><td class=\"t\">(?<id>[^<]+)</td><td class=\"t sev-")]
    private static partial Regex CustomerRow();

    [GeneratedRegex("<h4>RM (?<rm>[^ <]+) · ")]
    private static partial Regex ManagerHeading();

    /// <summary>A src or href attribute that points off the machine (or anywhere by scheme-relative URL).</summary>
    [GeneratedRegex("""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
