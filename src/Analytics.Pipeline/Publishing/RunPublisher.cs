using System.Globalization;
using System.Runtime.InteropServices;
using Analytics.Core.Errors;

namespace Analytics.Pipeline.Publishing;

/// <summary>
/// All-or-nothing publication (docs/METHODOLOGY.md §6). A run writes into <c>NAME.runs/.tmp-ID/</c> beside the output path,
/// renames that folder to <c>NAME.runs/run-STAMP-ID/</c> once complete, then switches the symbolic link
/// <c>NAME</c> to it with one atomic rename(2). A failed or killed run leaves the link, and so the previous
/// outputs, untouched; readers never see a half-written folder. The newest <see cref="KeepRuns"/> runs are kept.
/// </summary>
public sealed class RunPublisher
{
    /// <summary>Completed run folders kept beside the output (the linked one included).</summary>
    public const int KeepRuns = 3;

    private readonly string _output;
    private readonly string _runsDirectory;
    private readonly string _runId;

    /// <summary>Prepares a run for <paramref name="outputPath"/>, creating the temporary folder.</summary>
    public RunPublisher(string outputPath)
    {
        _output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        string parent = Path.GetDirectoryName(_output)
            ?? throw new UsageException($"The output path '{outputPath}' has no parent folder; choose a folder path.");
        string name = Path.GetFileName(_output);
        _runsDirectory = Path.Combine(parent, name + ".runs");
        _runId = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-"
            + Guid.NewGuid().ToString("N")[..8];
        CheckOutputPath();
        try
        {
            Directory.CreateDirectory(_runsDirectory);
            StagingDirectory = Path.Combine(_runsDirectory, ".tmp-" + _runId);
            Directory.CreateDirectory(StagingDirectory);
        }
        catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && DiskSpace.FindFull(e) is null)
        {
            // A full disk is not a usage error; it reaches the command line as itself (docs/GUARANTEES.md, "Disk full").
            throw new UsageException(
                $"Cannot write beside the output path '{outputPath}' ({Reason(e)}); choose a writable --output folder.");
        }
    }

    /// <summary>Why a folder could not be created, in words (the exception's own message may be localised or vague).</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a part of the path is missing or is a file",
        PathTooLongException => "the path is too long",
        _ => "an I/O error occurred: " + e.Message.TrimEnd('.'),
    };

    /// <summary>This run's id (<c>STAMP-ID</c>): the published folder is <c>run-</c> followed by it.</summary>
    public string RunId => _runId;

    /// <summary>Folder the run writes every output into before publication.</summary>
    public string StagingDirectory { get; }

    /// <summary>The published run folder (valid after <see cref="Publish"/>).</summary>
    public string? PublishedDirectory { get; private set; }

    /// <summary>Moves the staged outputs into place atomically and prunes old runs.</summary>
    public void Publish()
    {
        string final = Path.Combine(_runsDirectory, "run-" + _runId);
        // File contents reach the disk before the rename that makes them visible, so a power failure right after
        // the switch cannot leave the link pointing at empty or short files.
        // Part files of tables written by a cluster's partitions (NAME/part-NNNNN.parquet) too.
        foreach (var file in Directory.GetFiles(StagingDirectory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            stream.Flush(flushToDisk: true);
        }

        foreach (var folder in Directory.GetDirectories(StagingDirectory)) FsyncDirectory(folder);
        FsyncDirectory(StagingDirectory);
        Directory.Move(StagingDirectory, final);
        FsyncDirectory(_runsDirectory);

        string parent = Path.GetDirectoryName(_output)!;
        string link = Path.Combine(parent, "." + Path.GetFileName(_output) + ".link-" + _runId);
        string relativeTarget = Path.GetRelativePath(parent, final);
        File.CreateSymbolicLink(link, relativeTarget);
        ReplaceAtomically(link, _output);
        FsyncDirectory(parent);
        PublishedDirectory = final;
        Prune(final);
    }

    /// <summary>Removes the staging folder of a failed run; the published outputs are untouched.</summary>
    public void Abandon()
    {
        try
        {
            if (Directory.Exists(StagingDirectory))
            {
                Directory.Delete(StagingDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftovers are removed by the next successful run's pruning.
        }
    }

    private void CheckOutputPath()
    {
        var info = new FileInfo(_output);
        if (info.LinkTarget is not null)
        {
            return; // our symbolic link from an earlier run
        }

        if (File.Exists(_output))
        {
            throw new UsageException($"The output path '{_output}' is a file; choose a folder path for --output.");
        }

        if (!Directory.Exists(_output))
        {
            return;
        }

        if (!Directory.EnumerateFileSystemEntries(_output).Any())
        {
            Directory.Delete(_output);
            return;
        }

        if (!File.Exists(Path.Combine(_output, "manifest.json")))
        {
            throw new UsageException(
                $"The output folder '{_output}' already holds files that are not an engine run; choose another --output or empty it.");
        }

        // An older plain-folder run: keep it as a run folder so the link can take its place.
        Directory.CreateDirectory(_runsDirectory);
        Directory.Move(_output, Path.Combine(_runsDirectory, "run-" + _runId + "-legacy"));
    }

    private void Prune(string current)
    {
        var runs = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(_runsDirectory))
        {
            string name = Path.GetFileName(dir);
            if (name.StartsWith("run-", StringComparison.Ordinal))
            {
                runs.Add(dir);
            }
            else if (name.StartsWith(".tmp-", StringComparison.Ordinal)
                && Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddHours(-6))
            {
                // A run killed mid-way; nobody ever saw it.
                TryDelete(dir);
            }
        }

        // Run names start with a UTC stamp, so ordinal order is age order; newest first.
        runs.Sort((a, b) => string.CompareOrdinal(Path.GetFileName(b), Path.GetFileName(a)));
        int kept = 0;
        foreach (var dir in runs)
        {
            if (dir == current || kept < KeepRuns - 1)
            {
                if (dir != current) kept++;
                continue;
            }

            TryDelete(dir);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void ReplaceAtomically(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            if (Directory.Exists(destination)) Directory.Delete(destination);
            File.Move(source, destination, overwrite: true);
            return;
        }

        if (NativeMethods.rename(source, destination) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            File.Delete(source);
            throw new IOException($"Could not switch '{destination}' to the new run (errno {errno}).");
        }
    }

    private static void FsyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = NativeMethods.open(path, 0 /* O_RDONLY */);
        if (fd >= 0)
        {
            NativeMethods.fsync(fd);
            NativeMethods.close(fd);
        }
    }

    private static partial class NativeMethods
    {
#pragma warning disable SYSLIB1054 // plain DllImport keeps this readable; not a hot path
        [DllImport("libc", SetLastError = true)]
        public static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc")]
        public static extern int fsync(int fd);

        [DllImport("libc")]
        public static extern int close(int fd);
#pragma warning restore SYSLIB1054
    }
}
