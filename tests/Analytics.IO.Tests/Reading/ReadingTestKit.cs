using System.Globalization;
using Analytics.IO.Reading;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Reading;

/// <summary>A temporary input folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "analytics-reading-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string WriteText(string relative, string text)
    {
        string full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public string WriteBytes(string relative, byte[] bytes)
    {
        string full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    public TableFile Csv(string relative, string text)
    {
        WriteText(relative, text);
        return new TableFile(File(relative), relative, TableFileFormat.Csv);
    }

    public TableFile ParquetFile(string relative) => new(File(relative), relative, TableFileFormat.Parquet);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

internal static class ReadingTestKit
{
    public static TableSchema Schema(params ColumnSpec[] columns) => new("t", columns);

    public static ColumnSpec Req(string name, ColumnKind kind) => new(name, kind, MustExist: true);

    public static ColumnSpec Opt(string name, ColumnKind kind) => new(name, kind, MustExist: false);

    /// <summary>
    /// Reads every block in order and renders each row as "rowNumber|cell;cell…" (cells: "~" null, "?" unparsable,
    /// else the value; doubles round-trip, dates yyyy-MM-dd), with a trailing "!" for a wrong field count.
    /// </summary>
    public static async Task<List<string>> ReadAllAsync(TableFile file, TableSchema schema)
    {
        await using var reader = await InputFolder.OpenAsync(file, schema);
        var rows = new List<string>();
        for (int b = 0; b < reader.BlockCount; b++)
        {
            await reader.ReadBlockAsync(b, batch => rows.AddRange(Render(batch)));
        }

        return rows;
    }

    public static List<string> Render(ColumnBatch batch)
    {
        var rows = new List<string>(batch.RowCount);
        for (int i = 0; i < batch.RowCount; i++)
        {
            var cells = new string[batch.Columns.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = RenderCell(batch.Columns[c], i);
            }

            rows.Add($"{batch.FirstRowNumber + i}|{string.Join(";", cells)}{(batch.WrongFieldCount[i] ? "!" : "")}");
        }

        return rows;
    }

    public static string RenderCell(ColumnData column, int i) => column.State[i] switch
    {
        CellState.Null => "~",
        CellState.Unparsable => "?",
        _ => column.Kind switch
        {
            ColumnKind.String => column.Strings![i]!,
            ColumnKind.Double => column.Doubles![i].ToString("R", CultureInfo.InvariantCulture),
            ColumnKind.Int => column.Ints![i].ToString(CultureInfo.InvariantCulture),
            _ => DateOnly.FromDayNumber(column.Ints![i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Writes a Parquet file with one row group per entry of <paramref name="rowGroups"/> (one array per field).</summary>
    public static async Task WriteParquetAsync(string path, DataField[] fields, params Array[][] rowGroups)
    {
        await using var stream = System.IO.File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        foreach (var columns in rowGroups)
        {
            using var rowGroup = writer.CreateRowGroup();
            for (int c = 0; c < fields.Length; c++)
            {
                await WriteColumnAsync(rowGroup, fields[c], columns[c]);
            }
        }
    }

    /// <summary>Writes <paramref name="values"/> (an array of a supported element type) as column <paramref name="field"/>.</summary>
    public static async Task WriteColumnAsync(ParquetRowGroupWriter rg, DataField field, Array values)
    {
        switch (values)
        {
            case string?[] v: await rg.WriteAsync(field, v!); break;
            case byte[][] v: await rg.WriteAsync(field, v); break;
            case double[] v: await rg.WriteAsync<double>(field, v); break;
            case double?[] v: await rg.WriteAsync<double>(field, v); break;
            case float[] v: await rg.WriteAsync<float>(field, v); break;
            case int[] v: await rg.WriteAsync<int>(field, v); break;
            case int?[] v: await rg.WriteAsync<int>(field, v); break;
            case long[] v: await rg.WriteAsync<long>(field, v); break;
            case long?[] v: await rg.WriteAsync<long>(field, v); break;
            case short[] v: await rg.WriteAsync<short>(field, v); break;
            case decimal[] v: await rg.WriteAsync<decimal>(field, v); break;
            case decimal?[] v: await rg.WriteAsync<decimal>(field, v); break;
            case bool[] v: await rg.WriteAsync<bool>(field, v); break;
            case DateOnly[] v: await rg.WriteAsync<DateOnly>(field, v); break;
            case DateOnly?[] v: await rg.WriteAsync<DateOnly>(field, v); break;
            case DateTime[] v: await rg.WriteAsync<DateTime>(field, v); break;
            case DateTime?[] v: await rg.WriteAsync<DateTime>(field, v); break;
            default: throw new NotSupportedException(values.GetType().Name);
        }
    }
}
