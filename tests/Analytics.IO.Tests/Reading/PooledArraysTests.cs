using System.Globalization;
using Analytics.IO.Generation;
using Analytics.IO.Reading;
using static Analytics.Tests.Reading.DirectDecodingKit;

namespace Analytics.Tests.Reading;

/// <summary>
/// The Parquet reader's column arrays come from <see cref="ReadArrayPool"/> and go back when a lease is disposed: a
/// file read after another (taking the first one's arrays) or while another file's batch is still being consumed must
/// deliver exactly the cells a reader with new arrays delivers.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PooledArraysTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Files_read_in_sequence_or_interleaved_through_pooled_arrays_match_reads_with_new_arrays()
    {
        string folder = _dir.File("gen");
        // Row groups of 3000 rows: above the pool's smallest pooled length, and several blocks per table.
        await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = 3000, Seed = 7, OutputDirectory = folder, InjectDefects = true, RowGroupSize = 3000,
        });
        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        Assert.Equal(5, files.Length);

        var schemas = new Dictionary<string, TableSchema>();
        var expected = new Dictionary<string, List<List<string>>>();
        foreach (string path in files)
        {
            schemas[path] = await AllColumnsAsync(path);
            // An empty pool: this read's arrays are all new.
            ReadArrayPool.Clear();
            expected[path] = await ReadAllAsync(path, schemas[path]);
        }

        // In sequence, twice round: each file's lease takes the arrays the previous file's lease gave back.
        for (int round = 0; round < 2; round++)
        {
            foreach (string path in files)
            {
                AssertSame(expected[path], await ReadAllAsync(path, schemas[path]), path);
            }
        }

        // Interleaved: a block of another file is read while a batch is being consumed; the batch must not change.
        for (int i = 0; i < files.Length; i++)
        {
            string a = files[i], b = files[(i + 1) % files.Length];
            await using var readerA = await OpenAsync(a, schemas[a]);
            await using var readerB = await OpenAsync(b, schemas[b]);
            for (int block = 0; block < readerA.BlockCount; block++)
            {
                int blockB = block % readerB.BlockCount;
                List<string>? before = null, after = null, other = null;
                await readerA.ReadBlockAsync(block, batch =>
                {
                    before = Render(batch);
                    Task.Run(async () => await readerB.ReadBlockAsync(blockB, otherBatch => other = Render(otherBatch)))
                        .GetAwaiter().GetResult();
                    after = Render(batch);
                });
                Assert.Equal(expected[a][block], before);
                Assert.Equal(expected[a][block], after);
                Assert.Equal(expected[b][blockB], other);
            }
        }
    }

    [Fact]
    public void Pooled_column_arrays_of_unequal_lengths_all_grow_to_the_capacity()
    {
        // A longer state array from the pool must not stop the other arrays from growing.
        ReadArrayPool<CellState>.Return(new CellState[8192]);
        var column = new ColumnData(ColumnKind.String, 0);
        column.EnsureCapacity(2048);
        column.EnsureCapacity(4096);
        Assert.True(column.State.Length >= 4096);
        Assert.True(column.Strings!.Length >= 4096);
        Assert.True(column.Symbols!.Length >= 4096);
    }

    private static void AssertSame(List<List<string>> expected, List<List<string>> actual, string path)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int block = 0; block < expected.Count; block++)
        {
            Assert.True(expected[block].SequenceEqual(actual[block]), $"{Path.GetFileName(path)} block {block} differs");
        }
    }

    private static async Task<ParquetTableReader> OpenAsync(string path, TableSchema schema) =>
        await ParquetTableReader.OpenAsync(new TableFile(path, Path.GetFileName(path), TableFileFormat.Parquet), schema, direct: true,
            default);

    /// <summary>Every block of the file, rendered; the reader (and its lease) is disposed before returning.</summary>
    private static async Task<List<List<string>>> ReadAllAsync(string path, TableSchema schema)
    {
        var blocks = new List<List<string>>();
        await using var reader = await OpenAsync(path, schema);
        for (int block = 0; block < reader.BlockCount; block++)
        {
            var cells = new List<string>();
            await reader.ReadBlockAsync(block, batch => cells.AddRange(Render(batch)));
            blocks.Add(cells);
        }

        return blocks;
    }

    /// <summary>Every cell of the batch: column, row number, state, text, symbol, double bits, int.</summary>
    private static List<string> Render(ColumnBatch batch)
    {
        var cells = new List<string>();
        for (int c = 0; c < batch.Columns.Length; c++)
        {
            var column = batch.Columns[c];
            for (int i = 0; i < batch.RowCount; i++)
            {
                long bits = column.Doubles is { } d ? BitConverter.DoubleToInt64Bits(d[i]) : 0;
                cells.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{c}|{batch.FirstRowNumber + i}|{column.State[i]}|{(column.Strings is { } s ? s[i] ?? "<null>" : "")}|"
                    + $"{column.Symbols?[i]}|{bits}|{column.Ints?[i]}"));
            }
        }

        return cells;
    }
}
