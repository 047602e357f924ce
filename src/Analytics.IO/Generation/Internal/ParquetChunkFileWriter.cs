using Analytics.IO.Reading;
using Parquet;
using Parquet.Schema;

namespace Analytics.IO.Generation.Internal;

/// <summary>One Parquet file; every chunk becomes one row group. All columns are nullable, as Spark writes them.</summary>
internal sealed class ParquetChunkFileWriter : IChunkFileWriter
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;

    private ParquetChunkFileWriter(FileStream stream, ParquetWriter writer, DataField[] fields)
    {
        _stream = stream;
        _writer = writer;
        _fields = fields;
    }

    public static async ValueTask<ParquetChunkFileWriter> CreateAsync(string path, GeneratedTable table,
        CancellationToken cancellationToken)
    {
        var fields = new DataField[table.Columns.Count];
        var options = new ParquetOptions();
        for (int i = 0; i < fields.Length; i++)
        {
            var spec = table.Columns[i];
            fields[i] = spec.Kind switch
            {
                ColumnKind.String => new DataField<string>(spec.Name),
                ColumnKind.Double => new DataField<double?>(spec.Name),
                ColumnKind.Int => new DataField<int?>(spec.Name),
                _ => new DataField<DateOnly?>(spec.Name),
            };
            if (spec.Dictionary)
            {
                options.ColumnEncodingHints[fields[i].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options, false, cancellationToken)
                .ConfigureAwait(false);
            return new ParquetChunkFileWriter(stream, writer, fields);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask WriteAsync(TableChunk chunk, CancellationToken cancellationToken)
    {
        int n = chunk.Count;
        using var rowGroup = _writer.CreateRowGroup();
        for (int i = 0; i < _fields.Length; i++)
        {
            var column = chunk.Columns[i];
            var field = _fields[i];
            switch (column.Spec.Kind)
            {
                case ColumnKind.String:
                    await rowGroup.WriteAsync(field, new ArraySegment<string>(column.Strings!, 0, n)).ConfigureAwait(false);
                    break;
                case ColumnKind.Double:
                    await rowGroup.WriteAsync<double>(field, new ReadOnlyMemory<double?>(column.Doubles!, 0, n), null, null,
                        cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Int:
                    await rowGroup.WriteAsync<int>(field, new ReadOnlyMemory<int?>(column.Ints!, 0, n), null, null, cancellationToken)
                        .ConfigureAwait(false);
                    break;
                default:
                    await rowGroup.WriteAsync<DateOnly>(field, new ReadOnlyMemory<DateOnly?>(column.Dates!, 0, n), null, null,
                        cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        rowGroup.CompleteValidate();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
