using System.Diagnostics;
using Xunit.Abstractions;

namespace Analytics.Tests.Reliability;

/// <summary>
/// docs/METHODOLOGY.md §6, "a failed or killed run leaves the previous outputs untouched": the real CLI runs as a child process
/// (<c>dotnet analytics.dll score …</c>) on 20,000 fee rows and is SIGKILLed at several moments. Whatever the moment,
/// the output path must be absent or a link to a complete run; never a partial one.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class KilledRunTests(ITestOutputHelper log)
{
    [Fact]
    public async Task AKilledRunNeverLeavesAPartialOutput()
    {
        using var tmp = new TempDir();
        var paths = new RunPaths(tmp.Path);
        await TestInputs.Valid().Set(TestInputs.Fees, TestInputs.FeesCsv(20_000)).WriteAsync(paths.Data, InputFormat.Parquet);
        await File.WriteAllTextAsync(paths.Config, TestInputs.ExampleConfig);

        // No earlier run: each kill must leave nothing, or (if the run won the race) a complete run.
        string? current = null;
        foreach (int delay in new[] { 50, 200, 500 })
        {
            current = await KillAndCheckAsync(paths, TimeSpan.FromMilliseconds(delay), current);
        }

        // A complete run, timed, then kills spread over its duration.
        var sw = Stopwatch.StartNew();
        var (exited, code, _) = await RunChildAsync(paths, killAfter: null);
        var full = sw.Elapsed;
        Assert.True(exited && code == 0, $"the full run failed with exit {code}");
        current = PublishedRun.AssertComplete(paths.Output);
        log.WriteLine($"full run: {full.TotalMilliseconds:F0} ms");

        foreach (double at in new[] { 50, 200, 500, 0.4, 0.55, 0.7, 0.8, 0.9, 1.0 }.Select(x => x <= 1 ? x * full.TotalMilliseconds : x))
        {
            current = await KillAndCheckAsync(paths, TimeSpan.FromMilliseconds(at), current);
        }

        // Kills aimed at the write phase: as soon as the staging folder holds k files (11 = every output, the
        // manifest last, so the run is between writing and publishing).
        foreach (int files in new[] { 1, 4, 8, 10, 11 })
        {
            current = await KillAndCheckAsync(paths, TimeSpan.FromSeconds(30), current, stagingFiles: files);
        }

        // The killed runs block nothing: the next run publishes.
        var (ok, last, _) = await RunChildAsync(paths, killAfter: null);
        Assert.True(ok && last == 0);
        Assert.NotEqual(current, PublishedRun.AssertComplete(paths.Output));

        // Nothing else was written beside the output: just the link, its runs folder (and the test's own inputs).
        // A killed run may leave a ".out.link-ID" symlink only if killed between creating it and renaming it over "out".
        Assert.Equal(["config.yaml", "data", "out", "out.runs"],
            Directory.GetFileSystemEntries(paths.Root).Select(Path.GetFileName)
                .Where(n => !n!.StartsWith(".out.link-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>Kills a run after <paramref name="delay"/>; asserts the output is what it was, or a new complete run when the run finished
    /// first. Returns the linked run.</summary>
    private async Task<string?> KillAndCheckAsync(RunPaths paths, TimeSpan delay, string? before, int stagingFiles = 0)
    {
        var hashes = before is null ? null : OutputFiles.Hashes(before);
        var (exited, code, stderr) = await RunChildAsync(paths, delay, stagingFiles);
        string? now = PublishedRun.LinkedRun(paths.Output);
        log.WriteLine($"kill at {(stagingFiles > 0 ? $"{stagingFiles} staged files" : $"{delay.TotalMilliseconds:F0} ms")}: "
            + $"{(exited ? $"finished first (exit {code})" : "killed")}; staging left: "
            + $"{PublishedRun.RunsEntries(paths.Output, ".tmp-").Length}; last stderr line: "
            + $"{stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");

        if (now is null)
        {
            // Nothing published yet, and nothing half-made at the output path.
            Assert.False(Path.Exists(paths.Output), "a killed run left a plain output path");
            Assert.True(before is null, "a killed run removed the link to the previous run");
            Assert.Empty(PublishedRun.RunsEntries(paths.Output, "run-"));
            return null;
        }

        if (now != before)
        {
            // The run switched the link before it was killed (or exited): then the new run must be complete.
            Assert.True(!exited || code == 0, $"a failed run (exit {code}) switched the link");
            return PublishedRun.AssertComplete(paths.Output);
        }

        Assert.False(exited && code == 0, "a successful run did not switch the link");
        Assert.Equal(before, PublishedRun.AssertComplete(paths.Output));
        Assert.Equal(hashes, OutputFiles.Hashes(before!));
        return before;
    }

    /// <summary>
    /// Starts <c>dotnet analytics.dll score …</c>; kills the whole tree after <paramref name="killAfter"/>, or as soon as a
    /// staging folder holds <paramref name="stagingFiles"/> files (when positive), unless it exited first.
    /// </summary>
    private static async Task<(bool Exited, int Code, string Stderr)> RunChildAsync(RunPaths paths, TimeSpan? killAfter,
        int stagingFiles = 0)
    {
        var staged = new HashSet<string>(PublishedRun.RunsEntries(paths.Output, ".tmp-"), StringComparer.Ordinal);
        string dll = Path.Combine(AppContext.BaseDirectory, "analytics.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project references the Cli project so it is copied here.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in paths.ScoreArgs())
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool exited = true;
        if (killAfter is { } delay)
        {
            using var cts = new CancellationTokenSource(delay);
            try
            {
                if (stagingFiles > 0)
                {
                    // Poll (about every millisecond) for this run's staging folder to reach the wanted size.
                    while (!process.HasExited && !StagingHolds(paths, staged, stagingFiles))
                    {
                        await Task.Delay(1, cts.Token);
                    }

                    if (!process.HasExited)
                    {
                        throw new OperationCanceledException();
                    }
                }
                else
                {
                    await process.WaitForExitAsync(cts.Token);
                }
            }
            catch (OperationCanceledException)
            {
                exited = false;
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync();
        await stdout;
        return (exited, process.ExitCode, await stderr);
    }

    private static bool StagingHolds(RunPaths paths, HashSet<string> earlier, int files)
    {
        foreach (var name in PublishedRun.RunsEntries(paths.Output, ".tmp-"))
        {
            try
            {
                if (!earlier.Contains(name) && Directory.GetFiles(Path.Combine(paths.Runs, name)).Length >= files)
                {
                    return true;
                }
            }
            catch (DirectoryNotFoundException)
            {
                // Renamed to run-… between listing and counting: the run is publishing.
            }
        }

        return false;
    }
}
