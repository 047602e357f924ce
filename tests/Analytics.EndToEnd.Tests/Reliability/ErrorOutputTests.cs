namespace Analytics.Tests.Reliability;

/// <summary>docs/METHODOLOGY.md §8: errors go to stderr as one plain sentence; stack traces only with --verbose.</summary>
public sealed class ErrorOutputTests
{
    private const string Sentence =
        "Table 'fees' rejected 200 of 200 rows (100.00 %), above run.max_reject_rate 1.00 %; see the rejects listed by 'analytics "
        + "validate', fix the data and rerun.";

    [Fact]
    public async Task WithoutVerboseTheErrorIsOneSentenceAfterTheProgressLines()
    {
        var r = await RunOrphanFeesAsync();

        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(Sentence, r.StderrLines[^1]);
        Assert.Single(r.StderrLines, l => l.Contains("rejected", StringComparison.Ordinal));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task VerbosePrintsTheStackTraceAfterTheSentence()
    {
        var r = await RunOrphanFeesAsync("--verbose");

        Assert.Equal(1, r.ExitCode);
        int sentence = Array.IndexOf(r.StderrLines, Sentence);
        Assert.True(sentence >= 0, r.ToString());
        Assert.Contains(r.StderrLines[(sentence + 1)..], l => l.StartsWith("at Analytics.", StringComparison.Ordinal));
    }

    private static async Task<CliResult> RunOrphanFeesAsync(params string[] extra)
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid().SetColumn(TestInputs.Fees, "customer_id", (_, _) => "C999").WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        var r = await CliResult.RunAsync(paths.ScoreArgs(extra));
        paths.AssertNothingPublished();
        return r;
    }
}
