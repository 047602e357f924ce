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
public sealed record TableFile(string Path, string DisplayName, TableFileFormat Format);

/// <summary>The files that make up one table, in ordinal order of their names.</summary>
public sealed record TableLocation(string Table, IReadOnlyList<TableFile> Files);

/// <summary>Finds tables in a data folder (SPEC §1) and opens their files.</summary>
public static class InputFolder
{
    /// <summary>
    /// Locates <paramref name="table"/> in <paramref name="inputDirectory"/>: <c>NAME.parquet</c>, <c>NAME.csv</c>,
    /// or a folder <c>NAME/</c> of <c>*.parquet</c> / <c>*.csv</c> part files (names starting with '_' or '.' ignored).
    /// Returns null when the table is absent. Two entries for one table throw <see cref="Core.Errors.InputException"/>.
    /// </summary>
    public static TableLocation? Locate(string inputDirectory, string table) => throw new NotImplementedException();

    /// <summary>Opens <paramref name="file"/> and checks its schema against <paramref name="schema"/>.</summary>
    public static ValueTask<ITableFileReader> OpenAsync(TableFile file, TableSchema schema, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
