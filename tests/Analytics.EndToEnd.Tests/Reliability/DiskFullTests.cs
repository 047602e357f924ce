using System.Diagnostics;
using System.Text.RegularExpressions;
using Analytics.Pipeline.Publishing;
using Analytics.Tests.EndToEnd;

namespace Analytics.Tests.Reliability;

/// <summary>
/// A full disk is said as what it is: no space left, on the device holding which path, what happened to the
/// outputs, the free space, and what to do — never "Internal error (IOException)".
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DiskFullTests
{
    [TmpfsFact]
    public async Task Score_onto_a_full_tmpfs_says_no_space_names_the_path_and_publishes_nothing()
    {
        using var tmpfs = SmallTmpfs.Mount(kib: 96);
        string samples = Path.Combine(RunHarness.RepoRoot(), "data-samples");
        string output = Path.Combine(tmpfs.Path, "out");

        var (exit, _, stderr) = await RunHarness.Run("score", "--input", samples, "--config", Path.Combine(samples, "config.yaml"),
            "--output", output, "--quiet");

        Assert.Equal(1, exit);
        Assert.Matches(
            "^No space left on the device that holds '" + Regex.Escape(output)
                + @"' \(\d+(\.\d)? (bytes|KiB) free now\); nothing was published and the previous outputs are untouched, so free space "
                + @"there and rerun\.$",
            stderr.Trim());
        Assert.False(Path.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(tmpfs.Path, "out.runs")));
    }

    [TmpfsFact]
    public async Task Generate_onto_a_full_tmpfs_says_the_files_are_incomplete()
    {
        using var tmpfs = SmallTmpfs.Mount(kib: 96);
        string output = Path.Combine(tmpfs.Path, "gen");

        var (exit, _, stderr) = await RunHarness.Run("generate", "--customers", "500", "--output", output, "--quiet");

        Assert.Equal(1, exit);
        Assert.Matches(
            "^No space left on the device that holds '" + Regex.Escape(output)
                + @"' \(\d+(\.\d)? (bytes|KiB) free now\); the files written there are incomplete, so free space there and rerun "
                + @"with --force\.$",
            stderr.Trim());
    }

    [Theory]
    [InlineData(28)]                                  // ENOSPC, as .NET reports it on Linux and macOS
    [InlineData(unchecked((int)0x80070070))]          // ERROR_DISK_FULL
    [InlineData(unchecked((int)0x80070027))]          // ERROR_HANDLE_DISK_FULL
    public void A_disk_full_code_is_recognised_even_wrapped(int hresult)
    {
        var full = new IOException("No space left on device : '/x/report.html'", hresult);
        if (!OperatingSystem.IsWindows() || hresult != 28)
        {
            Assert.Same(full, DiskSpace.FindFull(full));
            Assert.Same(full, DiskSpace.FindFull(new AggregateException(new InvalidOperationException("other"),
                new InvalidOperationException("wrap", full))));
        }
    }

    [Fact]
    public void A_preallocation_failure_is_recognised_by_its_words()
    {
        // What FileStream throws when a preallocated file does not fit: the generic I/O HResult, the cause in words.
        var e = new IOException("Failed to create '/x/report.html' with allocation size '132685' because the disk was full.");
        Assert.Same(e, DiskSpace.FindFull(e));
    }

    [Fact]
    public void Other_io_failures_are_not_disk_full()
    {
        Assert.Null(DiskSpace.FindFull(new IOException("Permission denied", 13)));
        Assert.Null(DiskSpace.FindFull(new FileNotFoundException("gone")));
        Assert.Null(DiskSpace.FindFull(new InvalidOperationException("no")));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(98304, "96 KiB")]
    [InlineData(3_565_158, "3.4 MiB")]
    [InlineData(1_288_490_189, "1.2 GiB")]
    public void Free_space_reads_at_a_glance(long bytes, string words) => Assert.Equal(words, DiskSpace.Describe(bytes));

    /// <summary>A fact that needs a small tmpfs: skipped, with the reason, where none can be mounted.</summary>
    private sealed class TmpfsFactAttribute : FactAttribute
    {
        public TmpfsFactAttribute()
        {
            if (!SmallTmpfs.Available(out string why))
            {
                Skip = why;
            }
        }
    }

    /// <summary>A tmpfs of a few KiB mounted on a temporary folder (Linux, as root); unmounted and removed on dispose.</summary>
    private sealed class SmallTmpfs : IDisposable
    {
        private SmallTmpfs(string path) => Path = path;

        public string Path { get; }

        public static bool Available(out string why)
        {
            why = "";
            if (!OperatingSystem.IsLinux())
            {
                why = "This test mounts a tmpfs, which needs Linux; the disk-full recognition itself is covered by the other tests "
                    + "of this class.";
                return false;
            }

            if (Environment.UserName != "root")
            {
                why = "This test mounts a small tmpfs, which needs root (CI runs as root); run it as root, the other tests of this class "
                    + "cover the recognition.";
                return false;
            }

            return true;
        }

        public static SmallTmpfs Mount(int kib)
        {
            string path = Directory.CreateTempSubdirectory("analytics-full-").FullName;
            Exec("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", path);
            return new SmallTmpfs(path);
        }

        public void Dispose()
        {
            // Lazy: a generation that failed mid-file may leave its stream to the finalizer, which keeps the mount busy.
            Exec("umount", "-l", Path);
            Directory.Delete(Path);
        }

        private static void Exec(string program, params string[] args)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {err}");
        }
    }
}
