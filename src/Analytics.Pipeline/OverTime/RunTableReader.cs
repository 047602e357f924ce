using System.Globalization;
using Analytics.Core.Errors;
using Analytics.IO.Reading;

namespace Analytics.Pipeline.OverTime;

/// <summary>The columns of one output table of an earlier run, read back whole (Parquet or CSV, one file or parts).</summary>
internal sealed class RunTable
{
    private readonly Dictionary<string, ColumnValues> _columns;

    private RunTable(int rowCount, Dictionary<string, ColumnValues> columns)
    {
        RowCount = rowCount;
        _columns = columns;
    }

    public int RowCount { get; }

    /// <summary>True when the file had the column (an optional column absent from the file reads as all null).</summary>
    public bool Has(string column) => _columns[column].Present;

    /// <summary>Text values (null where the cell was empty).</summary>
    public string?[] Text(string column) => _columns[column].Strings!;

    /// <summary>Numbers (NaN where the cell was empty).</summary>
    public double[] Numbers(string column) => _columns[column].Doubles!;

    /// <summary>
    /// Reads <paramref name="table"/> from the run folder <paramref name="runDirectory"/>; null when the run has no
    /// such table. A required column that is missing fails with the reader's sentence naming file and column; an
    /// unparsable cell fails naming file, row and column.
    /// </summary>
    public static async Task<RunTable?> ReadAsync(string runDirectory, string table, IReadOnlyList<ColumnSpec> columns, CancellationToken cancellationToken)
    {
        var location = InputFolder.Locate(runDirectory, table);
        if (location is null)
        {
            return null;
        }

        var schema = new TableSchema(table, columns);
        var values = new Dictionary<string, ColumnValues>(StringComparer.Ordinal);
        var strings = new List<string?>[columns.Count];
        var doubles = new List<double>[columns.Count];
        var present = new bool[columns.Count];
        for (int k = 0; k < columns.Count; k++)
        {
            if (columns[k].Kind == ColumnKind.String) strings[k] = [];
            else doubles[k] = [];
        }

        int rows = 0;
        foreach (var file in location.Files)
        {
            await using var reader = await InputFolder.OpenAsync(file, schema, cancellationToken).ConfigureAwait(false);
            for (int b = 0; b < reader.BlockCount; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    for (int k = 0; k < columns.Count; k++)
                    {
                        var column = batch.Columns[k];
                        for (int i = 0; i < batch.RowCount; i++)
                        {
                            var state = column.State[i];
                            if (state == CellState.Unparsable)
                            {
                                long row = batch.FirstRowNumber + i;
                                throw new InputException(batch.File, string.Create(CultureInfo.InvariantCulture,
                                    $"{batch.File}: row {row}, column {columns[k].Name} is not a valid {columns[k].Kind.ToString().ToLowerInvariant()}; is this an output folder of 'analytics score'?"), row, columns[k].Name);
                            }

                            present[k] |= state == CellState.Value;
                            if (strings[k] is { } s) s.Add(state == CellState.Value ? column.Strings![i] : null);
                            else doubles[k]!.Add(state == CellState.Value ? Number(column, i) : double.NaN);
                        }
                    }

                    rows += batch.RowCount;
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        for (int k = 0; k < columns.Count; k++)
        {
            values[columns[k].Name] = new ColumnValues(present[k] || columns[k].MustExist, strings[k]?.ToArray(), doubles[k]?.ToArray());
        }

        return new RunTable(rows, values);
    }

    private static double Number(ColumnData column, int i) => column.Kind == ColumnKind.Double ? column.Doubles![i] : column.Ints![i];

    private sealed record ColumnValues(bool Present, string?[]? Strings, double[]? Doubles);
}
