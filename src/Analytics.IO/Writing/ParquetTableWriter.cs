using Parquet;
using Parquet.Schema;

namespace Analytics.IO.Writing;

/// <summary>
/// Writes an <see cref="OutputTable"/> as Parquet with fixed settings (one row group per 1,000,000 rows, Snappy,
/// no timestamps), so the same table always gives the same bytes.
/// </summary>
public static class ParquetTableWriter
{
    private const int RowGroupSize = 1_000_000;

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(OutputTable table, string path, CancellationToken cancellationToken = default)
    {
        var fields = new DataField[table.Columns.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            var c = table.Columns[i];
            fields[i] = c.Kind switch
            {
                OutputKind.String => new DataField<string>(c.Name, nullable: true),
                OutputKind.Double => new DataField<double?>(c.Name),
                OutputKind.Int => new DataField<int>(c.Name),
                OutputKind.Long => new DataField<long>(c.Name),
                OutputKind.Date => new DataField<DateOnly>(c.Name),
                _ => throw new InvalidOperationException(c.Kind.ToString()),
            };
        }

        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // An empty table still gets one (empty) row group so readers see the schema and zero rows.
            for (int start = 0; start == 0 || start < table.RowCount; start += RowGroupSize)
            {
                int count = Math.Min(RowGroupSize, table.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (int i = 0; i < fields.Length; i++)
                {
                    await WriteColumnAsync(group, fields[i], table.Columns[i], start, count, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, OutputColumn column, int start, int count, CancellationToken ct)
    {
        switch (column.Kind)
        {
            case OutputKind.String:
                await group.WriteAsync(field, new ArraySegment<string?>((string?[])column.Values, start, count)!, null).ConfigureAwait(false);
                break;
            case OutputKind.Double:
                var source = (double[])column.Values;
                var values = new double?[count];
                for (int r = 0; r < count; r++)
                {
                    double v = source[start + r];
                    values[r] = double.IsNaN(v) ? null : v;
                }

                await group.WriteAsync<double>(field, values.AsMemory(), null, null, ct).ConfigureAwait(false);
                break;
            case OutputKind.Int:
                await group.WriteAsync<int>(field, ((int[])column.Values).AsMemory(start, count), null, null, ct).ConfigureAwait(false);
                break;
            case OutputKind.Long:
                await group.WriteAsync<long>(field, ((long[])column.Values).AsMemory(start, count), null, null, ct).ConfigureAwait(false);
                break;
            case OutputKind.Date:
                var days = (int[])column.Values;
                var dates = new DateOnly[count];
                for (int r = 0; r < count; r++)
                {
                    dates[r] = DateOnly.FromDayNumber(days[start + r]);
                }

                await group.WriteAsync<DateOnly>(field, dates.AsMemory(), null, null, ct).ConfigureAwait(false);
                break;
        }
    }
}
