using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>A defect planted in a chunk, before the chunk knows which file and row it lands in.</summary>
/// <param name="ChunkRow">0-based row within the chunk.</param>
/// <param name="Column">Offending column, or null for a whole-row defect.</param>
/// <param name="Kind">Defect kind.</param>
/// <param name="Format">The format the defect exists in, or null for both.</param>
internal readonly record struct PendingDefect(int ChunkRow, string? Column, PlantedDefectKind Kind, TableFileFormat? Format);

/// <summary>Text written to a CSV cell instead of the buffered value (the Parquet file keeps the value).</summary>
internal readonly record struct CsvOverride(int ChunkRow, int Column, string Text);

/// <summary>
/// A reusable block of rows of one table, written as one Parquet row group. Invariant: generators set every
/// column of every row they add, so arrays are never cleared between blocks.
/// </summary>
internal sealed class TableChunk
{
    public TableChunk(GeneratedTable table, int capacity)
    {
        Table = table;
        Capacity = capacity;
        Columns = new GeneratedColumn[table.Columns.Count];
        for (int i = 0; i < Columns.Length; i++)
        {
            Columns[i] = new GeneratedColumn(table.Columns[i], capacity);
        }
    }

    public GeneratedTable Table { get; }

    public int Capacity { get; }

    public GeneratedColumn[] Columns { get; }

    public int Count { get; set; }

    public List<PendingDefect> Defects { get; } = [];

    public List<CsvOverride> CsvOverrides { get; } = [];

    /// <summary>Rows written to CSV with one trailing empty field too many.</summary>
    public List<int> CsvExtraFieldRows { get; } = [];

    public string?[] Strings(string column) => Columns[Table.IndexOf(column)].Strings!;

    public double?[] Doubles(string column) => Columns[Table.IndexOf(column)].Doubles!;

    public int?[] Ints(string column) => Columns[Table.IndexOf(column)].Ints!;

    public DateOnly?[] Dates(string column) => Columns[Table.IndexOf(column)].Dates!;

    public void Clear()
    {
        Count = 0;
        Defects.Clear();
        CsvOverrides.Clear();
        CsvExtraFieldRows.Clear();
    }
}
