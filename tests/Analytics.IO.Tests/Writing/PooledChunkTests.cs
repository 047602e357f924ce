using Analytics.IO.Writing;
using Analytics.ParquetFormat.Writing;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.Writing;

/// <summary>
/// Encoded chunks whose bytes live in pooled arrays (given back once written) are byte for byte the chunks encoded into
/// arrays of their own, for every kind of column, over several data pages; and a table written by a job whose chunks are
/// pooled, encoded in any order and a shared cache, equals the file written before pooling.
/// </summary>
public sealed class PooledChunkTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>45,001 rows: three data pages (20,000 rows each at most), text both PLAIN (ids) and dictionary-encoded.</summary>
    private static OutputTable Table()
    {
        const int N = 45_001;
        var random = new Random(7);
        string[] tiers = ["core", "basic", "élite"];
        var ids = new string?[N];
        var tier = new string?[N];
        var amount = new double[N];
        var count = new int[N];
        var big = new long[N];
        var day = new int[N];
        for (int i = 0; i < N; i++)
        {
            ids[i] = i % 97 == 0 ? null : $"CUST-{i:D7}-é";
            tier[i] = i % 11 == 0 ? null : tiers[random.Next(3)];
            amount[i] = i % 13 == 0 ? double.NaN : (random.NextDouble() - 0.3) * 1e7;
            count[i] = random.Next(-50, 50);
            big[i] = random.NextInt64();
            day[i] = 738_000 + random.Next(4000);
        }

        return new OutputTable("pooled", N,
        [
            OutputColumn.Text("id", ids),
            OutputColumn.Text("tier", tier),
            OutputColumn.Number("amount", amount),
            OutputColumn.Integer("count", count),
            OutputColumn.Long("big", big),
            OutputColumn.Date("day", day),
        ]);
    }

    [Fact]
    public void Pooled_chunks_hold_the_same_bytes_and_metadata()
    {
        var table = Table();
        foreach (var column in table.Columns)
        {
            var kind = ParquetTableJob.ColumnType(column.Kind);
            foreach (var (start, count) in new[] { (0, table.RowCount), (1, 20_000), (5, 0), (table.RowCount - 3, 3) })
            {
                var own = ParquetChunkEncoder.Encode(kind, column.Values, start, count);
                var pooled = ParquetChunkEncoder.Encode(kind, column.Values, start, count, pooled: true);
                Assert.False(own.Pooled);
                Assert.True(pooled.Pooled);
                Assert.Equal(own.Bytes.AsSpan(0, own.Length).ToArray(), pooled.Bytes.AsSpan(0, pooled.Length).ToArray());
                Assert.Equal((own.UncompressedSize, own.Values, own.NullCount, own.Snappy, own.DictionaryLength, own.DataPages),
                    (pooled.UncompressedSize, pooled.Values, pooled.NullCount, pooled.Snappy, pooled.DictionaryLength, pooled.DataPages));
                Assert.Equal(own.Min, pooled.Min);
                Assert.Equal(own.Max, pooled.Max);
                PooledByteWriter.Return(pooled.Bytes);
            }
        }
    }

    [Fact]
    public async Task A_job_with_pooled_chunks_writes_the_same_file_in_any_order()
    {
        var table = Table();
        // Two tables writing the same id array: the cache shares that chunk (not pooled) and pools the others.
        var twin = new OutputTable("twin", table.RowCount, [table.Columns[0], table.Columns[2]]);
        string reference = _tmp.Combine("reference.parquet");
        await ParquetTableWriter.WriteAsync(table, reference);

        var cache = new EncodedChunkCache([table, twin]);
        using var job = new ParquetTableJob(table, _tmp.Combine("pooled.parquet"), cache);
        using var twinJob = new ParquetTableJob(twin, _tmp.Combine("twin.parquet"), cache);
        foreach (int chunk in new[] { 3, 0, 5, 1, 4, 2 })
        {
            job.EncodeChunk(chunk);
        }

        twinJob.EncodeChunk(1);
        twinJob.EncodeChunk(0);
        job.WriteFile();
        twinJob.WriteFile();
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(job.Path));

        string twinReference = _tmp.Combine("twin-reference.parquet");
        await ParquetTableWriter.WriteAsync(twin, twinReference);
        Assert.Equal(File.ReadAllBytes(twinReference), File.ReadAllBytes(twinJob.Path));
    }
}
