using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>Name, type and encoding of one generated column.</summary>
/// <param name="Name">Exact SPEC column name.</param>
/// <param name="Kind">String, Double, Int (INT32) or Date (DATE).</param>
/// <param name="Dictionary">Ask Parquet.Net for dictionary encoding (low-cardinality or repeated strings).</param>
internal sealed record GeneratedColumnSpec(string Name, ColumnKind Kind, bool Dictionary = false);

/// <summary>A buffer of one column; exactly one array is allocated, chosen by the kind.</summary>
internal sealed class GeneratedColumn
{
    public GeneratedColumn(GeneratedColumnSpec spec, int capacity)
    {
        Spec = spec;
        switch (spec.Kind)
        {
            case ColumnKind.String: Strings = new string?[capacity]; break;
            case ColumnKind.Double: Doubles = new double?[capacity]; break;
            case ColumnKind.Int: Ints = new int?[capacity]; break;
            default: Dates = new DateOnly?[capacity]; break;
        }
    }

    public GeneratedColumnSpec Spec { get; }

    public string?[]? Strings { get; }

    public double?[]? Doubles { get; }

    public int?[]? Ints { get; }

    public DateOnly?[]? Dates { get; }
}
