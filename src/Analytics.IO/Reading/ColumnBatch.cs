namespace Analytics.IO.Reading;

/// <summary>State of one cell in a <see cref="ColumnData"/>.</summary>
public enum CellState : byte
{
    /// <summary>A value is present in the typed array.</summary>
    Value = 0,
    /// <summary>Null (Parquet null, CSV empty field, or an absent optional column).</summary>
    Null = 1,
    /// <summary>CSV text that does not parse as the column's kind (a number, an ISO date, an integer).</summary>
    Unparsable = 2,
}

/// <summary>
/// One column of a batch. Exactly one typed array is used, chosen by <see cref="Kind"/>:
/// <see cref="Strings"/>, <see cref="Doubles"/>, or <see cref="Ints"/> (for <see cref="ColumnKind.Int"/> and
/// <see cref="ColumnKind.Date"/>, dates as day numbers). Arrays may be longer than the batch; only the first
/// <see cref="ColumnBatch.RowCount"/> entries are meaningful. Doubles are passed through as read: NaN and
/// ±Infinity are values for the validator to reject.
/// </summary>
public sealed class ColumnData
{
    /// <summary>Creates a column holder with capacity for <paramref name="capacity"/> rows.</summary>
    public ColumnData(ColumnKind kind, int capacity)
    {
        Kind = kind;
        State = new CellState[capacity];
        switch (kind)
        {
            case ColumnKind.String: Strings = new string?[capacity]; Symbols = new int[capacity]; break;
            case ColumnKind.Double: Doubles = new double[capacity]; break;
            default: Ints = new int[capacity]; break;
        }
    }

    /// <summary>The logical type.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Per-row state.</summary>
    public CellState[] State { get; private set; }

    /// <summary>Values of a string column (null where <see cref="State"/> is not <see cref="CellState.Value"/>).</summary>
    public string?[]? Strings { get; private set; }

    /// <summary>
    /// String columns: per row, the value's symbol in <see cref="SymbolSpace"/> — a small number that is the same
    /// for every row with the same value read through the same <see cref="SymbolSpace"/>, so a consumer can resolve a
    /// value once and then index an array by symbol. <see cref="StringInterner.NoSymbol"/> for a value without one
    /// (and for null cells); all of them when <see cref="SymbolSpace"/> is null.
    /// </summary>
    internal int[]? Symbols { get; private set; }

    /// <summary>The numbering <see cref="Symbols"/> belong to (one per column per reader), or null when there are none.</summary>
    internal object? SymbolSpace { get; set; }

    /// <summary>
    /// A customer_id column read with <see cref="TableSchema.CustomerKeys"/> (<see cref="HasCustomers"/>): per row
    /// holding a value, the dense customer index, or <see cref="CustomerKeys.Unknown"/> / <see cref="CustomerKeys.Empty"/>.
    /// <see cref="Strings"/> then holds the text only of the rows with a negative index (and null for null cells); the
    /// other rows' entries are left as they were, and <see cref="Symbols"/> are not set.
    /// </summary>
    internal int[]? Customers { get; set; }

    /// <summary>Whether this batch's <see cref="Customers"/> are set (else the ids are in <see cref="Strings"/> only).</summary>
    internal bool HasCustomers { get; set; }

    /// <summary>
    /// Whether this batch's rows with a symbol (≥ 0) hold their value only as the symbol: their <see cref="Strings"/>
    /// entries are left as they were, and <see cref="TextAt"/> gives the text.
    /// </summary>
    internal bool TextBySymbol { get; set; }

    /// <summary>The text of row <paramref name="row"/> of a string column (null for a cell without a value).</summary>
    internal string? TextAt(int row)
    {
        if (TextBySymbol)
        {
            int symbol = Symbols![row];
            if (symbol >= 0)
            {
                return ((StringInterner)SymbolSpace!).TextOf(symbol);
            }
        }

        return Strings![row];
    }

    /// <summary>Values of a double column.</summary>
    public double[]? Doubles { get; private set; }

    /// <summary>Values of an int or date column.</summary>
    public int[]? Ints { get; private set; }

    /// <summary>Grows the arrays to hold at least <paramref name="capacity"/> rows (contents are not preserved).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (State.Length >= capacity)
        {
            return;
        }

        State = new CellState[capacity];
        if (Strings is not null) Strings = new string?[capacity];
        if (Symbols is not null) Symbols = new int[capacity];
        if (Customers is not null) Customers = new int[capacity];
        if (Doubles is not null) Doubles = new double[capacity];
        if (Ints is not null) Ints = new int[capacity];
    }
}

/// <summary>
/// A block of consecutive rows of one file, as columns in <see cref="TableSchema.Columns"/> order.
/// A reader may reuse one batch instance for its next block: consume it before asking for the next.
/// </summary>
public sealed class ColumnBatch
{
    /// <summary>Creates an empty batch for <paramref name="schema"/>.</summary>
    public ColumnBatch(TableSchema schema, int capacity)
    {
        Schema = schema;
        Columns = new ColumnData[schema.Columns.Count];
        for (int i = 0; i < Columns.Length; i++)
        {
            Columns[i] = new ColumnData(schema.Columns[i].Kind, capacity);
        }

        WrongFieldCount = new bool[capacity];
    }

    /// <summary>The requested schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>The file the rows come from, as shown to people (relative to the input folder, e.g.
    /// <c>fees/part-0001.parquet</c>).</summary>
    public string File { get; set; } = "";

    /// <summary>1-based data-row number, within <see cref="File"/>, of row 0 of this batch.</summary>
    public long FirstRowNumber { get; set; } = 1;

    /// <summary>Rows in this batch.</summary>
    public int RowCount { get; set; }

    /// <summary>One entry per requested column.</summary>
    public ColumnData[] Columns { get; }

    /// <summary>CSV only: rows whose field count differs from the header's; their cells are all null.</summary>
    public bool[] WrongFieldCount { get; private set; }

    /// <summary>Grows every column to hold <paramref name="capacity"/> rows.</summary>
    public void EnsureCapacity(int capacity)
    {
        foreach (var c in Columns)
        {
            c.EnsureCapacity(capacity);
        }

        if (WrongFieldCount.Length < capacity)
        {
            WrongFieldCount = new bool[capacity];
        }
    }
}
