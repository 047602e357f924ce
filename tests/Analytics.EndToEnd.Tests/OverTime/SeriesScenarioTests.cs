using System.Text.Json;
using Analytics.Tests.EndToEnd;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.OverTime;

/// <summary>
/// The over-time scenario end to end (docs/OVER_TIME.md): a generated six-month series scored month by month with
/// --previous; the last bridge adds up and ties to both runs' EVA, account_profitability sums to customer NII, and the
/// back-test finds the planted defaults ahead of time with the DPD and DSCR signals.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class SeriesScenarioTests
{
    [Fact]
    public async Task SixMonthSeriesBridgesAndBacktests()
    {
        using var dir = new TempDir();
        string data = dir.Combine("series");
        var gen = await RunHarness.Run("generate", "--customers", "300", "--seed", "11", "--months", "6", "--output", data, "--format",
            "csv", "--quiet");
        Assert.True(gen.Exit == 0, gen.Stderr);
        var months = Directory.GetDirectories(data).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"], months);
        Assert.All(months, m => Assert.True(File.Exists(Path.Combine(data, m, "_config.yaml"))));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "_series.json")));
        var planted = summary.RootElement.GetProperty("planted").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "default")
            .Select(p => (Id: p.GetProperty("customer_id").GetString()!, Start: p.GetProperty("start_month").GetString()!,
                At: p.GetProperty("default_month").GetString()!))
            .ToList();
        Assert.NotEmpty(planted);
        Assert.Contains(summary.RootElement.GetProperty("planted").EnumerateArray(), p =>
            p.GetProperty("kind").GetString() == "false_alarm");

        var runs = new List<string>();
        string? previous = null;
        foreach (var m in months)
        {
            string input = Path.Combine(data, m);
            string output = dir.Combine("out", m);
            string[] args = ["score", "--input", input, "--config", Path.Combine(input, "_config.yaml"), "--output", output, "--format",
                "csv", "--quiet"];
            if (previous is not null) args = [.. args, "--previous", previous];
            var run = await RunHarness.Run(args);
            Assert.True(run.Exit == 0, $"{m}: {run.Stderr}");
            runs.Add(output);
            previous = output;
        }

        // The last bridge adds up and ties to both runs' EVA.
        var bridge = RunHarness.ReadCsv(Path.Combine(runs[^1], "profit_bridge.csv"));
        await BridgeEndToEndTests.AssertTiesAsync(bridge, runs[^2], runs[^1]);
        Assert.Contains(bridge, r => r.D("volume") != 0);
        Assert.Contains(bridge, r => r.D("new_or_lost") != 0);

        // account_profitability sums to each customer's NII.
        var accounts = RunHarness.ReadCsv(Path.Combine(runs[^1], "account_profitability.csv"))
            .GroupBy(r => r["customer_id"], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(0.0, (s, r) => s + r.D("nii")), StringComparer.Ordinal);
        foreach (var c in RunHarness.ReadCsv(Path.Combine(runs[^1], "customer_profitability.csv")))
        {
            Assert.Equal(c.D("nii"), accounts.GetValueOrDefault(c["customer_id"]));
        }

        // The back-test finds the planted defaults, with at least a month's warning from DPD and DSCR signals.
        var backtest = await RunHarness.Run(["backtest", "--runs", .. runs, "--output", dir.Combine("bt"), "--horizon-months", "12"]);
        Assert.True(backtest.Exit == 0, backtest.Stderr);
        Assert.True(File.Exists(dir.Combine("bt", "backtest.parquet")));
        string html = File.ReadAllText(dir.Combine("bt", "backtest.html"));
        Assert.Contains("Cumulative accuracy profile", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);

        var series = await ReadSeriesAsync(runs);
        var result = Analytics.Core.OverTime.Backtest.Compute(series, 12);
        int seen = planted.Count(p => string.CompareOrdinal(p.At, months[0]) > 0);
        Assert.True(result.Signals[^1].Defaults >= seen, $"{result.Signals[^1].Defaults} default events, {seen} planted");
        foreach (var family in new[] { "DPD_", "DSCR_" })
        {
            var captured = result.Signals.Where(s => s.Signal.StartsWith(family, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(captured);
            Assert.True(captured.Max(s => s.CaptureRate) >= 0.8, $"{family}: capture {captured.Max(s => s.CaptureRate)}");
            Assert.All(captured.Where(s => s.Captured > 0), s =>
                Assert.True(s.LeadMonths.Min() >= 1, $"{s.Signal} lead {s.LeadMonths.Min()}"));
        }

        Assert.Contains("hit", backtest.Stdout, StringComparison.Ordinal);
    }

    private static async Task<List<Analytics.Core.OverTime.BacktestRun>> ReadSeriesAsync(List<string> runs)
    {
        var list = new List<Analytics.Core.OverTime.BacktestRun>();
        foreach (var run in runs)
        {
            list.Add(await Analytics.Pipeline.OverTime.BacktestRunner.ReadRunForTestsAsync(run));
        }

        return list;
    }
}
