using Analytics.IO.Writing;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.Writing;

/// <summary>
/// A derived text column (its rows given a range at a time, not held as an array) reads and writes as the same column
/// held in an array: any range of rows, Parquet over several row groups and data pages, CSV.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DerivedColumnTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Row r holds the id of key r / 3 (every key on three rows, as a customer's id on its accounts), every 50th null.</summary>
    private static string? Text(int row) => row % 50 == 7 ? null : $"K{row / 3:D8}";

    private static OutputColumn Derived(int rows) => OutputColumn.Text("id", rows, (start, into) =>
    {
        for (int i = 0; i < into.Length; i++) into[i] = Text(start + i);
    });

    private static OutputColumn Held(int rows) => OutputColumn.Text("id", [.. Enumerable.Range(0, rows).Select(Text)]);

    [Fact]
    public void Any_range_copies_the_rows_an_array_holds()
    {
        var derived = Derived(1000);
        var held = Held(1000);
        Assert.True(derived.IsDerived);
        Assert.False(held.IsDerived);
        Assert.Equal(1000, derived.Length);
        foreach (var (start, count) in new[] { (0, 1000), (0, 0), (999, 1), (123, 456) })
        {
            var a = new string?[count];
            var b = new string?[count];
            derived.CopyText(start, a);
            held.CopyText(start, b);
            Assert.Equal(b, a);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => derived.CopyText(990, new string?[11]));
        Assert.Equal((string?[])held.Values, (string?[])derived.Values);
    }

    [Fact]
    public async Task Parquet_and_csv_files_equal_those_of_the_held_column_over_several_row_groups()
    {
        // 2,000,003 rows: three row groups (1,000,000 rows each at most) of many data pages each.
        const int Rows = 2_000_003;
        var amount = new double[Rows];
        for (int i = 0; i < Rows; i++) amount[i] = i * 0.25;
        var derived = new OutputTable("derived", Rows, [Derived(Rows), OutputColumn.Number("amount", amount)]);
        var held = new OutputTable("derived", Rows, [Held(Rows), OutputColumn.Number("amount", amount)]);

        string one = _tmp.Combine("one.parquet"), two = _tmp.Combine("two.parquet");
        await ParquetTableWriter.WriteAsync(derived, one);
        await ParquetTableWriter.WriteAsync(held, two);
        Assert.Equal(File.ReadAllBytes(two), File.ReadAllBytes(one));
        Assert.False(derived.Columns[0].HoldsArray, "writing Parquet takes ranges and does not build the array");

        await CsvTableWriter.WriteAsync(derived, _tmp.Combine("one.csv"));
        await CsvTableWriter.WriteAsync(held, _tmp.Combine("two.csv"));
        Assert.Equal(File.ReadAllBytes(_tmp.Combine("two.csv")), File.ReadAllBytes(_tmp.Combine("one.csv")));
    }
}
