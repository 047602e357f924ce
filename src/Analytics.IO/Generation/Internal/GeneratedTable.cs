namespace Analytics.IO.Generation.Internal;

/// <summary>A table's name and columns in file order.</summary>
internal sealed record GeneratedTable(string Name, IReadOnlyList<GeneratedColumnSpec> Columns)
{
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(column), column, $"Table {Name} has no such column.");
    }
}
