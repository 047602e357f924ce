using System.Security.Cryptography;
using Analytics.Tests.EndToEnd;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.OverTime;

/// <summary>generate --months and backtest on the command line: determinism and the sentences of bad usage.</summary>
public sealed class SeriesCommandTests
{
    [Fact]
    public async Task TheSameSeedWritesTheSameSeries()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "a", "b" })
        {
            var run = await RunHarness.Run("generate", "--customers", "40", "--seed", "5", "--months", "3", "--as-of", "2026-03-15",
                "--output", dir.Combine(name), "--quiet");
            Assert.True(run.Exit == 0, run.Stderr);
        }

        Assert.Equal(["2026-01", "2026-02", "2026-03"], Directory.GetDirectories(dir.Combine("a")).Select(d =>
            Path.GetFileName(d)).Order(StringComparer.Ordinal));
        Assert.Equal(Hashes(dir.Combine("a")), Hashes(dir.Combine("b")));
        Assert.Contains("as_of: 2026-03-31", File.ReadAllText(dir.Combine("a", "2026-03", "_config.yaml")), StringComparison.Ordinal);
        Assert.Contains("period: { start: 2026-02-01, end: 2026-02-28 }", File.ReadAllText(dir.Combine("a", "2026-02", "_config.yaml")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASeriesNeverOverwritesWithoutForce()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("keep.txt"), "data");
        var run = await RunHarness.Run("generate", "--customers", "10", "--months", "2", "--output", dir.Path);
        Assert.Equal(2, run.Exit);
        Assert.Equal($"The output folder {dir.Path} is not empty (it holds keep.txt); generate never replaces data, so choose a new or "
            + $"empty folder, or add --force to overwrite the generated files in it.\n", run.Stderr);
    }

    [Fact]
    public async Task BacktestNeedsTwoRuns()
    {
        using var dir = new TempDir();
        var run = await RunHarness.Run("backtest", "--runs", dir.Path, "--output", dir.Combine("bt"));
        Assert.Equal(2, run.Exit);
        Assert.Equal("--runs needs at least two run output folders, one per period.\n", run.Stderr);
    }

    private static SortedDictionary<string, string> Hashes(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
                StringComparer.Ordinal);
}
