using System.Text.RegularExpressions;

namespace Analytics.Tests.Reliability;

/// <summary><c>analytics validate</c>: the per-table summary and reasons, the exit code of the gates, and no writes.</summary>
public sealed class ValidateCommandTests
{
    [Fact]
    public async Task ValidDataPrintsTheSummaryAndExitsZero()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid().WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        var before = Snapshot(tmp.Path);

        var r = await CliResult.RunAsync("validate", "--input", paths.Data, "--config", paths.Config);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        Assert.Equal(
        [
            "Config 'config.yaml' is valid.",
            "table present read accepted rejected out_of_period reject_rate",
            "customers yes 5 5 0 0 0.00 %",
            "accounts yes 9 9 0 0 0.00 %",
            "fees yes 200 196 0 4 0.00 %",   // every 50th fee row is booked in September
            "cross_sales yes 5 5 0 0 0.00 %",
            "financials yes 7 7 0 0 0.00 %",
            "OK: a score run would accept 5 customers.",
        ], Lines(r.Stdout));
        Assert.Equal(before, Snapshot(tmp.Path));
    }

    [Fact]
    public async Task RejectsAreListedByTableColumnAndReason()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid()
            .SetCell(TestInputs.Fees, 5, "amount", "NaN")
            .SetCell(TestInputs.Fees, 9, "currency", "XYZ")
            .Remove(TestInputs.CrossSales)
            .WriteAsync(paths.Data, InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        var before = Snapshot(tmp.Path);

        var r = await CliResult.RunAsync("validate", "--input", paths.Data, "--config", paths.Config);

        // 2 of 200 fee rows = 1.00 %, not above the 1 % limit.
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = Lines(r.Stdout);
        Assert.Contains("fees yes 200 194 2 4 1.00 %", lines);
        Assert.Contains("cross_sales no 0 0 0 0 0.00 %", lines);
        Assert.Equal(
        [
            "Rejected rows by table, column and reason:",
            "fees.amount not_finite: 1 row(s), e.g. fees.csv:5",
            "fees.currency unknown_currency: 1 row(s), e.g. fees.csv:9",
            "OK: a score run would accept 5 customers.",
        ], lines[^4..]);
        Assert.Equal(before, Snapshot(tmp.Path));
    }

    [Fact]
    public async Task RejectRateOverTheLimitExitsOneAfterPrintingWhy()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid()
            .SetColumn(TestInputs.Fees, "booking_date", (row, v) => row <= 7 ? "2026-13-01" : v)
            .AppendLines(TestInputs.Customers, "C002,Again,,,,,,")
            .WriteAsync(paths.Data, InputFormat.Csv);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);
        var before = Snapshot(tmp.Path);

        var r = await CliResult.RunAsync("validate", "--input", paths.Data, "--config", paths.Config);

        Assert.Equal(1, r.ExitCode);
        var lines = Lines(r.Stdout);
        Assert.Contains("customers yes 6 4 2 0 33.33 %", lines);
        Assert.Contains("customers.customer_id duplicate_key: 2 row(s), e.g. customers.csv:2, customers.csv:6", lines);
        // Fee rows of C002 (every 5th from row 2) are unknown customers; the first failing column is reported, so
        // rows 2 and 7 count there, not as unparsable dates.
        Assert.Contains("fees yes 200 151 45 4 22.50 %", lines);
        Assert.Contains("fees.booking_date unparsable: 5 row(s), e.g. fees.csv:1, fees.csv:3, fees.csv:4, fees.csv:5, fees.csv:6", lines);
        Assert.Contains(
            "fees.customer_id unknown_customer: 40 row(s), e.g. fees.csv:2, fees.csv:7, fees.csv:12, fees.csv:17, fees.csv:22, …", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("OK:", StringComparison.Ordinal));
        var error = Assert.Single(r.StderrLines);
        Assert.Equal("Table 'customers' rejected 2 of 6 rows (33.33 %), above run.max_reject_rate 1.00 %; see the rejects listed by "
            + "'analytics validate', fix the data and rerun.", error);
        Assert.Equal(before, Snapshot(tmp.Path));
    }

    [Fact]
    public async Task ABadConfigExitsTwoBeforeReadingData()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        Directory.CreateDirectory(paths.Data); // no tables at all: a data error would be exit 1
        await File.WriteAllTextAsync(paths.Config, TestInputs.ConfigWith("as_of: 2026-10-31", "as_of: 2026-02-30"));

        var r = await CliResult.RunAsync("validate", "--input", paths.Data, "--config", paths.Config);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'as_of'", Assert.Single(r.StderrLines), StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    /// <summary>Whitespace-normalised non-empty lines.</summary>
    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).Where(l => l.Length > 0)];

    /// <summary>Every entry under <paramref name="root"/> with its size and write time: what "writes nothing" compares.</summary>
    private static string[] Snapshot(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(root, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} "
                + $"{File.GetLastWriteTimeUtc(p):O}")
            .Order(StringComparer.Ordinal)];
}
