namespace Analytics.Tests.EndToEnd;

/// <summary>The README's scoring command on data-samples/ succeeds and publishes every output, balanced.</summary>
public sealed class DataSamplesRunTests
{
    [Fact]
    public async Task Readme_scoring_command_succeeds_on_the_samples()
    {
        string root = RunHarness.RepoRoot();
        string output = Path.Combine(Path.GetTempPath(), "analytics-samples-" + Guid.NewGuid().ToString("N"), "latest");
        try
        {
            var (exit, stdout, stderr) = await RunHarness.Run(
                "score", "--input", Path.Combine(root, "data-samples"), "--config", Path.Combine(root, "data-samples", "config.yaml"),
                    "--output", output);
            Assert.True(exit == 0, stderr);
            Assert.StartsWith("Scored 497 customers (23 rows rejected)", stdout);
            foreach (var table in new[] { "customer_profitability", "customer_segments", "cluster_profiles", "early_warnings",
                "early_warning_reasons", "maturity_notices", "underpriced_loans", "rejects", "account_profitability" })
            {
                Assert.True(File.Exists(Path.Combine(output, table + ".parquet")), table);
            }

            Assert.Contains("\"status\": \"balanced\"", File.ReadAllText(Path.Combine(output, "reconciliation.json")));
            Assert.True(new FileInfo(Path.Combine(output, "report.html")).Length > 10_000);
        }
        finally
        {
            string parent = Path.GetDirectoryName(output)!;
            if (Directory.Exists(parent)) Directory.Delete(parent, true);
        }
    }
}
