using System.Buffers;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Parquet;
using Parquet.Schema;

namespace Analytics.Benchmarks.Peers;

/// <summary>
/// The floor for a managed reader: Parquet.Net decoding exactly the columns the engine requests
/// (<see cref="InputTables"/>), row group by row group, into pooled buffers (<c>ReadRawAsync</c>: values plus
/// definition levels), and nothing else — no interning, no validation, no conversion. Row groups of all files are
/// decoded on <c>threads</c> workers, as the engine reads them.
/// </summary>
public static class BareDecoder
{
    /// <summary>Decodes the requested columns of <paramref name="tables"/>; returns the rows decoded.</summary>
    public static async Task<long> DecodeAsync(string folder, IReadOnlyList<string> tables, int threads)
    {
        var items = new List<(string Path, int RowGroup, DataField[] Fields)>();
        foreach (var table in tables)
        {
            var schema = SchemaOf(table);
            foreach (var path in TableFiles.Of(folder, table))
            {
                await using var stream = File.OpenRead(path);
                await using var reader = await ParquetReader.CreateAsync(stream, Options);
                var fields = new List<DataField>();
                foreach (var column in schema.Columns)
                {
                    foreach (var f in reader.Schema.GetDataFields())
                    {
                        if (f.Name == column.Name)
                        {
                            fields.Add(f);
                        }
                    }
                }

                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    items.Add((path, g, [.. fields]));
                }
            }
        }

        long rows = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions
        {
            MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount
            : threads
        }, async (item, ct) =>
        {
            await using var stream = File.OpenRead(item.Path);
            await using var reader = await ParquetReader.CreateAsync(stream, Options, cancellationToken: ct);
            var rowGroup = reader.OpenRowGroupReader(item.RowGroup);
            int n = (int)rowGroup.RowCount;
            foreach (var field in item.Fields)
            {
                await DecodeColumnAsync(rowGroup, field, n, ct);
            }

            Interlocked.Add(ref rows, n);
        });

        return rows;
    }

    private static readonly ParquetOptions Options = new() { TreatByteArrayAsString = true, UseDateOnlyTypeForDates = true };

    private static TableSchema SchemaOf(string table) => table switch
    {
        InputTables.Customers => InputTables.CustomerSchema([]),
        InputTables.Accounts => InputTables.AccountSchema,
        InputTables.Fees => InputTables.FeeSchema,
        InputTables.CrossSales => InputTables.CrossSaleSchema,
        _ => InputTables.FinancialSchema,
    };

    private static ValueTask DecodeColumnAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken ct)
    {
        Type t = field.ClrType;
        if (t == typeof(ReadOnlyMemory<char>)) return DecodeAsync<ReadOnlyMemory<char>>(rowGroup, field, rows, ct);
        if (t == typeof(double)) return DecodeAsync<double>(rowGroup, field, rows, ct);
        if (t == typeof(float)) return DecodeAsync<float>(rowGroup, field, rows, ct);
        if (t == typeof(int)) return DecodeAsync<int>(rowGroup, field, rows, ct);
        if (t == typeof(long)) return DecodeAsync<long>(rowGroup, field, rows, ct);
        if (t == typeof(DateOnly)) return DecodeAsync<DateOnly>(rowGroup, field, rows, ct);
        if (t == typeof(DateTime)) return DecodeAsync<DateTime>(rowGroup, field, rows, ct);
        if (t == typeof(decimal)) return DecodeAsync<decimal>(rowGroup, field, rows, ct);
        throw new NotSupportedException($"The bare decoder has no buffer for {t}.");
    }

    private static async ValueTask DecodeAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken ct)
        where T : struct
    {
        var values = ArrayPool<T>.Shared.Rent(Math.Max(rows, 1));
        int[]? defs = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(rows, 1)) : null;
        try
        {
            await rowGroup.ReadRawAsync(field, values.AsMemory(0, rows), defs is null ? null : defs.AsMemory(0, rows), null, ct);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, clearArray: typeof(T) == typeof(ReadOnlyMemory<char>));
            if (defs is not null)
            {
                ArrayPool<int>.Shared.Return(defs);
            }
        }
    }
}
