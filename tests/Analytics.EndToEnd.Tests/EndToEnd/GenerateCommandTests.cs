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
            Assert.EndsWith("with _config.yaml (as_of 2026-10-31)", stdout.Trim());
            Assert.Equal(
                ["_config.yaml", "accounts.csv", "cross_sales.csv", "customers.csv", "fees.csv", "financials.csv"],
                Directory.GetFiles(Path.Combine(dir, "data")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());

            string config = Path.Combine(dir, "data", "_config.yaml");
            (exit, _, stderr) = await RunHarness.Run("score", "--input", Path.Combine(dir, "data"), "--config", config, "--output",
                Path.Combine(dir, "out"), "--quiet", "--format", "csv");
            Assert.True(exit == 0, stderr);
            Assert.Equal(60, RunHarness.ReadCsv(Path.Combine(dir, "out", "customer_profitability.csv")).Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Generate_as_of_another_month_then_score_with_its_own_config()
    {
        string dir = Path.Combine(Path.GetTempPath(), "analytics-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            string data = Path.Combine(dir, "data");
            var (exit, stdout, stderr) = await RunHarness.Run("generate", "--customers", "80", "--seed", "5", "--output", data, "--as-of",
                "2027-03-31", "--format", "csv");
            Assert.True(exit == 0, stderr);
            Assert.EndsWith("with _config.yaml (as_of 2027-03-31)", stdout.Trim());
            string config = File.ReadAllText(Path.Combine(data, "_config.yaml"));
            Assert.Contains("as_of: 2027-03-31\nperiod: { start: 2027-03-01, end: 2027-03-31 }\n", config);

            // validate and score accept the data with the config written beside it, and the fees fall in the period.
            (exit, _, stderr) = await RunHarness.Run("validate", "--input", data, "--config", Path.Combine(data, "_config.yaml"));
            Assert.True(exit == 0, stderr);
            (exit, _, stderr) = await RunHarness.Run("score", "--input", data, "--config", Path.Combine(data, "_config.yaml"), "--output",
                Path.Combine(dir, "out"), "--quiet", "--format", "csv");
            Assert.True(exit == 0, stderr);
            var rows = RunHarness.ReadCsv(Path.Combine(dir, "out", "customer_profitability.csv"));
            Assert.Equal(80, rows.Count);
            Assert.True(rows.Sum(r => r.D("fee_income")) > 0, "fees must be booked in the generated period");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Generate_refuses_a_folder_that_holds_data_with_exit_2_and_force_overwrites_it()
    {
        string dir = Path.Combine(Path.GetTempPath(), "analytics-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _, stderr) = await RunHarness.Run("generate", "--customers", "50", "--output", dir, "--quiet");
            Assert.True(exit == 0, stderr);
            byte[] customers = File.ReadAllBytes(Path.Combine(dir, "customers.parquet"));

            (exit, _, stderr) = await RunHarness.Run("generate", "--customers", "5", "--output", dir);
            Assert.Equal(2, exit);
            string first = Path.GetFileName(Directory.EnumerateFileSystemEntries(dir).First());
            Assert.Equal(
                $"The output folder {dir} is not empty (it holds {first}); generate never replaces data, so choose a new or empty "
                    + $"folder, or add --force to overwrite the generated files in it.",
                stderr.Trim());
            Assert.Equal(customers, File.ReadAllBytes(Path.Combine(dir, "customers.parquet")));

            (exit, var stdout, stderr) = await RunHarness.Run("generate", "--customers", "5", "--output", dir, "--force");
            Assert.True(exit == 0, stderr);
            Assert.StartsWith("Generated 5 customers,", stdout);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Generate_refuses_an_unreadable_as_of_date()
    {
        var (exit, _, stderr) = await RunHarness.Run("generate", "--customers", "5", "--as-of", "31/10/2026", "--output",
            Path.Combine(Path.GetTempPath(), "never-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, exit);
        Assert.Equal("--as-of must be a date in yyyy-MM-dd form, such as 2026-10-31, not '31/10/2026'.", stderr.Trim());
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
