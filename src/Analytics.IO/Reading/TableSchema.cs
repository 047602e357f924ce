namespace Analytics.IO.Reading;

/// <summary>The logical type a column is read as.</summary>
public enum ColumnKind
{
    /// <summary>UTF-8 text (Parquet BYTE_ARRAY/STRING).</summary>
    String,
    /// <summary>binary64; Parquet DOUBLE, FLOAT, INT32, INT64 or DECIMAL.</summary>
    Double,
    /// <summary>32-bit integer; Parquet INT32/INT64 (and whole-valued DOUBLE/FLOAT/DECIMAL).</summary>
    Int,
    /// <summary>Calendar date as <see cref="DateOnly.DayNumber"/>; Parquet DATE or TIMESTAMP (date part, UTC), CSV
    /// <c>yyyy-MM-dd</c>.</summary>
    Date,
}

/// <summary>One column a table reader must deliver.</summary>
/// <param name="Name">Exact snake_case column name.</param>
/// <param name="Kind">Logical type.</param>
/// <param name="MustExist">When true, a file without this column fails the run (docs/METHODOLOGY.md §1); otherwise an absent column
/// reads as all null.</param>
/// <param name="DistinctValues">
/// A string column whose values are meant to be all distinct (a table's own key): readers then neither intern nor
/// number its values (<see cref="StringInterner.NoSymbol"/>), since a cache of values that never repeat only costs
/// a hash insert per row and memory.
/// </param>
/// <param name="CustomerKey">
/// A customer_id column its consumer needs only as the customer index: a Parquet reader given
/// <see cref="TableSchema.CustomerKeys"/> delivers each cell's index (<see cref="ColumnData.Customers"/>) and the text
/// only of cells that are no accepted customer.
/// </param>
public sealed record ColumnSpec(string Name, ColumnKind Kind, bool MustExist, bool DistinctValues = false, bool CustomerKey = false);

/// <summary>The columns requested from one table, in the order <see cref="ColumnBatch.Columns"/> holds them.</summary>
public sealed record TableSchema(string Table, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>The accepted customers, for the <see cref="ColumnSpec.CustomerKey"/> columns; null reads them as text.</summary>
    internal CustomerKeys? CustomerKeys { get; init; }

    /// <summary>
    /// The consumer reads the text of string columns (other than <see cref="ColumnSpec.DistinctValues"/> and
    /// <see cref="ColumnSpec.CustomerKey"/> ones) through <see cref="ColumnData.TextAt"/>, so a reader may deliver only
    /// the symbol of a row whose value has one (<see cref="ColumnData.TextBySymbol"/>) instead of storing a string
    /// reference per row.
    /// </summary>
    internal bool TextBySymbol { get; init; }

    /// <summary>Position of <paramref name="name"/> in <see cref="Columns"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
