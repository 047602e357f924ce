using Analytics.Core.Errors;

namespace Analytics.IO.Reading;

/// <summary>
/// Builds the <see cref="InputException"/>s of the reading layer so every message has the same shape:
/// the file, what is wrong, what was expected, what to do. Messages never quote cell values (docs/METHODOLOGY.md §7).
/// </summary>
internal static class ReadingErrors
{
    /// <summary>How a column kind is described for a Parquet file (names the accepted physical types).</summary>
    public static string ExpectedParquet(ColumnKind kind) => kind switch
    {
        ColumnKind.Double => "a number (DOUBLE, FLOAT, INT32, INT64 or DECIMAL)",
        ColumnKind.Int => "an integer (INT32 or INT64, or whole-valued DOUBLE, FLOAT or DECIMAL)",
        ColumnKind.Date => "a date (DATE or TIMESTAMP)",
        _ => "text (STRING)",
    };

    /// <summary>How a column kind is described for a CSV file (names the accepted text form).</summary>
    public static string ExpectedCsv(ColumnKind kind) => kind switch
    {
        ColumnKind.Double => "a number (such as -1234.56)",
        ColumnKind.Int => "an integer (such as 42)",
        ColumnKind.Date => "a date (yyyy-MM-dd)",
        _ => "text",
    };

    public static InputException MissingColumn(string file, ColumnSpec column, string expected, string? hint = null) =>
        new(file,
            $"'{file}': required column '{column.Name}' is missing; expected {expected}. Add the column or fix its name."
            + (hint is null ? "" : " " + hint),
            column: column.Name);

    public static InputException WrongType(string file, ColumnSpec column, string found, string expected) =>
        new(file,
            $"'{file}': column '{column.Name}' has type {found}; expected {expected}. Change the column's type in the export.",
            column: column.Name);

    public static InputException NotParquet(string file, string reason, Exception? inner) =>
        new(file, $"'{file}' is not a readable Parquet file ({reason}); re-export it.", inner: inner);

    public static InputException CannotOpen(string file, Exception inner)
    {
        string reason = inner switch
        {
            UnauthorizedAccessException => "access denied",
            FileNotFoundException or DirectoryNotFoundException => "the file no longer exists",
            _ => "an I/O error occurred",
        };
        return new InputException(file, $"'{file}' cannot be opened ({reason}); check the file and its permissions.", inner: inner);
    }

    /// <param name="table">The table name.</param>
    /// <param name="entries">At least two entries, in ordinal order, as named in the input folder (folders end in '/').</param>
    public static InputException AmbiguousTable(string table, IReadOnlyList<string> entries)
    {
        string listed = entries.Count == 2
            ? $"both '{entries[0]}' and '{entries[1]}' exist"
            : string.Join(", ", entries.Take(entries.Count - 1).Select(e => $"'{e}'")) + $" and '{entries[^1]}' all exist";
        return new InputException(table, $"Table '{table}' is ambiguous: {listed} in the input folder; keep one of them.");
    }

    public static InputException NestedFolder(string folder, string nested) =>
        new(folder,
            $"'{folder}' contains the folder '{nested}', which is not read (partitioned layouts are not supported); "
            + $"put the part files directly in '{folder}', or rename the folder to start with '_' to ignore it.");

    public static InputException UnknownPartFile(string folder, string file) =>
        new(file,
            $"'{file}' in '{folder}' is neither a .parquet nor a .csv file; remove it, convert it, "
            + "or rename it to start with '_' to ignore it.");

    public static InputException DuplicateHeader(string file, string column) =>
        new(file, $"'{file}': the header names column '{column}' more than once; keep one of them.", column: column);

    public static InputException MissingHeader(string file) =>
        new(file, $"'{file}' is empty: it has no header row; write the column names on the first line.");

    public static InputException UnterminatedQuote(string file, long row) =>
        new(file, $"'{file}' has an unterminated quoted field starting {Where(row)}; fix the quoting.", row: RowOrNull(row));

    public static InputException MalformedQuote(string file, long row) =>
        new(file, $"'{file}' has a malformed quoted field {Where(row)} (text after a closing quote); fix the quoting.", row: RowOrNull(row));

    public static InputException RecordTooLarge(string file, long row, int maxChars) =>
        new(file,
            $"'{file}': the record starting {Where(row)} is longer than {maxChars / (1024 * 1024)} Mi characters, "
            + "which usually means an unterminated quoted field; fix the quoting.",
            row: RowOrNull(row));

    /// <param name="file">The file's display name.</param>
    /// <param name="line">1-based physical line of the first invalid bytes (the header is line 1), or null when unknown.</param>
    /// <param name="inner">The decoder's exception.</param>
    public static InputException NotUtf8(string file, long? line, Exception inner) =>
        new(file, $"'{file}' is not valid UTF-8 ({(line is { } l ? $"the first invalid bytes are on line {l}" : "it holds invalid bytes")}); re-export it as UTF-8.", inner: inner);

    /// <summary>Row 0 stands for the CSV header, which has no data-row number.</summary>
    private static string Where(long row) => row == 0 ? "in the header row" : $"at row {row}";

    private static long? RowOrNull(long row) => row == 0 ? null : row;
}
