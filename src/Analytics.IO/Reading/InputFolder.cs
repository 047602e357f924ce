using Analytics.Core.Errors;

namespace Analytics.IO.Reading;

/// <summary>Format of an input file.</summary>
public enum TableFileFormat
{
    /// <summary>Apache Parquet.</summary>
    Parquet,
    /// <summary>RFC 4180 CSV, UTF-8, header row.</summary>
    Csv,
}

/// <summary>One file of a table.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="DisplayName">Path relative to the input folder, with '/' separators, as shown in errors and rejects.</param>
/// <param name="Format">Parquet or CSV.</param>
public sealed record TableFile(string Path, string DisplayName, TableFileFormat Format)
{
    /// <summary>
    /// Opens the file instead of the Parquet or CSV reader when set: a host that hands the loader rows it already read
    /// elsewhere (the distributed run's shuffled rows, see docs/SCALE_OUT.md) supplies its own reader here, so those
    /// rows pass through the same validation as a file's.
    /// </summary>
    public Func<TableSchema, CancellationToken, ValueTask<ITableFileReader>>? Opener { get; init; }
}

/// <summary>The files that make up one table, in ordinal order of their names.</summary>
public sealed record TableLocation(string Table, IReadOnlyList<TableFile> Files);

/// <summary>Finds tables in a data folder (docs/METHODOLOGY.md §1) and opens their files.</summary>
public static class InputFolder
{
    /// <summary>
    /// Read every Parquet column chunk through Parquet.Net instead of the engine's own decoder, for diagnosis (the
    /// CLI's <c>--parquet-reader parquet-net</c>). Process-wide; set before any file is opened. Parquet.Net does not
    /// check that an encoding suits its column's type, so this path can misread files the engine's decoder refuses.
    /// </summary>
    public static bool ParquetNetOnly { get; set; }

    /// <summary>
    /// Locates <paramref name="table"/> in <paramref name="inputDirectory"/>: <c>NAME.parquet</c>, <c>NAME.csv</c>,
    /// or a folder <c>NAME/</c> of <c>*.parquet</c> / <c>*.csv</c> part files (names starting with '_' or '.' ignored).
    /// Returns null when the table is absent; an empty folder is a present table with no files. Two entries for one
    /// table, a subfolder or any other file in <c>NAME/</c> throw <see cref="Core.Errors.InputException"/>; a missing
    /// input folder throws <see cref="UsageException"/>.
    /// </summary>
    public static TableLocation? Locate(string inputDirectory, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputDirectory);
        ArgumentException.ThrowIfNullOrEmpty(table);
        string root = Path.GetFullPath(inputDirectory);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"The input folder '{inputDirectory}' does not exist; check the path.");
        }

        string parquet = Path.Combine(root, table + ".parquet");
        string csv = Path.Combine(root, table + ".csv");
        string folder = Path.Combine(root, table);

        // Ordinal order of the names as shown: "fees.csv" < "fees.parquet" < "fees/".
        var entries = new List<string>(3);
        if (File.Exists(csv)) entries.Add(table + ".csv");
        if (File.Exists(parquet)) entries.Add(table + ".parquet");
        if (Directory.Exists(folder)) entries.Add(table + "/");

        if (entries.Count > 1)
        {
            throw ReadingErrors.AmbiguousTable(table, entries);
        }

        if (entries.Count == 0)
        {
            return null;
        }

        if (File.Exists(csv))
        {
            return new TableLocation(table, [new TableFile(csv, table + ".csv", TableFileFormat.Csv)]);
        }

        if (File.Exists(parquet))
        {
            return new TableLocation(table, [new TableFile(parquet, table + ".parquet", TableFileFormat.Parquet)]);
        }

        return new TableLocation(table, LocateParts(folder, table));
    }

    /// <summary>
    /// The part files of folder <paramref name="table"/>/. Anything that is neither ignored nor a part file fails the
    /// run rather than being skipped, so no data (a <c>.csv.gz</c> part, a partition subfolder) is left out silently.
    /// </summary>
    private static List<TableFile> LocateParts(string folder, string table)
    {
        var parts = new List<TableFile>();
        foreach (string path in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('_') || name.StartsWith('.'))
            {
                continue;
            }

            string display = table + "/" + name;
            if (Directory.Exists(path))
            {
                throw ReadingErrors.NestedFolder(table + "/", display + "/");
            }

            if (name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(new TableFile(path, display, TableFileFormat.Parquet));
            }
            else if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(new TableFile(path, display, TableFileFormat.Csv));
            }
            else
            {
                throw ReadingErrors.UnknownPartFile(table + "/", display);
            }
        }

        parts.Sort(static (a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
        return parts;
    }

    /// <summary>Opens <paramref name="file"/> and checks its schema against <paramref name="schema"/>.</summary>
    public static ValueTask<ITableFileReader> OpenAsync(TableFile file, TableSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(schema);
        if (file.Opener is not null)
        {
            return file.Opener(schema, cancellationToken);
        }

        return file.Format == TableFileFormat.Parquet
            ? ParquetTableReader.OpenAsync(file, schema, cancellationToken)
            : CsvTableReader.OpenAsync(file, schema, cancellationToken);
    }
}
