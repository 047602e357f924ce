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

/// <summary>One output column: a name, a kind and the array that holds its values.</summary>
public sealed class OutputColumn
{
    private OutputColumn(string name, OutputKind kind, Array values)
    {
        Name = name;
        Kind = kind;
        Values = values;
    }

    /// <summary>Column name (exact, snake_case).</summary>
    public string Name { get; }

    /// <summary>Logical type.</summary>
    public OutputKind Kind { get; }

    /// <summary>Values: string?[], double[], int[], long[] or int[] (dates as day numbers).</summary>
    public Array Values { get; }

    /// <summary>A text column.</summary>
    public static OutputColumn Text(string name, string?[] values) => new(name, OutputKind.String, values);

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
            if (c.Values.Length != rowCount)
            {
                throw new ArgumentException($"Column '{c.Name}' of '{name}' has {c.Values.Length} values, expected {rowCount}.",
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
