using System.Text.Json.Nodes;
using Analytics.Pipeline.OverTime;
using Analytics.Tests.EndToEnd;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.OverTime;

/// <summary>score --previous, analytics bridge and explain --previous on two real runs (docs/METHODOLOGY.md §9).</summary>
public sealed class BridgeEndToEndTests
{
    /// <summary>
    /// November against October: a 30-day period and a 20 % tax rate instead of 31 days and 25 %; C004 lost, C006 new;
    /// A002 closed and A010 opened for C001; balances and a rate moved. The previous run is CSV, the current Parquet
    /// read back through analytics bridge as CSV.
    /// </summary>
    [Fact]
    public async Task ScoreWithPreviousWritesABridgeThatTiesToBothRunsEva()
    {
        using var dir = new TempDir();
        await TestInputs.Valid().WriteAsync(dir.Combine("oct"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("oct.yaml"), TestInputs.ExampleConfig);
        await November().WriteAsync(dir.Combine("nov"), InputFormat.Parquet);
        File.WriteAllText(dir.Combine("nov.yaml"), NovemberConfig());

        var oct = await RunHarness.Run("score", "--input", dir.Combine("oct"), "--config", dir.Combine("oct.yaml"), "--output",
            dir.Combine("r-oct"), "--format", "csv", "--quiet");
        Assert.True(oct.Exit == 0, oct.Stderr);
        var nov = await RunHarness.Run("score", "--input", dir.Combine("nov"), "--config", dir.Combine("nov.yaml"), "--output",
            dir.Combine("r-nov"), "--previous", dir.Combine("r-oct"), "--quiet");
        Assert.True(nov.Exit == 0, nov.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.Combine("r-nov"), "profit_bridge.parquet")));

        // analytics bridge over the same two runs (CSV previous, Parquet current), written as CSV to read here.
        var cli = await RunHarness.Run("bridge", "--current", dir.Combine("r-nov"), "--previous", dir.Combine("r-oct"), "--output",
            dir.Combine("b"), "--format", "csv");
        Assert.True(cli.Exit == 0, cli.Stderr);
        Assert.Contains("period_and_tax", cli.Stdout, StringComparison.Ordinal);
        var bridge = RunHarness.ReadCsv(Path.Combine(dir.Combine("b"), "profit_bridge.csv"));
        await AssertTiesAsync(bridge, dir.Combine("r-oct"), dir.Combine("r-nov"));
        Assert.Equal(["C001", "C002", "C003", "C004", "C005", "C006"], bridge.Select(r => r["customer_id"]));
        Assert.Equal("lost", bridge.Single(r => r["customer_id"] == "C004")["presence"]);
        Assert.Equal("new", bridge.Single(r => r["customer_id"] == "C006")["presence"]);
        var c001 = bridge.Single(r => r["customer_id"] == "C001");
        Assert.NotEqual(0, c001.D("new_or_lost"));     // A002 closed, A010 opened
        Assert.NotEqual(0, c001.D("volume"));          // A001's balance moved
        Assert.NotEqual(0, c001.D("period_and_tax"));  // 30 days at 20 % against 31 days at 25 %

        string report = File.ReadAllText(Path.Combine(dir.Combine("r-nov"), "report.html"));
        Assert.Contains("id=\"profit-bridge\"", report, StringComparison.Ordinal);
        Assert.Contains("Largest rises", report, StringComparison.Ordinal);

