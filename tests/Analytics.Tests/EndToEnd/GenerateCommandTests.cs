namespace Analytics.Tests.EndToEnd;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generate_then_score_round_trips_through_the_cli()
    {
        string dir = Path.Combine(Path.GetTempPath(), "analytics-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, stderr) = await RunHarness.Run("generate", "--customers", "60", "--seed", "3", "--output", Path.Combine(dir,
                "data"), "--format", "csv");
            Assert.True(exit == 0, stderr);
            Assert.StartsWith("Generated 60 customers,", stdout);
            Assert.Equal(
                ["accounts.csv", "cross_sales.csv", "customers.csv", "fees.csv", "financials.csv"],
                Directory.GetFiles(Path.Combine(dir, "data")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());

            string config = Path.Combine(RunHarness.RepoRoot(), "data-samples", "config.yaml");
            (exit, _, stderr) = await RunHarness.Run("score", "--input", Path.Combine(dir, "data"), "--config", config, "--output",
                Path.Combine(dir, "out"), "--quiet");
            Assert.True(exit == 0, stderr);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Generate_refuses_a_bad_count_with_exit_2()
    {
        var (exit, _, stderr) = await RunHarness.Run("generate", "--customers", "0", "--output", Path.Combine(Path.GetTempPath(), "never-"
            + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, exit);
        Assert.Equal("The number of customers (--customers) must be at least 1, not 0.", stderr.Trim());
    }
}
