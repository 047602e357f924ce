using System.Security.Cryptography;
using System.Text.Json;

namespace Analytics.Tests.Reliability;

/// <summary>Checks of what the --output path shows after a run.</summary>
internal static class PublishedRun
{
    public static readonly string[] Tables =
    [
        "account_profitability", "cluster_profiles", "customer_profitability", "customer_segments", "early_warning_reasons",
            "early_warnings",
        "maturity_notices", "rejects", "underpriced_loans",
    ];

    /// <summary>Files of a complete run in <paramref name="format"/>, in ordinal order.</summary>
    public static string[] ExpectedFiles(string format = "parquet") =>
        [.. Tables.Select(t => t + "." + format).Concat(["manifest.json", "reconciliation.json", "report.html"])
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Asserts that <paramref name="output"/> is a symbolic link to <c>output.runs/run-ID</c> holding every file of a
    /// run, whose manifest parses, names run ID, and lists each other file with its true SHA-256. Returns the run folder.
    /// </summary>
    public static string AssertComplete(string output, string format = "parquet")
    {
        var info = new DirectoryInfo(output);
        Assert.True(info.LinkTarget is not null, $"'{output}' is not a symbolic link.");
        string target = Path.GetFullPath(info.LinkTarget!, Path.GetDirectoryName(output)!);
        Assert.Equal(output + ".runs", Path.GetDirectoryName(target));
        string name = Path.GetFileName(target);
        Assert.StartsWith("run-", name, StringComparison.Ordinal);
        Assert.True(Directory.Exists(output), "the link does not resolve");

        var files = Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ExpectedFiles(format), files);

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(target, "manifest.json")));
        Assert.Equal(name["run-".Length..], manifest.RootElement.GetProperty("run_id").GetString());
        var listed = new List<string>();
        foreach (var o in manifest.RootElement.GetProperty("outputs").EnumerateArray())
        {
            string file = o.GetProperty("file").GetString()!;
            listed.Add(file);
            string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, file))));
            Assert.Equal(o.GetProperty("sha256").GetString(), actual);
        }

        Assert.Equal(files.Where(f => f != "manifest.json"), listed);
        return target;
    }

    /// <summary>The run folder the output link points to (full path), or null when there is no link.</summary>
    public static string? LinkedRun(string output) =>
        new DirectoryInfo(output).LinkTarget is { } t ? Path.GetFullPath(t, Path.GetDirectoryName(output)!) : null;

    /// <summary>Entries of <c>output.runs</c> whose names start with <paramref name="prefix"/>.</summary>
    public static string[] RunsEntries(string output, string prefix) =>
        Directory.Exists(output + ".runs")
            ? [.. Directory.GetFileSystemEntries(output + ".runs").Select(Path.GetFileName)
                .Where(n => n!.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)!]
            : [];
}