        // explain --previous shows the customer's bridge.
        var explain = await RunHarness.Run("explain", "C001", "--input", dir.Combine("nov"), "--config", dir.Combine("nov.yaml"),
            "--previous", dir.Combine("r-oct"));
        Assert.True(explain.Exit == 0, explain.Stderr);
        Assert.Contains("Profit bridge since the previous run", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("period_and_tax", explain.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run whose per-customer tables are folders of part files (<c>NAME/part-NNNNN.csv</c>, as a distributed run
    /// writes them, docs/SCALE_OUT.md) reads as the same run: score --previous and analytics bridge over it give the
    /// same bytes as over the single-file run.
    /// </summary>
    [Fact]
    public async Task A_run_whose_tables_are_part_files_reads_like_the_single_file_run()
    {
        using var dir = new TempDir();
        await TestInputs.Valid().WriteAsync(dir.Combine("oct"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("oct.yaml"), TestInputs.ExampleConfig);
        await November().WriteAsync(dir.Combine("nov"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("nov.yaml"), NovemberConfig());
        var oct = await RunHarness.Run("score", "--input", dir.Combine("oct"), "--config", dir.Combine("oct.yaml"), "--output",
            dir.Combine("r-oct"), "--format", "csv", "--quiet");
        Assert.True(oct.Exit == 0, oct.Stderr);

        // The same run with every per-customer table cut into part files: 2 rows, then an empty part, then the rest.
        string parted = dir.Combine("r-oct-parts");
        Directory.CreateDirectory(parted);
        int cut = 0;
        foreach (var file in Directory.GetFiles(dir.Combine("r-oct")))
        {
            string name = Path.GetFileName(file);
            string table = Path.GetFileNameWithoutExtension(name);
            if (!name.EndsWith(".csv", StringComparison.Ordinal) || table is "rejects" or "cluster_profiles")
            {
                File.Copy(file, Path.Combine(parted, name));
                continue;
            }

            var lines = File.ReadAllLines(file);
            Directory.CreateDirectory(Path.Combine(parted, table));
            int head = Math.Min(2, lines.Length - 1);
            File.WriteAllLines(Path.Combine(parted, table, "part-00000.csv"), lines[..(1 + head)]);
            File.WriteAllLines(Path.Combine(parted, table, "part-00001.csv"), lines[..1]);
            File.WriteAllLines(Path.Combine(parted, table, "part-00002.csv"), [lines[0], .. lines[(1 + head)..]]);
            cut++;
        }

        Assert.True(cut >= 6);
        foreach (var (previous, output) in new[] { (dir.Combine("r-oct"), dir.Combine("r-single")), (parted, dir.Combine("r-parts")) })
        {
            var nov = await RunHarness.Run("score", "--input", dir.Combine("nov"), "--config", dir.Combine("nov.yaml"), "--output",
                output, "--previous", previous, "--format", "csv", "--quiet");
            Assert.True(nov.Exit == 0, nov.Stderr);
            var bridge = await RunHarness.Run("bridge", "--current", output, "--previous", previous, "--output", output + "-bridge",
                "--format", "csv");
            Assert.True(bridge.Exit == 0, bridge.Stderr);
        }

        foreach (var name in new[] { "customer_segments.csv", "profit_bridge.csv", "customer_profitability.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(dir.Combine("r-single"), name)),
                File.ReadAllText(Path.Combine(dir.Combine("r-parts"), name)));
        }

        Assert.Equal(File.ReadAllText(Path.Combine(dir.Combine("r-single-bridge"), "profit_bridge.csv")),
            File.ReadAllText(Path.Combine(dir.Combine("r-parts-bridge"), "profit_bridge.csv")));
        Assert.Contains("previous_tier", File.ReadLines(Path.Combine(dir.Combine("r-parts"), "customer_segments.csv")).First(),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// A previous run from before account_profitability and the manifest's period: the bridge still adds up, NII changes
    /// go to new_or_lost (volume and margin stay 0), the previous Y is recovered from capital_charge / (hurdle × capital),
    /// and the run says so.
    /// </summary>
    [Fact]
    public async Task AnOlderPreviousRunWithoutAccountsPutsNiiIntoNewOrLost()
    {
        using var dir = new TempDir();
        await TestInputs.Valid().WriteAsync(dir.Combine("oct"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("oct.yaml"), TestInputs.ExampleConfig);
        await November().WriteAsync(dir.Combine("nov"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("nov.yaml"), NovemberConfig());
        var oct = await RunHarness.Run("score", "--input", dir.Combine("oct"), "--config", dir.Combine("oct.yaml"), "--output",
            dir.Combine("r-oct"), "--quiet");
        Assert.True(oct.Exit == 0, oct.Stderr);

        // Make it look like an older run: copy the tables without account_profitability and strip the period.
        string old = dir.Combine("old");
        Directory.CreateDirectory(old);
        foreach (var file in Directory.GetFiles(dir.Combine("r-oct")))
        {
            if (!Path.GetFileName(file).StartsWith("account_profitability", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(old, Path.GetFileName(file)));
            }
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(old, "manifest.json")))!.AsObject();
        manifest.Remove("period");
        File.WriteAllText(Path.Combine(old, "manifest.json"), manifest.ToJsonString());

        var nov = await RunHarness.Run("score", "--input", dir.Combine("nov"), "--config", dir.Combine("nov.yaml"), "--output",
            dir.Combine("r-nov"), "--previous", old, "--format", "csv");
        Assert.True(nov.Exit == 0, nov.Stderr);
        Assert.Contains("no account_profitability, so NII changes are not split into volume and margin and go to new_or_lost", nov.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("Y = 0.084932 was recovered", nov.Stderr, StringComparison.Ordinal);
        var bridge = RunHarness.ReadCsv(Path.Combine(dir.Combine("r-nov"), "profit_bridge.csv"));
        await AssertTiesAsync(bridge, dir.Combine("r-oct"), dir.Combine("r-nov"));
        Assert.All(bridge, r => Assert.Equal(0, r.D("volume")));
        Assert.All(bridge, r => Assert.Equal(0, r.D("margin")));
    }

    [Fact]
    public async Task AFolderThatIsNotARunIsAUsageError()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("empty"));
        var run = await RunHarness.Run("bridge", "--current", dir.Combine("empty"), "--previous", dir.Combine("empty"), "--output",
            dir.Combine("b"));
        Assert.Equal(2, run.Exit);
        Assert.Equal($"The --current folder '{dir.Combine("empty")}' has no customer_profitability table; point it at an output folder "
            + $"of 'analytics score'.\n", run.Stderr);
    }

    /// <summary>Every row adds up (1e-9 relative) and its EVAs equal the two runs' customer_profitability EVAs.</summary>
    internal static async Task AssertTiesAsync(List<Dictionary<string, string>> bridge, string previousRun, string currentRun)
    {
        var eva0 = await EvaAsync(previousRun);
        var eva1 = await EvaAsync(currentRun);
        string[] components = ["volume", "margin", "new_or_lost", "fees", "cross_sell", "cost", "risk", "capital", "period_and_tax"];
        double total = 0, scale = 0;
        foreach (var r in bridge)
        {
            string id = r["customer_id"];
            Assert.Equal(eva0.TryGetValue(id, out var e0) ? e0 : 0, r.D("eva_previous"));
            Assert.Equal(eva1.TryGetValue(id, out var e1) ? e1 : 0, r.D("eva_current"));
            double sum = components.Sum(c => r.D(c));
            double magnitude = components.Sum(c => Math.Abs(r.D(c))) + Math.Abs(r.D("eva_current")) + Math.Abs(r.D("eva_previous"));
            Assert.True(Math.Abs(sum - (r.D("eva_current") - r.D("eva_previous"))) <= 1e-9 * Math.Max(1, magnitude),
                $"{id} does not add up");
            total += sum;
            scale += magnitude;
        }

        Assert.Equal(eva0.Keys.Union(eva1.Keys).Count(), bridge.Count);
        double change = eva1.Values.Sum() - eva0.Values.Sum();
        Assert.True(Math.Abs(total - change) <= 1e-9 * Math.Max(1, scale), "the portfolio does not add up");
    }

    /// <summary>customer_id → eva of a run's customer_profitability (CSV or Parquet, read by the engine's reader).</summary>
    private static async Task<Dictionary<string, double>> EvaAsync(string run)
    {
        var snapshot = (await BridgeInputs.ReadAsync(run, "--current", 0.12)).Snapshot;
        return snapshot.CustomerIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => snapshot.Eva[p.i], StringComparer.Ordinal);
    }

    private static TestInputs November() => TestInputs.Valid()
        .SetCell(TestInputs.Accounts, 1, "average_balance", "5600000")
        .SetCell(TestInputs.Accounts, 5, "client_rate", "0.022")
        .MapRecords(TestInputs.Accounts, (_, header, fields) =>
            fields[Array.IndexOf(header, "account_id")] is "A002" or "A007" ? null : fields)
        .AppendLines(TestInputs.Accounts, "A010,C001,deposit,CNY,2500000,2600000,,0.011,,2026-11-02,,,,,,")
        .MapRecords(TestInputs.Customers, (_, header, fields) => fields[0] == "C004" ? null : fields)
        .AppendLines(TestInputs.Customers, "C006,Zeta Foods,food,east,RM03,BBB,0.01,20")
        .AppendLines(TestInputs.Accounts, "A011,C006,loan,CNY,900000,900000,1000000,0.05,,2026-11-01,2028-11-01,,,,,")
        .MapRecords(TestInputs.Fees, (_, header, fields) => fields[0] == "C004" ? null : fields)
        .SetColumn(TestInputs.Fees, "booking_date", (_, d) => d.Replace("2026-10-31", "2026-10-30",
            StringComparison.Ordinal).Replace("2026-10-", "2026-11-", StringComparison.Ordinal));

    private static string NovemberConfig() => TestInputs.Edit(TestInputs.Edit(TestInputs.Edit(TestInputs.ExampleConfig,
        "as_of: 2026-10-31", "as_of: 2026-11-30"),
        "period: { start: 2026-10-01, end: 2026-10-31 }", "period: { start: 2026-11-01, end: 2026-11-30 }"),
        "tax_rate: 0.25", "tax_rate: 0.20");
}
