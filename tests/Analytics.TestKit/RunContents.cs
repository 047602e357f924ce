using System.Security.Cryptography;

namespace Analytics.Tests.Writing;

/// <summary>
/// Compares two published run folders: every file but manifest.json (run id and timings differ by nature) must be there
/// on both sides; files equal byte for byte, except a table written as part files <c>NAME/part-NNNNN.parquet</c> on one
/// side and as <c>NAME.parquet</c> on the other, whose contents are compared: the parts read in name order and
/// concatenated must hold the same columns (names and types) and the same rows with the same values — doubles in
/// shortest round-trip text, so equal text is equal bits (−0 is "-0"). CSV parts (<c>part-NNNNN.csv</c>), each with
/// its header, must concatenate without the repeated headers to the single file's text.
/// </summary>
internal static class RunContents
{
    public static async Task AssertSameTablesAsync(string expectedDir, string actualDir)
    {
        var expected = Entries(expectedDir);
        var actual = Entries(actualDir);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, want) in expected)
        {
            var got = actual[name];
            if (want.Parts is null && got.Parts is null)
            {
                Assert.True(Hash(want.File!) == Hash(got.File!), $"{name} differs between the two runs.");
                continue;
            }

            if (name.EndsWith(".csv", StringComparison.Ordinal))
            {
                // CSV parts each carry the header; without the repeats they concatenate to the single file's text.
                Assert.True(CsvText(want) == CsvText(got), $"{name} differs between the two runs.");
                continue;
            }

            var a = await ReadAsync(want);
            var b = await ReadAsync(got);
            Assert.True(a.Names.SequenceEqual(b.Names), $"{name}: columns differ.");
            Assert.True(a.Kinds!.SequenceEqual(b.Kinds!), $"{name}: column types differ.");
            for (int c = 0; c < a.Names.Count; c++)
            {
                Assert.True(a.Cells[c].Length == b.Cells[c].Length,
                    $"{name}: {a.Cells[c].Length} rows expected, {b.Cells[c].Length} found.");
                for (int i = 0; i < a.Cells[c].Length; i++)
                {
                    Assert.True(a.Cells[c][i] == b.Cells[c][i],
                        $"{name}.{a.Names[c]} row {i}: expected {a.Cells[c][i] ?? "null"}, found {b.Cells[c][i] ?? "null"}.");
                }
            }
        }
    }

    /// <summary>The part files of table folder <paramref name="folder"/> (Parquet, or CSV when it has no Parquet part), in name
    /// order.</summary>
    public static string[] Parts(string folder)
    {
        var parts = Directory.GetFiles(folder, "part-*.parquet");
        if (parts.Length == 0) parts = Directory.GetFiles(folder, "part-*.csv");
        Array.Sort(parts, StringComparer.Ordinal);
        return parts;
    }

    private static string CsvText(Entry entry)
    {
        if (entry.File is not null)
        {
            return File.ReadAllText(entry.File);
        }

        var text = new System.Text.StringBuilder();
        for (int i = 0; i < entry.Parts!.Length; i++)
        {
            string part = File.ReadAllText(entry.Parts[i]);
            int header = part.IndexOf('\n', StringComparison.Ordinal) + 1;
            text.Append(i == 0 ? part : part[header..]);
        }

        return text.ToString();
    }

    private sealed record Entry(string? File, string[]? Parts);

    private static Dictionary<string, Entry> Entries(string dir)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(dir))
        {
            string name = Path.GetFileName(path);
            if (name != "manifest.json") entries[name] = new Entry(path, null);
        }

        foreach (var folder in Directory.GetDirectories(dir))
        {
            var parts = Parts(folder);
            string extension = parts.Length > 0 && parts[0].EndsWith(".csv", StringComparison.Ordinal) ? ".csv" : ".parquet";
            entries[Path.GetFileName(folder) + extension] = new Entry(null, parts);
        }

        return entries;
    }

    private static async Task<ReadTable> ReadAsync(Entry entry)
    {
        if (entry.File is not null)
        {
            return await ParquetReadBack.ParquetNetAsync(entry.File);
        }

        ReadTable? all = null;
        foreach (var part in entry.Parts!)
        {
            var t = await ParquetReadBack.ParquetNetAsync(part);
            if (all is null)
            {
                all = t;
                continue;
            }

            Assert.True(all.Names.SequenceEqual(t.Names), $"{part}: columns differ from the first part's.");
            Assert.True(all.Kinds!.SequenceEqual(t.Kinds!), $"{part}: column types differ from the first part's.");
            all = all with { Cells = [.. all.Cells.Select((c, i) => (string?[])[.. c, .. t.Cells[i]])] };
        }

        return all ?? throw new InvalidOperationException("A table folder holds no part file.");
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
