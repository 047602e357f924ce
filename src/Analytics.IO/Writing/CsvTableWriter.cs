using System.Globalization;
using System.Text;

namespace Analytics.IO.Writing;

/// <summary>
/// Writes an <see cref="OutputTable"/> as RFC 4180 CSV: UTF-8 without BOM, LF line ends, a header row, doubles in
/// shortest round-trip form with '.' as decimal point, dates as yyyy-MM-dd, null as an empty field.
/// </summary>
public static class CsvTableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(OutputTable table, string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        var line = new StringBuilder();
        for (int i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            AppendText(line, table.Columns[i].Name);
        }

        await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        var values = new Array[table.Columns.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = table.Columns[i].Values;
        }

        for (int r = 0; r < table.RowCount; r++)
        {
            line.Clear();
            for (int i = 0; i < table.Columns.Count; i++)
            {
                if (i > 0) line.Append(',');
                AppendCell(line, table.Columns[i].Kind, values[i], r);
            }

            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AppendCell(StringBuilder line, OutputKind kind, Array values, int row)
    {
        switch (kind)
        {
            case OutputKind.String:
                var s = ((string?[])values)[row];
                if (s is not null) AppendText(line, s);
                break;
            case OutputKind.Double:
                double d = ((double[])values)[row];
                if (!double.IsNaN(d)) line.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case OutputKind.Int:
                line.Append(((int[])values)[row].ToString(CultureInfo.InvariantCulture));
                break;
            case OutputKind.Long:
                line.Append(((long[])values)[row].ToString(CultureInfo.InvariantCulture));
                break;
            case OutputKind.Date:
                line.Append(DateOnly.FromDayNumber(((int[])values)[row]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void AppendText(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
