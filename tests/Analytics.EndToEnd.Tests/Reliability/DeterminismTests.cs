using System.Text.Json.Nodes;

namespace Analytics.Tests.Reliability;

/// <summary>docs/METHODOLOGY.md §6 "same inputs and config → byte-identical tables", and independence from layout, row order, format
/// and threads.</summary>
public sealed class DeterminismTests
{
    /// <summary>Tables whose bytes must not depend on how the input was laid out (rejects name files and rows, so differ by
    /// construction).</summary>
    private static readonly string[] LayoutIndependent =
    [
        "customer_profitability", "customer_segments", "early_warnings", "early_warning_reasons", "maturity_notices",
        "underpriced_loans", "cluster_profiles", "account_profitability",
    ];

    /// <summary>
    /// The valid inputs with 2,000 fee rows, plus rows rejected for reasons that depend on other rows (a duplicated
    /// account id, an unknown customer) and on the cell alone (NaN, a negative PD), so order independence is tested
    /// where it is hardest.
    /// </summary>
    private static TestInputs Inputs() => TestInputs.Valid()
        .Set(TestInputs.Fees, TestInputs.FeesCsv(2_000))
        .AppendLines(TestInputs.Fees, "C999,fx,100,CNY,2026-10-03", "C001,fx,NaN,CNY,2026-10-04", "C002,settlement,0.1,USD,2026-10-31")
        .AppendLines(TestInputs.Accounts,
            "A010,C004,loan,CNY,250000,240000,300000,0.03,,2025-06-01,2027-06-01,,,,,",
            "A010,C002,deposit,CNY,1000,1000,,0.01,,2025-06-01,,,,,,")
        .AppendLines(TestInputs.Customers, "C006,Zeta,,,,,-0.5,");

    private static readonly string Config = TestInputs.ConfigWithRejectRate(0.5);

    [Fact]
    public async Task SameInputsTwiceGiveByteIdenticalOutputs()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await Inputs().WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, Config);

        string a = await ScoreAsync(paths, tmp.Combine("a"));
        string b = await ScoreAsync(paths, tmp.Combine("b"));

        var ha = OutputFiles.Hashes(a);
        var hb = OutputFiles.Hashes(b);
        Assert.Equal(PublishedRun.ExpectedFiles(), ha.Keys);
        ha.Remove("manifest.json");
        hb.Remove("manifest.json");
        Assert.Equal(ha, hb); // every table, reconciliation.json and report.html
        Assert.Equal(ManifestWithout(a, "run_id", "timings_ms"), ManifestWithout(b, "run_id", "timings_ms"));
        Assert.NotEqual(ManifestWithout(a, "timings_ms"), ManifestWithout(b, "timings_ms")); // the ids do differ
    }

    [Fact]
    public async Task OneThreadGivesTheSameOutputsAsAllCores()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await Inputs().WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, Config);

        string one = await ScoreAsync(paths, tmp.Combine("one"), "--threads", "1");
        string all = await ScoreAsync(paths, tmp.Combine("all"));

        var h1 = OutputFiles.Hashes(one);
        var hn = OutputFiles.Hashes(all);
        h1.Remove("manifest.json");
        hn.Remove("manifest.json");
        Assert.Equal(h1, hn);
        Assert.Equal(ManifestWithout(one, "run_id", "timings_ms", "threads"), ManifestWithout(all, "run_id", "timings_ms", "threads"));
    }

    [Fact]
    public async Task LayoutRowOrderAndFormatDoNotChangeTheTables()
    {
        using var tmp = new TempDir();
        await File.WriteAllTextAsync(tmp.Combine("config.yaml"), Config);
        var inputs = Inputs();

        // 1. one Parquet file per table
        await inputs.WriteAsync(tmp.Combine("single"), InputFormat.Parquet);
        // 2. part folders, mixing Parquet and CSV parts, with Spark's marker files
        await inputs.WriteAsync(tmp.Combine("parts"), InputFormat.Parquet);
        await inputs.WritePartsAsync(tmp.Combine("parts"), TestInputs.Fees, InputFormat.Parquet, InputFormat.Csv, InputFormat.Parquet);
        await inputs.WritePartsAsync(tmp.Combine("parts"), TestInputs.Accounts, InputFormat.Csv, InputFormat.Parquet);
        await inputs.WritePartsAsync(tmp.Combine("parts"), TestInputs.Financials, InputFormat.Parquet, InputFormat.Parquet);
        // 3. every table's rows shuffled
        var shuffled = inputs.Clone();
        foreach (var table in inputs.Tables.Keys)
        {
            shuffled.Shuffle(table, seed: 17);
        }

        Assert.NotEqual(inputs[TestInputs.Fees], shuffled[TestInputs.Fees]);
        await shuffled.WriteAsync(tmp.Combine("shuffled"), InputFormat.Parquet);
        // 4. CSV instead of Parquet
        await inputs.WriteAsync(tmp.Combine("csv"), InputFormat.Csv);

        var outputs = new Dictionary<string, string>();
        foreach (var layout in new[] { "single", "parts", "shuffled", "csv" })
        {
            var r = await CliResult.RunAsync("score", "--input", tmp.Combine(layout), "--config", tmp.Combine("config.yaml"), "--output",
                tmp.Combine("out-" + layout), "--quiet");
            Assert.True(r.ExitCode == 0, layout + ": " + r);
            outputs[layout] = tmp.Combine("out-" + layout);
        }

        var reference = OutputFiles.Hashes(outputs["single"]);
        var referenceRejects = await RejectCountsAsync(outputs["single"]);
        // The rejects are not trivially empty: 1 customer, 2 accounts (a duplicated id), 2 fees.
        Assert.Equal(new Dictionary<string, int>
        {
            ["accounts:duplicate_key"] = 2, ["customers:out_of_range"] = 1, ["fees:not_finite"] = 1, ["fees:unknown_customer"] = 1,
        }, referenceRejects);
        foreach (var (layout, dir) in outputs)
        {
            var hashes = OutputFiles.Hashes(dir);
            foreach (var table in LayoutIndependent)
            {
                Assert.True(reference[table + ".parquet"] == hashes[table + ".parquet"], $"{table} differs between single and {layout}");
            }

            Assert.Equal(referenceRejects, await RejectCountsAsync(dir));
        }
    }

    private static async Task<string> ScoreAsync(RunPaths paths, string output, params string[] extra)
    {
        var r = await CliResult.RunAsync(["score", "--input", paths.Data, "--config", paths.Config, "--output", output, "--quiet",
            .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return PublishedRun.AssertComplete(output);
    }

    private static string ManifestWithout(string runDir, params string[] keys)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "manifest.json")))!.AsObject();
        foreach (var k in keys)
        {
            Assert.True(node.Remove(k), $"manifest has no '{k}'");
        }

        return node.ToJsonString();
    }

    private static async Task<SortedDictionary<string, int>> RejectCountsAsync(string dir)
    {
        var columns = await ParquetTestFiles.ReadStringColumnsAsync(Path.Combine(dir, "rejects.parquet"));
        var table = columns["table"]!;
        var reason = columns["reason"]!;
        return OutputFiles.RejectCounts(table.Select((t, i) => t + "," + reason[i]));
    }
}
