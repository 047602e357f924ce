using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Reads every file and block of a table in a fixed order, counting rows per file.</summary>
internal static class TableScanner
{
    public static async Task ScanAsync(
        TableLocation? location,
        TableSchema schema,
        TableStats stats,
        Action<ColumnBatch> consume,
        CancellationToken cancellationToken)
    {
        if (location is null)
        {
            return;
        }

        stats.Present = true;
        foreach (var file in location.Files)
        {
            await using var reader = await InputFolder.OpenAsync(file, schema, cancellationToken).ConfigureAwait(false);
            long rows = 0;
            for (int block = 0; block < reader.BlockCount; block++)
            {
                await reader.ReadBlockAsync(
                    block,
                    batch =>
                    {
                        rows += batch.RowCount;
                        consume(batch);
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            stats.Files.Add((file.DisplayName, rows));
            stats.RowsRead += rows;
        }
    }
}
