using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Generation;

/// <summary>A table read back as text cells (null for null) so Parquet and CSV can be compared cell by cell.</summary>
internal sealed record TextTable(IReadOnlyList<string> Columns, List<string?[]> Rows)
{
    public int Index(string column)
    {
        int i = Columns.ToList().IndexOf(column);
        Assert.True(i >= 0, $"column {column} missing");
        return i;
    }
}

/// <summary>Independent readers for the generator's output: Parquet.Net for Parquet, a plain RFC 4180 parser for CSV.</summary>
internal static class GeneratedTableReader
{
    public static async Task<TextTable> ReadParquetAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            var columns = new string?[fields.Length][];
            for (int f = 0; f < fields.Length; f++)
            {
                columns[f] = await ReadColumnAsync(group, fields[f], n);
            }

            for (int r = 0; r < n; r++)
            {
                var row = new string?[fields.Length];
                for (int f = 0; f < fields.Length; f++)
                {
                    row[f] = columns[f][r];
                }

                rows.Add(row);
            }
        }

        return new TextTable(fields.Select(f => f.Name).ToArray(), rows);
    }

    public static async Task<List<long>> RowGroupSizesAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var sizes = new List<long>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            sizes.Add(group.RowCount);
        }

        return sizes;
    }

    public static async Task<Dictionary<string, string>> PhysicalTypesAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        return reader.Metadata!.Schema.Skip(1).ToDictionary(
            e => e.Name,
            e => e.Type + (e.LogicalType?.DATE is not null ? "/DATE" : "") + (e.ConvertedType is { } ct ? "/" + ct : ""));
    }

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int n)
    {
        var text = new string?[n];
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory()!);
            return values;
        }

        if (field.ClrType == typeof(double))
        {
            var values = new double?[n];
            await group.ReadAsync<double>(field, values.AsMemory());
            for (int i = 0; i < n; i++) text[i] = values[i]?.ToString("R", CultureInfo.InvariantCulture);
            return text;
        }

        if (field.ClrType == typeof(int))
        {
            var values = new int?[n];
            await group.ReadAsync<int>(field, values.AsMemory());
            for (int i = 0; i < n; i++) text[i] = values[i]?.ToString(CultureInfo.InvariantCulture);
            return text;
        }

        if (field.ClrType == typeof(DateOnly))
        {
            var values = new DateOnly?[n];
            await group.ReadAsync<DateOnly>(field, values.AsMemory());
            for (int i = 0; i < n; i++) text[i] = values[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }

        throw new InvalidOperationException($"Unexpected type {field.ClrType} of {field.Name}.");
    }

    /// <summary>RFC 4180: CRLF records, quoted fields with doubled quotes; an empty unquoted field is null.</summary>
    public static TextTable ReadCsv(string path)
    {
        string content = File.ReadAllText(path, Encoding.UTF8);
        Assert.False(content.StartsWith('\uFEFF'), "CSV must not start with a BOM");
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < content.Length; i++)
        {
            char ch = content[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else field.Append(ch);
                continue;
            }

            switch (ch)
            {
                case '"': quoted = true; wasQuoted = true; break;
                case ',': fields.Add(Take()); break;
                case '\r':
                    Assert.True(i + 1 < content.Length && content[i + 1] == '\n', "bare CR in CSV");
                    break;
                case '\n':
                    fields.Add(Take());
                    records.Add(fields.ToArray());
                    fields.Clear();
                    break;
                default: field.Append(ch); break;
            }
        }

        Assert.False(quoted, "unterminated quote");
        Assert.True(field.Length == 0 && fields.Count == 0, "last record must end with CRLF");
        var header = records[0].Select(h => h!).ToArray();
        return new TextTable(header, records.Skip(1).ToList());

        string? Take()
        {
            string? value = field.Length == 0 && !wasQuoted ? null : field.ToString();
            field.Clear();
            wasQuoted = false;
            return value;
        }
    }

    /// <summary>Reads a table entry (<c>NAME.ext</c> or <c>NAME/part-*.ext</c>) of a generated folder, files concatenated in name
    /// order.</summary>
    public static async Task<TextTable> ReadTableAsync(string folder, string table, bool csv)
    {
        string ext = csv ? ".csv" : ".parquet";
        var files = File.Exists(Path.Combine(folder, table + ext))
            ? [Path.Combine(folder, table + ext)]
            : Directory.GetFiles(Path.Combine(folder, table), "part-*" + ext).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        TextTable? all = null;
        foreach (var file in files)
        {
            var part = csv ? ReadCsv(file) : await ReadParquetAsync(file);
            if (all is null) all = part;
            else
            {
                Assert.Equal(all.Columns, part.Columns);
                all.Rows.AddRange(part.Rows);
            }
        }

        return all!;
    }
}
