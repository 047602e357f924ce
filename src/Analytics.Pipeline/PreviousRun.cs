using Analytics.Core.Errors;
using Analytics.IO.Reading;
using Analytics.Pipeline.Outputs;

namespace Analytics.Pipeline;

/// <summary>Reads the tiers of a previous run's <c>customer_segments</c> (Parquet or CSV) for tier migration.</summary>
public static class PreviousRun
{
    /// <summary>customer_id → tier of the run published at <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadTiersAsync(string directory,
        CancellationToken cancellationToken = default)
    {
        var location = InputFolder.Locate(directory, OutputTableNames.CustomerSegments)
            ?? throw new UsageException(
                $"The --previous folder '{directory}' has no customer_segments table; point it at an earlier run's output.");
        var schema = new TableSchema(OutputTableNames.CustomerSegments,
        [
            new ColumnSpec("customer_id", ColumnKind.String, true),
            new ColumnSpec("tier", ColumnKind.String, true),
        ]);
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in location.Files)
        {
            await using var reader = await InputFolder.OpenAsync(file, schema, cancellationToken).ConfigureAwait(false);
            for (int b = 0; b < reader.BlockCount; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var ids = batch.Columns[0];
                    var tier = batch.Columns[1];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        if (ids.State[i] == CellState.Value && tier.State[i] == CellState.Value)
                        {
                            tiers[ids.Strings![i]!] = tier.Strings![i]!;
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        return tiers;
    }
}
