using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

/// <summary>--version, --help and the progress switches of the command line.</summary>
[Collection(ScoredSampleCollection.Name)]
public sealed class CliSurfaceTests(ScoredSample sample)
{
    [Fact]
    public void Version_prints_the_engine_version_only()
    {
        var (code, output, error) = ScoredSample.Run("--version");
        Assert.Equal(0, code);
        Assert.Equal($"analytics {RunManifest.EngineVersion}", output.TrimEnd());
        Assert.Matches(@"^\d+\.\d+\.\d+", RunManifest.EngineVersion);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("score", "analytics score --input")]
    [InlineData("validate", "analytics validate --input")]
    [InlineData("explain", "analytics explain C")]
    public void Every_command_has_help_with_an_example(string command, string example)
    {
        var (code, output, _) = ScoredSample.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
        Assert.Contains("Example: " + example, output);
        Assert.Contains("--input <DIR>", output);
        Assert.Contains("--config <FILE>", output);
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var (code, output, _) = ScoredSample.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "score", "validate", "explain <CUSTOMER_ID>", "--version" })
        {
            Assert.Contains(command, output);
        }
    }

    [Fact]
    public void Quiet_prints_nothing_on_success()
    {
        string output = Path.Combine(sample.Root, "out-quiet");
        var (code, stdout, stderr) = ScoredSample.Run("score", "--input", sample.InputDirectory, "--config", sample.ConfigPath, "--output",
            output, "--format", "csv", "--quiet");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Plain_log_has_one_line_per_stage_with_rows_per_second_and_verbose_adds_tables()
    {
        // Test streams are not a terminal, so the line-oriented log is used.
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        foreach (string stage in new[] { "read and validate", "score", "write outputs" })
        {
            Assert.Matches($@"(?m)^{stage}\s+[\d,]+ rows\s+\d+\.\d\d s\s+[\d,]+ rows/s$", sample.Stderr);
        }

        Assert.DoesNotContain("customer_profitability:", sample.Stderr);
        string output = Path.Combine(sample.Root, "out-verbose");
        var (code, _, stderr) = ScoredSample.Run("score", "--input", sample.InputDirectory, "--config", sample.ConfigPath, "--output",
            output, "--format", "csv", "--verbose");
        Assert.Equal(0, code);
        Assert.Contains("customers: 240 read, 239 accepted, 1 rejected, 0 out of period", stderr);
        Assert.Contains("customer_profitability: 239 rows", stderr);
    }

    [Fact]
    public void Quiet_and_verbose_together_is_a_usage_error()
    {
        var (code, _, error) = ScoredSample.Run("score", "--input", sample.InputDirectory, "--config", sample.ConfigPath, "--output",
            Path.Combine(sample.Root, "never"), "--quiet", "--verbose");
        Assert.Equal(2, code);
        // --verbose also prints the stack trace after the sentence.
        Assert.Equal("--quiet and --verbose contradict each other; give one of them.", error.Split('\n')[0]);
        Assert.False(Directory.Exists(Path.Combine(sample.Root, "never")));
    }
}
