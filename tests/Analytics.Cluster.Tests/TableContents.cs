using Analytics.IO.Writing;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Compares a table with its parts: the parts, concatenated in order, must hold the same columns and the same rows
/// with bit-identical values (doubles compared by their bits, so −0 ≠ +0 and NaN = NaN).
/// </summary>
internal static class TableContents
{
    public static void AssertConcatenationEquals(OutputTable expected, IReadOnlyList<OutputTable> parts)
    {
        int rows = 0;
        foreach (var part in parts)
        {
            Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), part.Columns.Select(c => (c.Name, c.Kind)));
            rows += part.RowCount;
        }

        Assert.True(expected.RowCount == rows, $"{expected.Name}: {expected.RowCount} rows expected, the parts hold {rows}.");
        foreach (var column in expected.Columns)
        {
            int row = 0;
            foreach (var part in parts)
            {
                var values = part[column.Name].Values;
                for (int i = 0; i < part.RowCount; i++, row++)
                {
                    object? want = column.Values.GetValue(row);
                    object? got = values.GetValue(i);
                    bool same = want is double w && got is double g
                        ? BitConverter.DoubleToInt64Bits(w) == BitConverter.DoubleToInt64Bits(g)
                        : Equals(want, got);
                    Assert.True(same, $"{expected.Name}.{column.Name} row {row}: expected {want}, got {got}.");
                }
            }
        }
    }
}
