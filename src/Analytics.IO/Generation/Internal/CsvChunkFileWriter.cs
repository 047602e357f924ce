using System.Globalization;
using System.Text;
using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>
/// One RFC 4180 CSV file: UTF-8 without BOM, CRLF line ends, header row, empty field for null, fields quoted only
/// when they hold a comma, quote or line break; doubles in shortest round-trip form ("R"), dates as yyyy-MM-dd.
/// </summary>
internal sealed class CsvChunkFileWriter : IChunkFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;

    private CsvChunkFileWriter(StreamWriter writer) => _writer = writer;

    public static CsvChunkFileWriter Create(string path, GeneratedTable table)
    {
        var writer = new StreamWriter(path, append: false, Utf8NoBom, bufferSize: 1 << 16) { NewLine = "\r\n" };
        for (int i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteText(writer, table.Columns[i].Name);
        }

        writer.WriteLine();
        return new CsvChunkFileWriter(writer);
    }

    public ValueTask WriteAsync(TableChunk chunk, CancellationToken cancellationToken)
    {
        // Formatting is CPU-bound and the StreamWriter buffers, so the rows are written synchronously.
        Span<char> buffer = stackalloc char[64];
        var columns = chunk.Columns;
        int overrideIndex = 0;
        int extraIndex = 0;
        var overrides = chunk.CsvOverrides;
        var extras = chunk.CsvExtraFieldRows;
        overrides.Sort(static (a, b) => a.ChunkRow != b.ChunkRow ? a.ChunkRow.CompareTo(b.ChunkRow) : a.Column.CompareTo(b.Column));
        extras.Sort();
        for (int row = 0; row < chunk.Count; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                {
                    _writer.Write(',');
                }

                if (overrideIndex < overrides.Count && overrides[overrideIndex].ChunkRow == row && overrides[overrideIndex].Column == c)
                {
                    WriteText(_writer, overrides[overrideIndex].Text);
                    overrideIndex++;
                    continue;
                }

                WriteCell(_writer, columns[c], row, buffer);
            }

            if (extraIndex < extras.Count && extras[extraIndex] == row)
            {
                _writer.Write(',');
                extraIndex++;
            }

            _writer.WriteLine();
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync().ConfigureAwait(false);

    private static void WriteCell(StreamWriter writer, GeneratedColumn column, int row, Span<char> buffer)
    {
        // 64 characters hold any "R" double, int or ISO date, so a failed TryFormat is a bug, not data.
        int length;
        bool formatted;
        switch (column.Spec.Kind)
        {
            case ColumnKind.String:
                if (column.Strings![row] is { } text)
                {
                    WriteText(writer, text);
                }

                return;
            case ColumnKind.Double:
                if (column.Doubles![row] is not { } d)
                {
                    return;
                }

                formatted = d.TryFormat(buffer, out length, "R", CultureInfo.InvariantCulture);
                break;
            case ColumnKind.Int:
                if (column.Ints![row] is not { } i)
                {
                    return;
                }

                formatted = i.TryFormat(buffer, out length, default, CultureInfo.InvariantCulture);
                break;
            default:
                if (column.Dates![row] is not { } date)
                {
                    return;
                }

                formatted = date.TryFormat(buffer, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
        }

        if (!formatted)
        {
            throw new InvalidOperationException($"Cannot format a value of column {column.Spec.Name}.");
        }

        writer.Write(buffer[..length]);
    }

    private static void WriteText(StreamWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
