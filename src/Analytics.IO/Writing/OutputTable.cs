namespace Analytics.IO.Writing;

/// <summary>Logical type of an output column.</summary>
public enum OutputKind
{
    /// <summary>Text; null allowed.</summary>
    String,
    /// <summary>binary64; NaN is written as null (no output ever holds NaN).</summary>
    Double,
    /// <summary>32-bit integer.</summary>
    Int,
    /// <summary>64-bit integer.</summary>
    Long,
    /// <summary>Calendar date (day number in memory, DATE in Parquet, yyyy-MM-dd in CSV).</summary>
    Date,
}

/// <summary>Fills <paramref name="into"/> with the text of rows [<paramref name="start"/>, start + into.Length) of a column.</summary>
public delegate void TextRows(int start, Span<string?> into);

/// <summary>
/// One output column: a name, a kind and its values, either an array that holds them or, for text derived row by row
/// from arrays that exist anyway (a customer's id repeated on each of its accounts, a severity's name), a function that
/// gives any range of rows (<see cref="CopyText"/>). Why: such a column would otherwise be an array of references as
/// long as the table (27 MB for 3.4 M accounts) alive through the whole write stage; the Parquet writer takes the rows
/// of one chunk at a time instead.
/// </summary>
public sealed class OutputColumn
{
    private readonly TextRows? _rows;
    private Array? _values;

    private OutputColumn(string name, OutputKind kind, Array values)
    {
        Name = name;
        Kind = kind;
        _values = values;
        Length = values.Length;
    }

    private OutputColumn(string name, int length, TextRows rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Kind = OutputKind.String;
        Length = length;
        _rows = rows;
    }

    /// <summary>Column name (exact, snake_case).</summary>
    public string Name { get; }

    /// <summary>Logical type.</summary>
    public OutputKind Kind { get; }

    /// <summary>Number of values.</summary>
    public int Length { get; }

    /// <summary>The text is produced range by range (<see cref="CopyText"/>) rather than held in an array.</summary>
    public bool IsDerived => _rows is not null;

    /// <summary>The values are held in an array (always, unless a derived column was never asked for <see cref="Values"/>).</summary>
    internal bool HoldsArray => _values is not null;

    /// <summary>
    /// Values: string?[], double[], int[], long[] or int[] (dates as day numbers). A derived text column builds (and then
    /// keeps) the whole array on first use; writers that can take a range at a time use <see cref="CopyText"/> instead.
    /// </summary>
    public Array Values
    {
        get
        {
            if (_values is null)
            {
                var all = new string?[Length];
                _rows!(0, all);
                Interlocked.CompareExchange(ref _values, all, null);
            }

            return _values;
        }
    }

    /// <summary>Copies the text of rows [<paramref name="start"/>, start + into.Length) into <paramref name="into"/>.</summary>
    public void CopyText(int start, Span<string?> into)
    {
        if (Kind != OutputKind.String)
        {
            throw new InvalidOperationException($"Column '{Name}' is not text.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + into.Length, Length);
        if (_rows is not null && _values is null)
        {
            _rows(start, into);
            return;
        }

        ((string?[])Values).AsSpan(start, into.Length).CopyTo(into);
    }

    /// <summary>A text column.</summary>
    public static OutputColumn Text(string name, string?[] values) => new(name, OutputKind.String, values);

    /// <summary>A text column of <paramref name="length"/> rows whose text <paramref name="rows"/> gives, any range at a time.</summary>
    public static OutputColumn Text(string name, int length, TextRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new OutputColumn(name, length, rows);
    }

    /// <summary>A double column (NaN = null).</summary>
    public static OutputColumn Number(string name, double[] values) => new(name, OutputKind.Double, values);

    /// <summary>An int column.</summary>
    public static OutputColumn Integer(string name, int[] values) => new(name, OutputKind.Int, values);

    /// <summary>A long column.</summary>
    public static OutputColumn Long(string name, long[] values) => new(name, OutputKind.Long, values);

    /// <summary>A date column of day numbers.</summary>
    public static OutputColumn Date(string name, int[] dayNumbers) => new(name, OutputKind.Date, dayNumbers);
}

/// <summary>A named output table, already sorted, as columns of equal length.</summary>
public sealed class OutputTable
{
    /// <summary>Creates the table; every column must have <paramref name="rowCount"/> values.</summary>
    public OutputTable(string name, int rowCount, IReadOnlyList<OutputColumn> columns)
    {
        foreach (var c in columns)
        {
            if (c.Length != rowCount)
            {
                throw new ArgumentException($"Column '{c.Name}' of '{name}' has {c.Length} values, expected {rowCount}.",
                    nameof(columns));
            }
        }

        Name = name;
        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>Table (and file) name, e.g. <c>customer_profitability</c>.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Columns in output order.</summary>
    public IReadOnlyList<OutputColumn> Columns { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    public OutputColumn this[string name]
    {
        get
        {
            foreach (var c in Columns)
            {
                if (c.Name == name)
                {
                    return c;
                }
            }

            throw new KeyNotFoundException($"Output table '{Name}' has no column '{name}'.");
        }
    }
}
