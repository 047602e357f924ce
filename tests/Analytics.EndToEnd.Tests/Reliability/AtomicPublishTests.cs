namespace Analytics.Tests.Reliability;

/// <summary>docs/METHODOLOGY.md §6: a run publishes all outputs or none, and a failed run leaves the previous outputs untouched.</summary>
public sealed class AtomicPublishTests
{
    [Theory]
    [InlineData("corrupt_fees", 1)]
    [InlineData("reject_rate_exceeded", 1)]
    [InlineData("missing_accounts", 1)]
    [InlineData("config_error", 2)]
    [InlineData("unknown_flag", 2)]
    public async Task FailedRunLeavesThePreviousRunUntouched(string failure, int exitCode)
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        var inputs = TestInputs.Valid();
        await inputs.WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        var first = await CliResult.RunAsync(paths.ScoreArgs("--quiet"));
        Assert.True(first.ExitCode == 0, first.ToString());
        string run = PublishedRun.AssertComplete(paths.Output);
        var hashes = OutputFiles.Hashes(run);

        string[] args = paths.ScoreArgs("--quiet");
        switch (failure)
        {
            case "corrupt_fees":
                var bytes = new byte[3000];
                new Random(1).NextBytes(bytes);
                await File.WriteAllBytesAsync(Path.Combine(paths.Data, "fees.parquet"), bytes);
                break;
            case "reject_rate_exceeded":
                await ParquetTestFiles.WriteFromCsvAsync(Path.Combine(paths.Data, "fees.parquet"), "fees",
                    inputs.Clone().SetColumn("fees", "currency", (r, v) => r % 20 == 0 ? "XYZ" : v)["fees"]);
                break;
            case "missing_accounts":
                File.Delete(Path.Combine(paths.Data, "accounts.parquet"));
                break;
            case "config_error":
                await File.WriteAllTextAsync(paths.Config, TestInputs.ConfigWith("hurdle_rate: 0.12", "hurdle_rate: -1"));
                break;
            default:
                args = paths.ScoreArgs("--quiet", "--frobnicate");
                break;
        }

        var second = await CliResult.RunAsync(args);
        Assert.True(second.ExitCode == exitCode, second.ToString());

        Assert.Equal(run, PublishedRun.LinkedRun(paths.Output));
        Assert.Equal(run, PublishedRun.AssertComplete(paths.Output));
        Assert.Equal(hashes, OutputFiles.Hashes(run));
        Assert.Equal(hashes, OutputFiles.Hashes(paths.Output)); // read through the link
        Assert.Empty(PublishedRun.RunsEntries(paths.Output, ".tmp-"));
        Assert.Single(Directory.GetFileSystemEntries(paths.Runs));
    }

    [Fact]
    public async Task KeepsThreeRunsAndPrunesStagingOfKilledRunsAfterSixHours()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid().WriteAsync(paths.Data, InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);

        var published = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            if (i == 3)
            {
                // Leftovers of killed runs: one 7 hours old (pruned), one fresh (maybe still running elsewhere: kept).
                Directory.CreateDirectory(Path.Combine(paths.Runs, ".tmp-old"));
                Directory.SetLastWriteTimeUtc(Path.Combine(paths.Runs, ".tmp-old"), DateTime.UtcNow.AddHours(-7));
                Directory.CreateDirectory(Path.Combine(paths.Runs, ".tmp-recent"));
            }

            var r = await CliResult.RunAsync(paths.ScoreArgs("--quiet"));
            Assert.True(r.ExitCode == 0, r.ToString());
            published.Add(PublishedRun.AssertComplete(paths.Output));
            Assert.Equal(published[^1], PublishedRun.LinkedRun(paths.Output));
        }

        Assert.Equal(4, published.Distinct().Count());
        Assert.Equal(published.Skip(1).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            PublishedRun.RunsEntries(paths.Output, "run-"));
        Assert.Equal([".tmp-recent"], PublishedRun.RunsEntries(paths.Output, ".tmp-"));

        // Identical inputs: every run published the same tables.
        var a = OutputFiles.Hashes(published[1]);
        var b = OutputFiles.Hashes(published[3]);
        a.Remove("manifest.json");
        b.Remove("manifest.json");
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task AnEarlierPlainFolderRunBecomesARunFolder()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid().WriteAsync(paths.Data, InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        Directory.CreateDirectory(paths.Output);
        await File.WriteAllTextAsync(Path.Combine(paths.Output, "manifest.json"), "{}");

        var r = await CliResult.RunAsync(paths.ScoreArgs("--quiet"));

        Assert.True(r.ExitCode == 0, r.ToString());
        PublishedRun.AssertComplete(paths.Output);
        var legacy = Assert.Single(PublishedRun.RunsEntries(paths.Output, "run-"), n => n.EndsWith("-legacy", StringComparison.Ordinal));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(paths.Runs, legacy, "manifest.json")));
    }
}
