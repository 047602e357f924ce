using System.Globalization;
using Analytics.Tests.EndToEnd;

namespace Analytics.Tests.Reliability;

/// <summary>
/// Period sanity: a fees or financials table with valid rows of which none falls in the run's window fails the run
/// (exit 1) with one sentence naming the table, the configured window and the dates found; validate says the same.
/// A wrong period must never publish believable figures (fee income 0 for everyone).
/// </summary>
public sealed class PeriodSanityTests
{
    private const string October =
        "as_of: 2026-10-31                          # run date; required\nperiod: { start: 2026-10-01, end: 2026-10-31 }";

    private static string Config(string asOf, string start, string end) =>
        TestInputs.ConfigWith(October, $"as_of: {asOf}\nperiod: {{ start: {start}, end: {end} }}");

    [Fact]
    public async Task Period_december_2025_on_the_october_2026_samples_fails_score_and_validate()
    {
        // The scenario. The sample's fees are booked in October 2026, or (5 %, by the generator's rule) 1–30
        // days before the period or 1–15 days after it: 2026-09-01..2026-11-15, none in December 2025.
        using var tmp = new TempDir();
        string samples = Path.Combine(RunHarness.RepoRoot(), "data-samples");
        string sampleConfig = File.ReadAllText(Path.Combine(samples, "config.yaml"));
        string config = tmp.Combine("december.yaml");
        File.WriteAllText(config, TestInputs.Edit(sampleConfig,
            "as_of: 2026-10-31\nperiod: { start: 2026-10-01, end: 2026-10-31 }",
            "as_of: 2025-12-31\nperiod: { start: 2025-12-01, end: 2025-12-31 }"));

        // The valid fee rows are those the normal run reads and does not reject.
        var (okExit, okOut, okErr) = await RunHarness.Run("validate", "--input", samples, "--config", Path.Combine(samples, "config.yaml"));
        Assert.True(okExit == 0, okErr);
        string[] fees = okOut.Split('\n').Single(l => l.StartsWith("fees ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long valid = long.Parse(fees[2], CultureInfo.InvariantCulture) - long.Parse(fees[4], CultureInfo.InvariantCulture);
        string expected = string.Create(CultureInfo.InvariantCulture,
            $"Table 'fees' has {valid:N0} valid rows but none booked in the configured period 2025-12-01..2025-12-31 (booking dates "
                + $"found: 2026-09-01..2026-11-15); check period in the config and rerun.");

        var (exit, stdout, stderr) = await RunHarness.Run("validate", "--input", samples, "--config", config);
        Assert.Equal(1, exit);
        Assert.Equal(expected, stderr.Trim());
        Assert.DoesNotContain("OK:", stdout);

        string output = tmp.Combine("out");
        (exit, _, stderr) = await RunHarness.Run("score", "--input", samples, "--config", config, "--output", output, "--quiet");
        Assert.Equal(1, exit);
        Assert.Equal(expected, stderr.Trim());
        Assert.False(Directory.Exists(output) || File.Exists(output), "nothing may be published");
    }

    [Fact]
    public async Task Fees_that_all_miss_the_period_name_the_period_and_the_booking_dates()
    {
        // TestInputs' 200 fees are booked 2026-10-01..2026-10-31, every 50th on 2026-09-15: all valid.
        using var tmp = new TempDir();
        await TestInputs.Valid().WriteAsync(tmp.Combine("data"), InputFormat.Csv);
        File.WriteAllText(tmp.Combine("c.yaml"), Config("2026-12-31", "2026-12-01", "2026-12-31"));

        var (exit, _, stderr) = await RunHarness.Run("score", "--input", tmp.Combine("data"), "--config", tmp.Combine("c.yaml"), "--output",
            tmp.Combine("out"), "--quiet");

        Assert.Equal(1, exit);
        Assert.Equal(
            "Table 'fees' has 200 valid rows but none booked in the configured period 2026-12-01..2026-12-31 (booking dates found: "
                + "2026-09-15..2026-10-31); check period in the config and rerun.",
            stderr.Trim());
    }

    [Fact]
    public async Task Statements_that_all_follow_as_of_name_as_of_and_the_statement_dates()
    {
        // Without fees, so only financials can trip: 7 statements dated 2023-12-31..2025-12-31, as_of a year earlier.
        using var tmp = new TempDir();
        await TestInputs.Valid().Remove(TestInputs.Fees).WriteAsync(tmp.Combine("data"), InputFormat.Parquet);
        File.WriteAllText(tmp.Combine("c.yaml"), Config("2022-12-31", "2022-12-01", "2022-12-31"));

        var (exit, _, stderr) = await RunHarness.Run("validate", "--input", tmp.Combine("data"), "--config", tmp.Combine("c.yaml"));

        Assert.Equal(1, exit);
        Assert.Equal(
            "Table 'financials' has 7 valid statements but none dated on or before the configured as_of 2022-12-31 (statement dates "
                + "found: 2023-12-31..2025-12-31); check as_of in the config and rerun.",
            stderr.Trim());
    }

    [Fact]
    public async Task One_fee_in_the_period_is_enough()
    {
        // Only row 1 (2026-10-01) falls in a one-day period: the run scores, with 199 fees out of period.
        using var tmp = new TempDir();
        await TestInputs.Valid().WriteAsync(tmp.Combine("data"), InputFormat.Csv);
        File.WriteAllText(tmp.Combine("c.yaml"), Config("2026-10-01", "2026-10-01", "2026-10-01"));

        var (exit, stdout, stderr) = await RunHarness.Run("validate", "--input", tmp.Combine("data"), "--config", tmp.Combine("c.yaml"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("OK: a score run would accept 5 customers.", stdout);
    }

    [Fact]
    public async Task An_absent_or_empty_table_is_no_period_error()
    {
        using var tmp = new TempDir();
        await TestInputs.Valid().HeaderOnly(TestInputs.Fees).Remove(TestInputs.Financials).WriteAsync(tmp.Combine("data"), InputFormat.Csv);
        File.WriteAllText(tmp.Combine("c.yaml"), Config("2026-12-31", "2026-12-01", "2026-12-31"));

        var (exit, _, stderr) = await RunHarness.Run("validate", "--input", tmp.Combine("data"), "--config", tmp.Combine("c.yaml"));

        Assert.True(exit == 0, stderr);
    }
}
