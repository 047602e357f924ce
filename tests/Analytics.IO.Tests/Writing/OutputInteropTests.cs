using System.Globalization;
using System.Text;
using Analytics.IO.Writing;
using Analytics.ParquetFormat.Reading;
using Analytics.ParquetFormat.Writing;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.Writing;

/// <summary>
/// The engine's Parquet output as other readers see it: a table of 45,000 rows (every output kind; long text that
/// fills pages by bytes, a dictionary column, a stretch of 20,000 null doubles, ±0 and extremes) written with bounded
/// pages, read back cell by cell by Parquet.Net, DuckDB and arrow-rs (parquet-wasm through node), each column chunk's
/// statistics checked against its cells, and every page within its bounds.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class OutputInteropTests : IDisposable
{
    private const int Rows = 45_000;
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>The table, and for each column the cells every reader must see and the order its statistics follow.</summary>
    private static (OutputTable Table, string?[][] Cells, Type[] Kinds) Large()
    {
        var inv = CultureInfo.InvariantCulture;
        string[] tiers = ["strategic", "core", "basic", "élite"];
        var id = new string?[Rows];
        var note = new string?[Rows];
        var tier = new string?[Rows];
        var amount = new double[Rows];
        var count = new int[Rows];
        var big = new long[Rows];
        var day = new int[Rows];
        int epoch = new DateOnly(1970, 1, 1).DayNumber;
        for (int i = 0; i < Rows; i++)
        {
            id[i] = "C" + i.ToString("D7", inv);
            // About 200 bytes of UTF-8 a row: a 20,000-row page would hold 4 MB, so text pages end at 1 MiB instead.
            note[i] = i % 9 == 4 ? null : new StringBuilder().Append("Zürich 東京 ").Append('x', 170 + i % 17).Append(i).ToString();
            tier[i] = i % 10 == 9 ? null : tiers[(i / 3) % 4];
            amount[i] = i is >= 20_000 and < 40_000 ? double.NaN // a whole page of nulls
                : i % 5 == 0 ? double.NaN
                : i == 1 ? -0.0 : i == 2 ? 1e300 : i == 3 ? -1e300 : i == 44_999 ? 0.0 : (i * 37 % 1001 - 500) / 8.0;
            count[i] = i == 7 ? int.MinValue : i == 8 ? int.MaxValue : i * 7919 % 20011 - 10_000;
            big[i] = i == 9 ? long.MinValue : i == 10 ? long.MaxValue : (long)i * 1_000_003 - 5_000_000;
            day[i] = epoch - 3650 + i % 9000;
        }

        var table = new OutputTable("large", Rows,
        [
            OutputColumn.Text("id", id), OutputColumn.Text("note", note), OutputColumn.Text("tier", tier),
            OutputColumn.Number("amount", amount), OutputColumn.Integer("count", count), OutputColumn.Long("big", big),
            OutputColumn.Date("day", day),
        ]);
        var cells = new[]
        {
            id, note, tier,
            amount.Select(v => double.IsNaN(v) ? null : v.ToString("R", inv)).ToArray(),
            count.Select(v => (string?)v.ToString(inv)).ToArray(),
            big.Select(v => (string?)v.ToString(inv)).ToArray(),
            day.Select(v => (string?)DateOnly.FromDayNumber(v).ToString("yyyy-MM-dd", inv)).ToArray(),
        };
        Type[] kinds = [typeof(string), typeof(string), typeof(string), typeof(double), typeof(int), typeof(long), typeof(DateOnly)];
        return (table, cells, kinds);
    }

    [Fact]
    public async Task Parquet_Net_DuckDB_and_arrow_rs_read_back_every_cell_of_a_many_page_table()
    {
        var (table, cells, _) = Large();
        string path = _tmp.Combine("large.parquet");
        await ParquetTableWriter.WriteAsync(table, path);

        var readers = new List<ReadTable> { await ParquetReadBack.ParquetNetAsync(path), ParquetReadBack.DuckDb(path) };
        readers.Add((await ParquetReadBack.ArrowRsAsync(path))[path]);
        foreach (var read in readers)
        {
            Assert.Equal(["id", "note", "tier", "amount", "count", "big", "day"], read.Names);
            for (int c = 0; c < cells.Length; c++)
            {
                Assert.Equal(Rows, read.Cells[c].Length);
                for (int r = 0; r < Rows; r++)
                {
                    if (!string.Equals(cells[c][r], read.Cells[c][r], StringComparison.Ordinal))
                    {
                        Assert.Fail($"{read.Reader}: column {read.Names[c]}, row {r}: expected {cells[c][r] ?? "null"}, read "
                            + (read.Cells[c][r] ?? "null"));
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Every_column_chunks_statistics_are_those_of_its_cells_in_Parquet_Net_and_DuckDB()
    {
        var (table, cells, kinds) = Large();
        string path = _tmp.Combine("large.parquet");
        await ParquetTableWriter.WriteAsync(table, path);

        var footer = await ParquetReadBack.FooterStatisticsAsync(path);
        var duckdb = ParquetReadBack.DuckDbStatistics(path);
        Assert.Equal(cells.Length, footer.Count); // one row group
        Assert.Equal(cells.Length, duckdb.Count);
        for (int c = 0; c < cells.Length; c++)
        {
            var (min, max, nulls) = ParquetReadBack.Expected(cells[c], 0, Rows, kinds[c]);
            Assert.Equal((table.Columns[c].Name, min, max, nulls, (long)Rows), (footer[c].Column, footer[c].Min, footer[c].Max,
                footer[c].NullCount, footer[c].Values));
            Assert.Equal(nulls, duckdb[c].NullCount);
            Assert.Equal(table.Columns[c].Name, duckdb[c].Column);
            // DuckDB prints bounds in its own forms: compare them as values of the column's type.
            Assert.Equal(Normalize(min, kinds[c]), Normalize(duckdb[c].Min, kinds[c]));
            Assert.Equal(Normalize(max, kinds[c]), Normalize(duckdb[c].Max, kinds[c]));
        }
    }

    [Fact]
    public async Task Pages_hold_at_most_20000_rows_and_1_MiB_of_values_and_add_up_to_the_chunk()
    {
        var (table, _, _) = Large();
        string path = _tmp.Combine("large.parquet");
        await ParquetTableWriter.WriteAsync(table, path);

        for (int c = 0; c < table.Columns.Count; c++)
        {
            var pages = await ParquetReadBack.PagesAsync(path, 0, c);
            var data = pages.Where(p => p.Type == ParquetPageHeader.DataPage).ToList();
            Assert.Equal(pages.Count, data.Count + (c == 2 ? 1 : 0)); // only tier has a dictionary page
            Assert.Equal(Rows, data.Sum(p => p.Values));
            Assert.All(data, p => Assert.InRange(p.Values, 1, ParquetChunkEncoder.MaxPageRows));
            // Values at most 1 MiB, plus the definition levels (4-byte length and at most a bit a row, with run headers).
            Assert.All(pages, p => Assert.InRange(p.UncompressedSize, 1, ParquetChunkEncoder.MaxPageBytes + 4 + 2 * 20_000 / 8));
        }

        // Fixed-width columns break every 20,000 rows; ~200-byte text every ~5,000.
        Assert.Equal([20_000, 20_000, 5_000], (await ParquetReadBack.PagesAsync(path, 0, 3)).Select(p => p.Values));
        Assert.True((await ParquetReadBack.PagesAsync(path, 0, 1)).Count >= 8);
    }

    [Fact]
    public async Task A_text_value_longer_than_a_page_gets_a_page_of_its_own()
    {
        string huge = new('é', 700_000); // 1.4 MB of UTF-8
        string?[] text = ["a", huge, "b", null, huge, "c"];
        string path = _tmp.Combine("huge.parquet");
        await ParquetTableWriter.WriteAsync(new OutputTable("huge", text.Length, [OutputColumn.Text("t", text)]), path);
        // "a" | the first long value | "b", null (the second would pass 1 MiB) | the second | "c" (likewise).
        Assert.Equal([1, 1, 2, 1, 1], (await ParquetReadBack.PagesAsync(path, 0, 0)).Select(p => p.Values));
        Assert.Equal(text, (await ParquetReadBack.ParquetNetAsync(path)).Cells[0]);
        Assert.Equal(text, ParquetReadBack.DuckDb(path).Cells[0]);
    }

    [Fact]
    public async Task Bytes_do_not_depend_on_the_thread_that_encodes_a_many_page_chunk()
    {
        var (table, _, _) = Large();
        string sequential = _tmp.Combine("sequential.parquet");
        await ParquetTableWriter.WriteAsync(table, sequential);
        var job = new ParquetTableJob(table, _tmp.Combine("parallel.parquet"), new EncodedChunkCache([table, table]));
        await Task.WhenAll(Enumerable.Range(0, job.ChunkCount).Reverse().Select(i => Task.Run(() => job.EncodeChunk(i))));
        job.WriteFile();
        Assert.Equal(File.ReadAllBytes(sequential), File.ReadAllBytes(job.Path));
    }

    private static object? Normalize(string? value, Type kind) =>
        value is null ? null
            : kind == typeof(double) ? BitConverter.DoubleToInt64Bits(double.Parse(value, CultureInfo.InvariantCulture))
            : kind == typeof(int) || kind == typeof(long) ? long.Parse(value, CultureInfo.InvariantCulture)
            : value;
}
