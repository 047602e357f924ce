using System.Security.Cryptography;

namespace Analytics.Tests.Reliability;

/// <summary>Reads what a run published.</summary>
internal static class OutputFiles
{
    /// <summary>Data lines of a CSV output table (header excluded).</summary>
    public static string[] CsvRows(string outputDir, string table) =>
        File.ReadAllLines(Path.Combine(outputDir, table + ".csv")).Skip(1).ToArray();

    /// <summary>The rejects of a CSV run as "table,file,row,column,reason" lines in output order.</summary>
    public static string[] Rejects(string outputDir) => CsvRows(outputDir, "rejects");

    /// <summary>SHA-256 (hex) of every file in <paramref name="dir"/>, by file name.</summary>
    public static SortedDictionary<string, string> Hashes(string dir)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir))
        {
            hashes[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }

    /// <summary>Reject counts by "table:reason".</summary>
    public static SortedDictionary<string, int> RejectCounts(IEnumerable<string> rejectLines)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in rejectLines)
        {
            var f = line.Split(',');
            string key = f[0] + ":" + f[^1];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
