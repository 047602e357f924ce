using Analytics.Core.Errors;
using Analytics.IO.Writing;

namespace Analytics.Pipeline.Outputs;

/// <summary>
/// The last line of docs/METHODOLOGY.md §1's rule that no output ever holds ±Infinity: every double cell of every table is
/// checked before anything is written (NaN is the in-memory null and is written as null).
/// </summary>
internal static class OutputGuard
{
    /// <summary>Throws <see cref="DataQualityException"/> naming the table, column and row of the first infinite value.</summary>
    public static void EnsureFinite(IReadOnlyList<OutputTable> tables, bool customerIdConfidential)
    {
        foreach (var table in tables)
        {
            OutputColumn? ids = null;
            foreach (var column in table.Columns)
            {
                if (column.Name == "customer_id" && !customerIdConfidential)
                {
                    ids = column;
                }
            }

            foreach (var column in table.Columns)
            {
                if (column.Kind != OutputKind.Double)
                {
                    continue;
                }

                var values = (double[])column.Values;
                for (int r = 0; r < values.Length; r++)
                {
                    if (double.IsInfinity(values[r]))
                    {
                        string who = ids is null ? $"row {r + 1}" : $"customer_id {((string?[])ids.Values)[r]}";
                        throw new DataQualityException(
                            $"A figure overflowed: {table.Name}.{column.Name} is infinite for {who}; check the input magnitudes.");
                    }
                }
            }
        }
    }
}
