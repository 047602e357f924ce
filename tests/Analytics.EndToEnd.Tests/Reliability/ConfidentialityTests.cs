using System.Text;

namespace Analytics.Tests.Reliability;

/// <summary>
/// docs/METHODOLOGY.md §7: confidential columns never appear in logs, errors, rejects or the pricing desk's file; other outputs carry
/// them only on request. A recognisable name is planted in two confidential columns of every customer (including
/// rejected ones) and searched for in every byte every command writes, and in every string cell of every Parquet
/// output (Snappy compression could hide it from a byte scan).
/// </summary>
public sealed class ConfidentialityTests
{
    private const string Secret = "ZZSECRET-Ω-Customer";

    /// <summary>The ASCII part alone: catches the secret even if the non-ASCII letter were mangled on the way out.</summary>
    private const string Marker = "ZZSECRET";

    private static readonly string Config = TestInputs.Edit(
        TestInputs.ConfigWithRejectRate(0.5), "confidential_columns: [customer_name]", "confidential_columns: [customer_name, rm_id]");

    /// <summary>Valid inputs with the secret in customer_name and rm_id of every customer, plus rejected rows that carry it.</summary>
    private static TestInputs SecretInputs() => TestInputs.Valid()
        .SetColumn(TestInputs.Customers, "customer_name", (r, _) => $"{Secret} {r}, \"Ltd\"")
        .SetColumn(TestInputs.Customers, "rm_id", (r, _) => $"{Secret}-RM{r}")
        .AppendLines(TestInputs.Customers,
            CsvText.Write([["C006", Secret + " rejected", "retail", "west", Secret + "-RM6", "B", "2", ""]]).TrimEnd('\n'),
            CsvText.Write([["C007", Secret + " dup 1", "retail", "west", Secret + "-RM7", "B", "0.1", ""]]).TrimEnd('\n'),
            CsvText.Write([["C007", Secret + " dup 2", "retail", "west", Secret + "-RM7", "B", "0.1", ""]]).TrimEnd('\n'));

    [Fact]
    public async Task NoCommandWritesAConfidentialValueAnywhere()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await SecretInputs().WriteAsync(paths.Data, InputFormat.Parquet);
        await SecretInputs().WriteAsync(tmp.Combine("data-csv"), InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, Config);
        var results = new List<CliResult>
        {
            await CliResult.RunAsync(paths.ScoreArgs("--verbose")),
            await CliResult.RunAsync("score", "--input", tmp.Combine("data-csv"), "--config", paths.Config, "--output",
                tmp.Combine("out-csv"), "--format", "csv", "--verbose"),
            await CliResult.RunAsync("validate", "--input", paths.Data, "--config", paths.Config, "--verbose"),
            await CliResult.RunAsync("explain", "C001", "--input", paths.Data, "--config", paths.Config, "--verbose"),
            await CliResult.RunAsync("explain", "C002", "--input", tmp.Combine("data-csv"), "--config", paths.Config),
        };
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.NotEmpty(OutputFiles.Rejects(tmp.Combine("out-csv")));

        // Failing runs, verbose so inner exceptions are printed too: too many rejects (the default rate) on top of
        // the published run, and a broken quote right inside a secret name.
        await File.WriteAllTextAsync(tmp.Combine("strict.yaml"),
            TestInputs.Edit(TestInputs.ExampleConfig, "confidential_columns: [customer_name]",
            "confidential_columns: [customer_name, rm_id]"));
        var strict = await CliResult.RunAsync("score", "--input", paths.Data, "--config", tmp.Combine("strict.yaml"), "--output",
            paths.Output, "--verbose");
        Assert.Equal(1, strict.ExitCode);
        var broken = SecretInputs().Mutate(TestInputs.Customers, t => t.Replace($"{Secret} 2, \"\"Ltd\"\"\"", $"{Secret} 2\"x",
            StringComparison.Ordinal));
        Assert.NotEqual(SecretInputs()[TestInputs.Customers], broken[TestInputs.Customers]);
        await broken.WriteAsync(tmp.Combine("data-broken"), InputFormat.Csv);
        var brokenRun = await CliResult.RunAsync("score", "--input", tmp.Combine("data-broken"), "--config", paths.Config, "--output",
            tmp.Combine("out-broken"), "--verbose");
        Assert.Equal(1, brokenRun.ExitCode);
        Assert.Contains("'customers.csv' has a malformed quoted field at row 2", brokenRun.Stderr, StringComparison.Ordinal);
        var brokenValidate = await CliResult.RunAsync("validate", "--input", tmp.Combine("data-broken"), "--config", paths.Config,
            "--verbose");
        Assert.Equal(1, brokenValidate.ExitCode);
        results.AddRange([strict, brokenRun, brokenValidate]);

        foreach (var r in results)
        {
            Assert.DoesNotContain(Marker, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Marker, r.Stderr, StringComparison.Ordinal);
        }

