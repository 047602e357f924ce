using System.Globalization;
using System.Security.Cryptography;
using Analytics.IO.Writing;
using Analytics.Tests.Reliability;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Writing;

/// <summary>
/// The engine's own Parquet writer: values, nulls, schema annotations and statistics as Parquet.Net and DuckDB read
/// them, row groups of 1,000,000 rows, and bytes that do not depend on which thread encoded which chunk.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ParquetTableWriterTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Every kind, with nulls, empty and non-ASCII text, ±0, extremes and dates.</summary>
    private static OutputTable Sample() => new("sample", 5,
    [
        OutputColumn.Text("id", ["C1", "C2", "C3", "C4", "C5"]),
        OutputColumn.Text("note", ["b", null, "", "é", "a😀"]),
        OutputColumn.Number("amount", [1.5, double.NaN, -0.0, -2.25, 1e300]),
        OutputColumn.Integer("count", [0, int.MinValue, int.MaxValue, -7, 3]),
        OutputColumn.Long("big", [long.MaxValue, 0, -1, 5, long.MinValue]),
        OutputColumn.Date("day", [new DateOnly(2026, 10, 31).DayNumber, new DateOnly(1970, 1, 1).DayNumber, new DateOnly(1969, 12,
            31).DayNumber, new DateOnly(2000, 2, 29).DayNumber, new DateOnly(9999, 12, 31).DayNumber]),
    ]);

    private async Task<string> WriteAsync(OutputTable table)
    {
        string path = _tmp.Combine(table.Name + "-" + Guid.NewGuid().ToString("N")[..6] + ".parquet");
        await ParquetTableWriter.WriteAsync(table, path);
        return path;
    }

    [Fact]
    public async Task Parquet_Net_reads_back_every_value_and_null()
    {
        string path = await WriteAsync(Sample());
        await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["id", "note", "amount", "count", "big", "day"], fields.Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(5, group.RowCount);

        var note = new string?[5];
        await group.ReadAsync(fields[1], note.AsMemory()!);
        Assert.Equal(new string?[] { "b", null, "", "é", "a😀" }, note);

        var amount = new double?[5];
        await group.ReadAsync<double>(fields[2], amount.AsMemory());
        Assert.Equal(1.5, amount[0]);
        Assert.Null(amount[1]);
        Assert.True(double.IsNegative(amount[2]!.Value) && amount[2] == 0, "−0 keeps its sign");
        Assert.Equal(-2.25, amount[3]);
        Assert.Equal(1e300, amount[4]);

        // REQUIRED columns are read into plain memory: after an OPTIONAL column, Parquet.Net 6.1 misreads a required
        // column into nullable memory (files it writes itself included), so the nullable overload is not used for them.
        var count = new int[5];
        await group.ReadAsync<int>(fields[3], count.AsMemory());
        Assert.Equal([0, int.MinValue, int.MaxValue, -7, 3], count);

        var big = new long[5];
        await group.ReadAsync<long>(fields[4], big.AsMemory());
        Assert.Equal([long.MaxValue, 0, -1, 5, long.MinValue], big);

        var day = new DateOnly[5];
        await group.ReadAsync<DateOnly>(fields[5], day.AsMemory());
        Assert.Equal([new DateOnly(2026, 10, 31), new DateOnly(1970, 1, 1), new DateOnly(1969, 12, 31), new DateOnly(2000, 2, 29),
            new DateOnly(9999, 12, 31)], day);
    }

    [Fact]
    public async Task Schema_has_the_types_and_nullability_the_tables_always_had()
    {
        // As Parquet.Net 6.1 wrote them before: text and doubles OPTIONAL, ints/longs/dates REQUIRED; UTF8/STRING,
        // INT_32, INT_64 and DATE annotations.
        string path = await WriteAsync(Sample());
        await using var reader = await ParquetReader.CreateAsync(path);
        var schema = reader.Metadata!.Schema.Skip(1).Select(e =>
            $"{e.Name}:{e.Type}:{e.RepetitionType}:{e.ConvertedType?.ToString() ?? "-"}:" +
            (e.LogicalType?.STRING is not null ? "STRING" : e.LogicalType?.DATE is not null ? "DATE" : e.LogicalType?.INTEGER is { } i
                ? $"INT{i.BitWidth}{(i.IsSigned ? "s" : "u")}" : "-"));
        Assert.Equal(
        [
            "id:BYTE_ARRAY:OPTIONAL:UTF8:STRING",
            "note:BYTE_ARRAY:OPTIONAL:UTF8:STRING",
            "amount:DOUBLE:OPTIONAL:-:-",
            "count:INT32:REQUIRED:INT_32:INT32s",
            "big:INT64:REQUIRED:INT_64:INT64s",
            "day:INT32:REQUIRED:DATE:DATE",
        ], schema);
        Assert.Equal(5, reader.Metadata.NumRows);
    }

    [Fact]
    public async Task Statistics_follow_each_types_order()
    {
        string path = await WriteAsync(Sample());
        await using var reader = await ParquetReader.CreateAsync(path);
        var chunks = reader.Metadata!.RowGroups[0].Columns.Select(c => c.MetaData!.Statistics!).ToArray();
        // Text by unsigned UTF-8 bytes: "" < "a😀" < "b" < "é" (0xC3 0xA9); one null.
        Assert.Equal(""u8.ToArray(), chunks[1].MinValue);
        Assert.Equal("é"u8.ToArray(), chunks[1].MaxValue);
        Assert.Equal(1, chunks[1].NullCount);
        Assert.Null(chunks[1].Min); // the deprecated signed-order fields are for numbers only
        // Doubles: min −2.25, max 1e300, the null not counted as a value.
        Assert.Equal(-2.25, BitConverter.ToDouble(chunks[2].MinValue));
        Assert.Equal(1e300, BitConverter.ToDouble(chunks[2].MaxValue));
        Assert.Equal(1, chunks[2].NullCount);
        Assert.Equal(int.MinValue, BitConverter.ToInt32(chunks[3].MinValue));
        Assert.Equal(int.MaxValue, BitConverter.ToInt32(chunks[3].Max));
        Assert.Equal(long.MinValue, BitConverter.ToInt64(chunks[4].MinValue));
        Assert.Equal(0, chunks[4].NullCount);
        // Dates are days since 1970-01-01: 1969-12-31 = −1, 9999-12-31 = 2,932,896.
        Assert.Equal(-1, BitConverter.ToInt32(chunks[5].MinValue));
        Assert.Equal(2_932_896, BitConverter.ToInt32(chunks[5].MaxValue));
    }

    [Fact]
    public async Task A_zero_minimum_is_written_as_negative_zero_and_a_zero_maximum_as_positive_zero()
    {
        string path = await WriteAsync(new OutputTable("zeros", 3, [OutputColumn.Number("z", [0.0, -0.0, 0.0])]));
        await using var reader = await ParquetReader.CreateAsync(path);
        var stats = reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Statistics!;
        Assert.Equal(BitConverter.GetBytes(-0.0), stats.MinValue);
        Assert.Equal(BitConverter.GetBytes(0.0), stats.MaxValue);
    }

    [Fact]
    public async Task An_all_null_column_has_a_null_count_and_no_bounds()
    {
        string path = await WriteAsync(new OutputTable("nulls", 2, [OutputColumn.Text("t", [null, null]), OutputColumn.Number("d",
            [double.NaN, double.NaN])]));
        await using var reader = await ParquetReader.CreateAsync(path);
        foreach (var column in reader.Metadata!.RowGroups[0].Columns)
        {
            Assert.Equal(2, column.MetaData!.Statistics!.NullCount);
            Assert.Null(column.MetaData.Statistics.MinValue);
            Assert.Null(column.MetaData.Statistics.MaxValue);
        }

        var values = await ReadAllTextAsync(path);
        Assert.Equal([[null, null], [null, null]], values);
    }

    [Fact]
    public async Task An_empty_table_has_its_schema_and_one_empty_row_group()
    {
        string path = await WriteAsync(new OutputTable("empty", 0, [OutputColumn.Text("t", []), OutputColumn.Long("row", [])]));
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(["t", "row"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        Assert.Equal(0, reader.Metadata!.NumRows);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(0, group.RowCount);
    }

    [Fact]
    public async Task Rows_past_a_million_start_a_new_row_group()
    {
        // 1,000,003 rows → row groups of 1,000,000 and 3; every 7th text cell null, doubles NaN every 5th row.
        const int N = ParquetTableWriter.RowGroupSize + 3;
        var text = new string?[N];
        var number = new double[N];
        var ints = new int[N];
        for (int i = 0; i < N; i++)
        {
            text[i] = i % 7 == 0 ? null : "v" + (i % 100).ToString(CultureInfo.InvariantCulture);
            number[i] = i % 5 == 0 ? double.NaN : i * 0.5;
            ints[i] = i;
        }

        string path = await WriteAsync(new OutputTable("big", N, [OutputColumn.Text("t", text), OutputColumn.Number("d", number),
            OutputColumn.Integer("i", ints)]));
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(2, reader.RowGroupCount);
        var fields = reader.Schema.GetDataFields();
        int row = 0;
        for (int g = 0; g < 2; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            Assert.Equal(g == 0 ? ParquetTableWriter.RowGroupSize : 3, n);
            var t = new string?[n];
            var d = new double?[n];
            var k = new int[n];
            await group.ReadAsync(fields[0], t.AsMemory()!);
            await group.ReadAsync<double>(fields[1], d.AsMemory());
            await group.ReadAsync<int>(fields[2], k.AsMemory());
            for (int r = 0; r < n; r++, row++)
            {
                Assert.Equal(text[row], t[r]);
                Assert.Equal(double.IsNaN(number[row]) ? null : number[row], d[r]);
                Assert.Equal(row, k[r]);
            }
        }

        Assert.Equal(N, row);
    }

    [Fact]
    public async Task DuckDB_reads_the_same_values_types_and_statistics()
    {
        string path = await WriteAsync(Sample());
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM '{path}')";
        var types = new List<string>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read()) types.Add(r.GetString(0));
        }

        Assert.Equal(["id VARCHAR", "note VARCHAR", "amount DOUBLE", "count INTEGER", "big BIGINT", "day DATE"], types);

        command.CommandText = $"SELECT id, note, amount, count, big, strftime(day, '%Y-%m-%d') FROM '{path}'";
        var rows = new List<string>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, 6).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i),
                    CultureInfo.InvariantCulture))));
            }
        }

        Assert.Equal(
        [
            "C1|b|1.5|0|9223372036854775807|2026-10-31",
            "C2|null|null|-2147483648|0|1970-01-01",
            "C3||-0|2147483647|-1|1969-12-31",
            "C4|é|-2.25|-7|5|2000-02-29",
            "C5|a😀|1E+300|3|-9223372036854775808|9999-12-31",
        ], rows);

        // The pricing desk's engines prune row groups by these bounds.
        command.CommandText =
            $"SELECT stats_min_value || '..' || stats_max_value || ' nulls ' || stats_null_count FROM parquet_metadata('{path}') WHERE "
            + $"path_in_schema = 'note'";
        Assert.Equal("..é nulls 1", command.ExecuteScalar());
        command.CommandText = $"SELECT count(*) FROM '{path}' WHERE count > 2";
        Assert.Equal(2L, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Bytes_do_not_depend_on_which_thread_encodes_which_chunk_or_on_a_shared_cache()
    {
        var ids = Enumerable.Range(0, 5000).Select(i => (string?)("C" + i.ToString("D6", CultureInfo.InvariantCulture))).ToArray();
        var random = new Random(7);
        var values = Enumerable.Range(0, 5000).Select(_ => random.Next(10) == 0 ? double.NaN : random.NextDouble()).ToArray();
        var a = new OutputTable("a", 5000, [OutputColumn.Text("customer_id", ids), OutputColumn.Number("x", values)]);
        var b = new OutputTable("b", 5000, [OutputColumn.Text("customer_id", ids), OutputColumn.Integer("y", new int[5000])]);

        string sequential = await WriteAsync(a);

        // The same table, its chunks encoded in reverse order on other threads, with b sharing the id chunk.
        var cache = new EncodedChunkCache([a, b]);
        var job = new ParquetTableJob(a, _tmp.Combine("parallel.parquet"), cache);
        var other = new ParquetTableJob(b, _tmp.Combine("other.parquet"), cache);
        await Task.WhenAll(Enumerable.Range(0, job.ChunkCount).Reverse().Select(i => Task.Run(() => job.EncodeChunk(i))));
        for (int i = 0; i < other.ChunkCount; i++) other.EncodeChunk(i);
        string hash = job.WriteFile();
        other.WriteFile();

        Assert.Equal(File.ReadAllBytes(sequential), File.ReadAllBytes(job.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(job.Path))), hash);
    }

    [Fact]
    public async Task Text_with_few_distinct_values_is_dictionary_encoded_and_reads_back_the_same()
    {
        // 3,000 rows cycling through four tiers (one of them in fresh string objects, so equal text in different
        // objects must share an entry) and a null every 10th row; ids are all distinct and stay PLAIN.
        const int N = 3000;
        string[] tiers = ["strategic", "core", "basic", "élite"];
        var tier = new string?[N];
        var ids = new string?[N];
        for (int i = 0; i < N; i++)
        {
            tier[i] = i % 10 == 9 ? null : i % 4 == 3 ? new string(tiers[3].AsSpan()) : tiers[i % 4];
            ids[i] = "C" + i.ToString("D5", CultureInfo.InvariantCulture);
        }

        string path = await WriteAsync(new OutputTable("tiers", N, [OutputColumn.Text("customer_id", ids), OutputColumn.Text("tier",
            tier)]));
        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            var idMeta = reader.Metadata!.RowGroups[0].Columns[0].MetaData!;
            var tierMeta = reader.Metadata.RowGroups[0].Columns[1].MetaData!;
            Assert.Null(idMeta.DictionaryPageOffset);
            Assert.DoesNotContain(Parquet.Meta.Encoding.RLE_DICTIONARY, idMeta.Encodings);
            Assert.NotNull(tierMeta.DictionaryPageOffset);
            Assert.Contains(Parquet.Meta.Encoding.RLE_DICTIONARY, tierMeta.Encodings);
            // Bounds by UTF-8 bytes over the distinct values: "basic" < "core" < "strategic" < "élite".
            Assert.Equal("basic"u8.ToArray(), tierMeta.Statistics!.MinValue);
            Assert.Equal("élite"u8.ToArray(), tierMeta.Statistics.MaxValue);
            Assert.Equal(N / 10, tierMeta.Statistics.NullCount);
        }

        var columns = await ReadAllTextAsync(path);
        Assert.Equal(ids, columns[0]);
        Assert.Equal(tier, columns[1]);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT string_agg(coalesce(tier, 'null'), ',' ORDER BY customer_id) FROM '{path}'";
        Assert.Equal(string.Join(',', tier.Select(t => t ?? "null")), command.ExecuteScalar());
    }

    [Fact]
    public async Task Chunks_go_into_the_file_once_those_before_them_are_there_and_are_then_let_go()
    {
        var table = Sample();
        string sequential = await WriteAsync(table);
        using var job = new ParquetTableJob(table, _tmp.Combine("streamed.parquet"));
        Assert.Equal(6, job.ChunkCount);

        // Chunks 2 and 1 wait for chunk 0; once it is there, all three are written and none is held.
        job.EncodeChunk(2);
        job.EncodeChunk(1);
        Assert.True(job.HeldBytes > 0);
        job.EncodeChunk(0);
        Assert.Equal(0, job.HeldBytes);
        job.EncodeChunk(5);
        Assert.True(job.HeldBytes > 0);
        job.EncodeChunk(3);
        job.EncodeChunk(4);
        Assert.Equal(0, job.HeldBytes);
        string hash = job.WriteFile();

        Assert.Equal(File.ReadAllBytes(sequential), File.ReadAllBytes(job.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(job.Path))), hash);
    }

    [Fact]
    public void A_file_that_cannot_be_created_fails_the_first_chunk_and_is_left_alone()
    {
        string path = _tmp.Combine("taken.parquet");
        File.WriteAllText(path, "not ours");
        using var job = new ParquetTableJob(Sample(), path);
        job.EncodeChunk(1);
        Assert.Throws<IOException>(() => job.EncodeChunk(0));
        Assert.Throws<IOException>(() => job.EncodeChunk(2));
        Assert.Equal("not ours", File.ReadAllText(path));
    }

    [Fact]
    public void Writing_before_every_chunk_is_encoded_is_a_defect_not_a_short_file()
    {
        var job = new ParquetTableJob(Sample(), _tmp.Combine("partial.parquet"));
        job.EncodeChunk(0);
        var e = Assert.Throws<InvalidOperationException>(() => job.WriteFile());
        Assert.Equal("Chunk 1 of 'sample' was not encoded.", e.Message);
    }

    private static async Task<List<string?[]>> ReadAllTextAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var columns = new List<string?[]>();
        foreach (DataField field in fields)
        {
            int n = checked((int)group.RowCount);
            if (field.ClrType == typeof(double))
            {
                var d = new double?[n];
                await group.ReadAsync<double>(field, d.AsMemory());
                columns.Add(d.Select(v => v?.ToString("R", CultureInfo.InvariantCulture)).ToArray());
            }
            else
            {
                var t = new string?[n];
                await group.ReadAsync(field, t.AsMemory()!);
                columns.Add(t);
            }
        }

        return columns;
    }
}
