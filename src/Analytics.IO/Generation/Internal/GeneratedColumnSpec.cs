using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>Name, type and encoding of one generated column.</summary>
/// <param name="Name">Exact column name (docs/METHODOLOGY.md §1).</param>
/// <param name="Kind">String, Double, Int (INT32) or Date (DATE).</param>
/// <param name="Dictionary">Ask Parquet.Net for dictionary encoding (low-cardinality or repeated strings).</param>
internal sealed record GeneratedColumnSpec(string Name, ColumnKind Kind, bool Dictionary = false);
