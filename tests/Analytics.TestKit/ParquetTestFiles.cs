using System.Globalization;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Reliability;

/// <summary>Writes test inputs as Parquet (typed as the engine expects) and reads output tables back.</summary>
internal static class ParquetTestFiles
{
    /// <summary>
    /// Writes <paramref name="csv"/> as a Parquet file: numbers as nullable DOUBLE, integers as nullable INT32,
    /// dates as nullable DATE, everything else as STRING; an empty CSV field is a null.
    /// <paramref name="asString"/> names columns to write as STRING whatever their kind (wrong-type tests).
    /// </summary>
    public static async Task WriteFromCsvAsync(string path, string table, string csv, params string[] asString)
    {
        var records = CsvText.Parse(csv);
        var header = records[0];
        int n = records.Count - 1;
        var schema = SchemaOf(table);
        var fields = new DataField[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            var kind = asString.Contains(header[c]) ? ColumnKind.String : KindOf(schema, header[c]);
            fields[c] = kind switch
            {
                ColumnKind.Double => new DataField<double?>(header[c]),
                ColumnKind.Int => new DataField<int?>(header[c]),
                ColumnKind.Date => new DataField<DateOnly?>(header[c]),
                _ => new DataField<string>(header[c], nullable: true),
            };
        }

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < fields.Length; c++)
        {
            string? Cell(int r) => records[r + 1].Length > c && records[r + 1][c].Length > 0 ? records[r + 1][c] : null;
            switch (fields[c])
            {
                case DataField<double?> f:
                    var doubles = new double?[n];
                    for (int r = 0; r < n; r++) doubles[r] = Cell(r) is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : null;
                    await group.WriteAsync<double>(f, doubles.AsMemory(), null, null, default);
                    break;
                case DataField<int?> f:
                    var ints = new int?[n];
                    for (int r = 0; r < n; r++) ints[r] = Cell(r) is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
                    await group.WriteAsync<int>(f, ints.AsMemory(), null, null, default);
                    break;
                case DataField<DateOnly?> f:
                    var dates = new DateOnly?[n];
                    for (int r = 0; r < n; r++) dates[r] = Cell(r) is { } t
                        ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
                    await group.WriteAsync<DateOnly>(f, dates.AsMemory(), null, null, default);
                    break;
                default:
                    var strings = new string?[n];
                    for (int r = 0; r < n; r++) strings[r] = Cell(r);
                    await group.WriteAsync(fields[c], strings!, null);
                    break;
            }
        }
    }

    private static TableSchema SchemaOf(string table) => table switch
    {
        InputTables.Customers => InputTables.CustomerSchema([]),
        InputTables.Accounts => InputTables.AccountSchema,
        InputTables.Fees => InputTables.FeeSchema,
        InputTables.CrossSales => InputTables.CrossSaleSchema,
        InputTables.Financials => InputTables.FinancialSchema,
        _ => new TableSchema(table, []),
    };

    private static ColumnKind KindOf(TableSchema schema, string column)
    {
        int i = schema.IndexOf(column);
        return i < 0 ? ColumnKind.String : schema.Columns[i].Kind;
    }

    /// <summary>Column names of a Parquet file and the values of its string columns (other columns map to null).</summary>
    public static async Task<Dictionary<string, string?[]?>> ReadStringColumnsAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        var columns = new Dictionary<string, List<string?>?>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            columns[f.Name] = f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>) ? [] : null;
        }

        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            foreach (var f in fields)
            {
                if (columns[f.Name] is { } target)
                {
                    var buffer = new string?[rows];
                    await group.ReadAsync(f, buffer.AsMemory(), null);
                    target.AddRange(buffer);
                }
            }
        }

        return columns.ToDictionary(kv => kv.Key, kv => kv.Value?.ToArray(), StringComparer.Ordinal);
    }
}
