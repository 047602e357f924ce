using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.ParquetFormat.Reading;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Writing;

/// <summary>A Parquet file's columns as one reader saw them: each cell as canonical text, null for null.</summary>
/// <param name="Reader">Who read it.</param>
/// <param name="Names">The column names.</param>
/// <param name="Cells">Per column, the cells in row order.</param>
/// <param name="Kinds">The CLR type of each column (Parquet.Net's reading only): its statistics' order.</param>
internal sealed record ReadTable(string Reader, IReadOnlyList<string> Names, IReadOnlyList<string?[]> Cells,
    IReadOnlyList<Type>? Kinds = null);

/// <summary>One column chunk's footer statistics, decoded by the column's physical type.</summary>
internal sealed record ChunkStatistics(int RowGroup, string Column, string? Min, string? Max, long NullCount, long Values);

/// <summary>
/// Reads a Parquet file with three implementations other than the engine — Parquet.Net, DuckDB and arrow-rs (through
/// node) — into canonical text: strings as they are, doubles in shortest round-trip form ("-0" for −0), integers in
/// full, dates as yyyy-MM-dd. Also the statistics of every column chunk as Parquet.Net and DuckDB report them, and as
/// they must be from the cells.
/// </summary>
internal static class ParquetReadBack
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string? Canonical(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        double d => d.ToString("R", Inv),
        int i => i.ToString(Inv),
        long l => l.ToString(Inv),
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        DateTime t => t.ToString("yyyy-MM-dd", Inv),
        _ => throw new InvalidOperationException($"Unexpected cell type {value.GetType()}."),
    };

    public static async Task<ReadTable> ParquetNetAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.GetDataFields();
        var columns = fields.Select(_ => new List<string?>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            for (int f = 0; f < fields.Length; f++)
            {
                columns[f].AddRange(await ReadColumnAsync(group, fields[f], n));
            }
        }

        return new ReadTable("Parquet.Net", fields.Select(f => f.Name).ToArray(), columns.Select(c => c.ToArray()).ToArray(),
            fields.Select(f => f.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : f.ClrType).ToArray());
    }

    public static ReadTable DuckDb(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        using var r = command.ExecuteReader();
        var names = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToArray();
        var columns = names.Select(_ => new List<string?>()).ToArray();
        while (r.Read())
        {
            for (int c = 0; c < names.Length; c++)
            {
                columns[c].Add(r.IsDBNull(c) ? null : Canonical(r.GetValue(c)));
            }
        }

        return new ReadTable("DuckDB", names, columns.Select(c => c.ToArray()).ToArray());
    }

    /// <summary>arrow-rs (parquet-wasm) reads every file of <paramref name="paths"/> in one node process.</summary>
    public static async Task<Dictionary<string, ReadTable>> ArrowRsAsync(params string[] paths)
    {
        string json = await NodeParquet.RunAsync("read-cells.mjs", paths);
        using var document = JsonDocument.Parse(json);
        var tables = new Dictionary<string, ReadTable>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            var names = new List<string>();
            var cells = new List<string?[]>();
            foreach (var column in file.Value.GetProperty("columns").EnumerateObject())
            {
                bool floating = column.Value.GetProperty("type").GetString()!.StartsWith("Float", StringComparison.Ordinal);
                names.Add(column.Name);
                cells.Add(column.Value.GetProperty("cells").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null
                    : floating ? Canonical(double.Parse(e.GetString()!, Inv)) : e.GetString()).ToArray());
            }

            tables[file.Name] = new ReadTable("arrow-rs", names, cells);
        }

        return tables;
    }

    /// <summary>Each column chunk's statistics from the footer, as Parquet.Net parses it.</summary>
    public static async Task<List<ChunkStatistics>> FooterStatisticsAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var schema = reader.Metadata!.Schema.Skip(1).ToArray();
        var result = new List<ChunkStatistics>();
        for (int g = 0; g < reader.Metadata.RowGroups.Count; g++)
        {
            var columns = reader.Metadata.RowGroups[g].Columns;
            for (int c = 0; c < columns.Count; c++)
            {
                var meta = columns[c].MetaData!;
                var s = meta.Statistics!;
                result.Add(new ChunkStatistics(g, schema[c].Name, Decode(s.MinValue, schema[c]), Decode(s.MaxValue, schema[c]),
                    s.NullCount!.Value, meta.NumValues));
            }
        }

        return result;
    }

    /// <summary>Each column chunk's statistics as DuckDB's parquet_metadata reports them (its own text forms).</summary>
    public static List<(int RowGroup, string Column, string? Min, string? Max, long NullCount)> DuckDbStatistics(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM "
            + $"parquet_metadata('{path.Replace("'", "''", StringComparison.Ordinal)}') ORDER BY row_group_id, column_id";
        using var r = command.ExecuteReader();
        var result = new List<(int, string, string?, string?, long)>();
        while (r.Read())
        {
            result.Add((Convert.ToInt32(r.GetValue(0), Inv), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), Convert.ToInt64(r.GetValue(4), Inv)));
        }

        return result;
    }

    /// <summary>
    /// The statistics the cells of rows [<paramref name="start"/>, start + <paramref name="count"/>) call for: nulls,
    /// and the least and greatest value in the column's order (UTF-8 bytes for text; a zero minimum is −0 and a zero
    /// maximum +0).
    /// </summary>
    public static (string? Min, string? Max, long Nulls) Expected(string?[] cells, int start, int count, Type kind)
    {
        string? min = null, max = null;
        long nulls = 0;
        for (int i = start; i < start + count; i++)
        {
            string? v = cells[i];
            if (v is null)
            {
                nulls++;
                continue;
            }

            if (min is null || Compare(v, min, kind) < 0) min = v;
            if (max is null || Compare(v, max, kind) > 0) max = v;
        }

        if (kind == typeof(double))
        {
            if (min is not null && double.Parse(min, Inv) == 0) min = "-0";
            if (max is not null && double.Parse(max, Inv) == 0) max = "0";
        }

        return (min, max, nulls);
    }

    /// <summary>The page headers of one column chunk, walked from its first page.</summary>
    public static async Task<List<(int Type, int Values, int UncompressedSize)>> PagesAsync(string path, int rowGroup, int column)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var meta = reader.Metadata!.RowGroups[rowGroup].Columns[column].MetaData!;
        long start = meta.DictionaryPageOffset ?? meta.DataPageOffset;
        byte[] bytes = new byte[meta.TotalCompressedSize];
        await using (var file = File.OpenRead(path))
        {
            file.Position = start;
            await file.ReadExactlyAsync(bytes);
        }

        var pages = new List<(int, int, int)>();
        int pos = 0;
        while (pos < bytes.Length)
        {
            var header = ParquetPageHeader.Read(bytes.AsSpan(pos), out int length);
            pages.Add((header.Type, header.NumValues, header.UncompressedSize));
            pos += length + header.CompressedSize;
        }

        Assert.Equal(bytes.Length, pos);
        return pages;
    }

    private static int Compare(string a, string b, Type kind)
    {
        if (kind == typeof(string)) return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
        if (kind == typeof(double)) return double.Parse(a, Inv).CompareTo(double.Parse(b, Inv));
        if (kind == typeof(DateOnly)) return string.CompareOrdinal(a, b); // yyyy-MM-dd of years 0001–9999
        return long.Parse(a, Inv).CompareTo(long.Parse(b, Inv));
    }

    private static string? Decode(byte[]? value, Parquet.Meta.SchemaElement element)
    {
        if (value is null) return null;
        return element.Type switch
        {
            Parquet.Meta.Type.BYTE_ARRAY => Encoding.UTF8.GetString(value),
            Parquet.Meta.Type.DOUBLE => BinaryPrimitives.ReadDoubleLittleEndian(value).ToString("R", Inv),
            Parquet.Meta.Type.INT64 => BinaryPrimitives.ReadInt64LittleEndian(value).ToString(Inv),
            Parquet.Meta.Type.INT32 when element.LogicalType?.DATE is not null =>
                DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + BinaryPrimitives.ReadInt32LittleEndian(value))
                    .ToString("yyyy-MM-dd", Inv),
            Parquet.Meta.Type.INT32 => BinaryPrimitives.ReadInt32LittleEndian(value).ToString(Inv),
            _ => throw new InvalidOperationException($"Unexpected physical type {element.Type}."),
        };
    }

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int n)
    {
        var text = new string?[n];
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            await group.ReadAsync(field, text.AsMemory()!);
            return text;
        }

        // REQUIRED columns into plain memory: Parquet.Net 6.1 misreads a required column after an optional one into
        // nullable memory.
        if (field.ClrType == typeof(double)) return await ReadAsync<double>(group, field, n);
        if (field.ClrType == typeof(int)) return await ReadAsync<int>(group, field, n);
        if (field.ClrType == typeof(long)) return await ReadAsync<long>(group, field, n);
        if (field.ClrType == typeof(DateOnly)) return await ReadAsync<DateOnly>(group, field, n);
        throw new InvalidOperationException($"Unexpected type {field.ClrType} of {field.Name}.");
    }

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        var text = new string?[n];
        if (field.IsNullable)
        {
            var values = new T?[n];
            await group.ReadAsync<T>(field, values.AsMemory());
            for (int i = 0; i < n; i++) text[i] = Canonical(values[i]);
        }
        else
        {
            var values = new T[n];
            await group.ReadAsync<T>(field, values.AsMemory());
            for (int i = 0; i < n; i++) text[i] = Canonical(values[i]);
        }

        return text;
    }
}
