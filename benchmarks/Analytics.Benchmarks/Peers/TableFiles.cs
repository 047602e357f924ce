using Analytics.IO.Reading;

namespace Analytics.Benchmarks.Peers;

/// <summary>The files of a table in a data folder, for peers that read them directly.</summary>
public static class TableFiles
{
    /// <summary>Absolute paths of the table's files (none when the table is absent).</summary>
    public static IReadOnlyList<string> Of(string folder, string table)
    {
        var location = InputFolder.Locate(folder, table);
        var paths = new List<string>();
        if (location is not null)
        {
            foreach (var file in location.Files)
            {
                paths.Add(file.Path);
            }
        }

        return paths;
    }

    /// <summary>A DuckDB list literal of the table's Parquet files: <c>['a.parquet', 'b.parquet']</c>.</summary>
    public static string DuckDbList(string folder, string table)
    {
        var quoted = new List<string>();
        foreach (var path in Of(folder, table))
        {
            quoted.Add("'" + path.Replace("'", "''", StringComparison.Ordinal) + "'");
        }

        return "[" + string.Join(", ", quoted) + "]";
    }
}