        // Every file written under the temp folder: the test's own inputs and configs aside, that is the run folders
        // (the output links point into them; enumeration follows the links, so count the real folders only).
        var all = Directory.EnumerateFiles(tmp.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tmp.Path, f))
            .Where(f => !f.StartsWith("data", StringComparison.Ordinal) && !f.EndsWith(".yaml", StringComparison.Ordinal))
            .ToArray();
        Assert.All(all, f => Assert.Matches(@"^out(-csv)?(\.runs/run-[^/]+)?/[a-z_]+\.(parquet|csv|json|html)$", f));
        var written = all.Where(f => f.Split('/')[0].EndsWith(".runs", StringComparison.Ordinal)).Select(f => tmp.Combine(f)).ToArray();
        Assert.Equal(2 * PublishedRun.ExpectedFiles().Length, written.Length);
        foreach (var file in written)
        {
            await AssertSecretAbsentAsync(file);
        }

        // The published tables do hold the customers, so the scan above looked at real content.
        var profitability = await ParquetTestFiles.ReadStringColumnsAsync(Path.Combine(paths.Output, "customer_profitability.parquet"));
        Assert.Equal(["C001", "C002", "C003", "C004", "C005"], NonNull(profitability["customer_id"]));
        Assert.False(profitability.ContainsKey("customer_name"));
        Assert.False(profitability.ContainsKey("rm_id"));
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public async Task IncludeNamesPutsNamesOnlyInTheOutputsThatAllowThem(string format)
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await SecretInputs().WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, Config);

        var r = await CliResult.RunAsync(paths.ScoreArgs("--include-names", "--format", format, "--verbose"));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain(Marker, r.Stdout + r.Stderr, StringComparison.Ordinal);
        string run = PublishedRun.AssertComplete(paths.Output, format);
        // report.html may show names in its maturity-notice table when asked (issue 7: "no names unless --include-names").
        string[] carriers = ["customer_profitability", "early_warnings", "maturity_notices", "report"];
        foreach (var file in Directory.GetFiles(run))
        {
            string table = Path.GetFileNameWithoutExtension(file);
            if (carriers.Contains(table))
            {
                continue;
            }

            // customer_segments (the pricing desk's file), rejects, underpriced_loans, manifest.json, reconciliation.json and the rest.
            await AssertSecretAbsentAsync(file);
        }

        foreach (var table in new[] { "customer_profitability", "early_warnings" })
        {
            var (ids, names, rms) = await ReadNamesAsync(run, table, format);
            Assert.Equal(["C001", "C002", "C003", "C004", "C005"], ids);
            Assert.Equal(ids.Select((_, i) => $"{Secret} {i + 1}, \"Ltd\""), names);
            Assert.Equal(ids.Select((_, i) => $"{Secret}-RM{i + 1}"), rms);
        }

        var notice = await ReadNamesAsync(run, "maturity_notices", format);
        Assert.Equal(["C001"], notice.Ids);
        Assert.Equal([$"{Secret} 1, \"Ltd\""], notice.Names);
        Assert.Equal([$"{Secret}-RM1"], notice.Rms);
    }

    [Fact]
    public async Task ExplainHidesAttributesDeclaredConfidential()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await SecretInputs().SetColumn(TestInputs.Customers, "industry", (r, _) => $"{Secret} industry {r}")
            .WriteAsync(paths.Data, InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, TestInputs.Edit(Config, "confidential_columns: [customer_name, rm_id]",
            "confidential_columns: [customer_name, rm_id, industry]"));

        var explain = await CliResult.RunAsync("explain", "C003", "--input", paths.Data, "--config", paths.Config);
        var score = await CliResult.RunAsync(paths.ScoreArgs("--format", "csv"));

        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains("Customer C003", explain.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, explain.Stdout + explain.Stderr, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(paths.Output))
        {
            await AssertSecretAbsentAsync(file);
        }
    }

    private static async Task<(string[] Ids, string[] Names, string[] Rms)> ReadNamesAsync(string run, string table, string format)
    {
        if (format == "parquet")
        {
            var columns = await ParquetTestFiles.ReadStringColumnsAsync(Path.Combine(run, table + ".parquet"));
            return (NonNull(columns["customer_id"]), NonNull(columns["customer_name"]), NonNull(columns["rm_id"]));
        }

        var records = CsvText.Parse(await File.ReadAllTextAsync(Path.Combine(run, table + ".csv")));
        int id = Array.IndexOf(records[0], "customer_id"), name = Array.IndexOf(records[0], "customer_name"),
            rm = Array.IndexOf(records[0], "rm_id");
        Assert.True(name >= 0 && rm >= 0, $"{table}.csv lacks the confidential columns");
        return ([.. records.Skip(1).Select(f => f[id])], [.. records.Skip(1).Select(f => f[name])],
            [.. records.Skip(1).Select(f => f[rm])]);
    }

    private static string[] NonNull(string?[]? values) => [.. (values
        ?? throw new InvalidOperationException("not a string column")).Select(v => v ?? "<null>")];

    /// <summary>The marker in neither UTF-8 nor UTF-16 bytes, nor, for Parquet files, in any decoded string cell.</summary>
    private static async Task AssertSecretAbsentAsync(string file)
    {
        byte[] bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker)) < 0, $"'{file}' holds the confidential marker");
        Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(Marker)) < 0, $"'{file}' holds the confidential marker (UTF-16)");
        if (file.EndsWith(".parquet", StringComparison.Ordinal))
        {
            foreach (var (column, values) in await ParquetTestFiles.ReadStringColumnsAsync(file))
            {
                Assert.DoesNotContain(Marker, column, StringComparison.Ordinal);
                Assert.DoesNotContain(values ?? [], v => v is not null && v.Contains(Marker, StringComparison.Ordinal));
            }
        }
    }
}
