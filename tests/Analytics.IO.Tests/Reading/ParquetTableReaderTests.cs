using Analytics.Core.Errors;
using Analytics.IO.Reading;
using Parquet.Schema;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

public class ParquetTableReaderTests
{
    [Fact]
    public async Task Every_numeric_physical_type_reads_as_double()
    {
        using var dir = new TempFolder();
        var fields = new DataField[]
        {
            new DataField<double>("d"), new DataField<float>("f"), new DataField<int>("i"), new DataField<long>("l"),
            new DataField<short>("s"), new DecimalDataField("m", 18, 2), new DecimalDataField("wide", 38, 10),
        };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [
            new double[] { 1.5, -0.1 }, new float[] { 0.25f, -2f }, new int[] { 7, int.MinValue }, new long[] { 1L << 53, -3 },
            new short[] { -5, 300 }, new decimal[] { 1234.56m, -0.01m }, new decimal[] { 123456789012.5m, -1.25m },
        ]);
        var schema = Schema(Req("d", ColumnKind.Double), Req("f", ColumnKind.Double), Req("i", ColumnKind.Double),
            Req("l", ColumnKind.Double),
            Req("s", ColumnKind.Double), Req("m", ColumnKind.Double), Req("wide", ColumnKind.Double));

        var rows = await ReadAllAsync(dir.ParquetFile("a.parquet"), schema);

        // decimal → double is the nearest binary64: 1234.56 and -0.01 print back as written.
        Assert.Equal(
        [
            "1|1.5;0.25;7;9007199254740992;-5;1234.56;123456789012.5",
            "2|-0.1;-2;-2147483648;-3;300;-0.01;-1.25",
        ], rows);
    }

    [Fact]
    public async Task Nullable_columns_deliver_nulls_in_place()
    {
        using var dir = new TempFolder();
        var fields = new DataField[]
        {
            new DataField<double?>("d"), new DataField<long?>("l"), new DecimalDataField("m", 10, 2, isNullable: true),
            new DataField<string>("s"), new DataField<DateOnly?>("dt"),
        };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [
            new double?[] { null, 2.5, null, 4 }, new long?[] { 10, null, null, 40 }, new decimal?[] { null, null, 3.3m, 4.4m },
            new string?[] { "a", null, "c", null }, new DateOnly?[] { new(2024, 1, 31), null, null, new(1999, 12, 31) },
        ]);
        var schema = Schema(Req("d", ColumnKind.Double), Req("l", ColumnKind.Int), Req("m", ColumnKind.Double),
            Req("s", ColumnKind.String), Req("dt", ColumnKind.Date));

        var rows = await ReadAllAsync(dir.ParquetFile("a.parquet"), schema);

        Assert.Equal(["1|~;10;~;a;2024-01-31", "2|2.5;~;~;~;~", "3|~;~;3.3;c;~", "4|4;40;4.4;~;1999-12-31"], rows);
    }

    [Fact]
    public async Task Int_accepts_integers_and_whole_valued_numbers_only()
    {
        using var dir = new TempFolder();
        var fields = new DataField[]
        {
            new DataField<int>("i"), new DataField<long>("l"), new DataField<double>("d"), new DecimalDataField("m", 10, 2),
                new DataField<float>("f"),
        };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [
            new int[] { 5, -1, 0 },
            new long[] { int.MaxValue, (long)int.MaxValue + 1, int.MinValue },
            new double[] { 3.0, 2.5, 3e10 },
            new decimal[] { 12.00m, 0.5m, -7m },
            new float[] { 1f, float.NaN, -2f },
        ]);
        var schema = Schema(Req("i", ColumnKind.Int), Req("l", ColumnKind.Int), Req("d", ColumnKind.Int), Req("m", ColumnKind.Int),
            Req("f", ColumnKind.Int));

        var rows = await ReadAllAsync(dir.ParquetFile("a.parquet"), schema);

        Assert.Equal(["1|5;2147483647;3;12;1", "2|-1;?;?;?;?", "3|0;-2147483648;?;-7;-2"], rows);
    }

    [Fact]
    public async Task Dates_from_date_and_timestamp_columns()
    {
        using var dir = new TempFolder();
        var fields = new DataField[]
        {
            new DataField<DateOnly>("date"),
            new DateTimeDataField("ts_utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros),
            new DateTimeDataField("ts_local", DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Millis),
            new DataField<DateTime>("int96"),
        };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [
            new DateOnly[] { new(2024, 2, 29), new(1900, 1, 1) },
            new DateTime[] { new(2024, 1, 2, 23, 59, 59, DateTimeKind.Utc), new(2100, 12, 31, 0, 0, 0, DateTimeKind.Utc) },
            new DateTime[] { new(2024, 1, 2, 23, 30, 0, DateTimeKind.Unspecified), new(2024, 6, 30, 0, 0, 1, DateTimeKind.Unspecified) },
            new DateTime[] { new(2023, 12, 31, 12, 0, 0, DateTimeKind.Utc), new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        ]);
        var schema = Schema(Req("date", ColumnKind.Date), Req("ts_utc", ColumnKind.Date), Req("ts_local", ColumnKind.Date),
            Req("int96", ColumnKind.Date));

        var rows = await ReadAllAsync(dir.ParquetFile("a.parquet"), schema);

        Assert.Equal(["1|2024-02-29;2024-01-02;2024-01-02;2023-12-31", "2|1900-01-01;2100-12-31;2024-06-30;2000-01-01"], rows);
    }

    [Fact]
    public async Task Strings_are_interned_and_unannotated_byte_arrays_read_as_utf8()
    {
        using var dir = new TempFolder();
        var fields = new DataField[] { new DataField<string>("ccy"), new DataField<byte[]>("raw") };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [
            new string?[] { "EUR", "USD", "EUR", "" },
            new byte[][] { "é"u8.ToArray(), "b"u8.ToArray(), "c"u8.ToArray(), "d"u8.ToArray() },
        ]);
        var schema = Schema(Req("ccy", ColumnKind.String), Req("raw", ColumnKind.String));
        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("a.parquet"), schema);
        var seen = new List<string?>();
        List<string> rendered = [];
        await reader.ReadBlockAsync(0, batch =>
        {
            seen.AddRange(batch.Columns[0].Strings!.Take(batch.RowCount));
            rendered = Render(batch);
        });

        // An empty string is a value, not a null: the validator decides whether it is allowed.
        Assert.Equal(["1|EUR;é", "2|USD;b", "3|EUR;c", "4|;d"], rendered);
        Assert.Same(seen[0], seen[2]);
    }

    [Fact]
    public async Task Absent_optional_column_is_all_null_and_extra_columns_are_ignored()
    {
        using var dir = new TempFolder();
        var fields = new DataField[] { new DataField<string>("id"), new DataField<bool>("extra") };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [new string?[] { "x", "y" }, new bool[] { true, false }]);
        var schema = Schema(Req("id", ColumnKind.String), Opt("lgd", ColumnKind.Double), Opt("open_date", ColumnKind.Date),
            Opt("name", ColumnKind.String));

        var rows = await ReadAllAsync(dir.ParquetFile("a.parquet"), schema);

        Assert.Equal(["1|x;~;~;~", "2|y;~;~;~"], rows);
    }

    [Fact]
    public async Task Missing_required_column_names_file_column_and_expected_type()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("accounts"));
        await WriteParquetAsync(dir.File("accounts/part-1.parquet"), [new DataField<string>("account_id")], [new string?[] { "a" }]);
        var schema = Schema(Req("account_id", ColumnKind.String), Req("average_balance", ColumnKind.Double));

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("accounts/part-1.parquet"),
            schema).AsTask());

        Assert.Equal(
            "'accounts/part-1.parquet': required column 'average_balance' is missing; expected a number (DOUBLE, FLOAT, INT32, INT64 or "
                + "DECIMAL). Add the column or fix its name.",
            e.Message);
        Assert.Equal("accounts/part-1.parquet", e.File);
        Assert.Equal("average_balance", e.Column);
        Assert.Null(e.Row);
    }

    [Fact]
    public async Task Column_names_match_exactly()
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("a.parquet"), [new DataField<double>("Average_Balance")], [new double[] { 1 }]);
        var e = await Assert.ThrowsAsync<InputException>(() =>
            InputFolder.OpenAsync(dir.ParquetFile("a.parquet"), Schema(Req("average_balance", ColumnKind.Double))).AsTask());
        Assert.Equal("average_balance", e.Column);
    }

    [Theory]
    [InlineData(ColumnKind.Double, "STRING", "a number (DOUBLE, FLOAT, INT32, INT64 or DECIMAL)")]
    [InlineData(ColumnKind.Int, "STRING", "an integer (INT32 or INT64, or whole-valued DOUBLE, FLOAT or DECIMAL)")]
    [InlineData(ColumnKind.Date, "STRING", "a date (DATE or TIMESTAMP)")]
    public async Task String_column_where_another_kind_is_expected(ColumnKind kind, string found, string expected)
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("accounts.parquet"), [new DataField<string>("col")], [new string?[] { "1.5" }]);

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("accounts.parquet"), Schema(Opt("col",
            kind))).AsTask());

        Assert.Equal($"'accounts.parquet': column 'col' has type {found}; expected {expected}. Change the column's type in the export.",
            e.Message);
        Assert.Equal("col", e.Column);
    }

    [Fact]
    public async Task Wrong_types_are_named_as_found()
    {
        using var dir = new TempFolder();
        var fields = new DataField[] { new DataField<double>("d"), new DataField<bool>("b"), new DecimalDataField("m", 18, 2),
            new DataField<int>("i") };
        await WriteParquetAsync(dir.File("a.parquet"), fields, [new double[] { 1 }, new bool[] { true }, new decimal[] { 1m },
            new int[] { 1 }]);

        async Task<string> Message(ColumnSpec spec) =>
            (await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("a.parquet"), Schema(spec)).AsTask()))
                .Message;

        Assert.Equal("'a.parquet': column 'd' has type DOUBLE; expected a date (DATE or TIMESTAMP). Change the column's type "
            + "in the export.",
            await Message(Req("d", ColumnKind.Date)));
        Assert.Equal("'a.parquet': column 'b' has type BOOLEAN; expected a number (DOUBLE, FLOAT, INT32, INT64 or DECIMAL). Change the "
            + "column's type in the export.",
            await Message(Req("b", ColumnKind.Double)));
        Assert.Equal("'a.parquet': column 'm' has type DECIMAL(18,2); expected text (STRING). Change the column's type in the export.",
            await Message(Req("m", ColumnKind.String)));
        Assert.Equal("'a.parquet': column 'i' has type INT32; expected a date (DATE or TIMESTAMP). Change the column's type in the export.",
            await Message(Opt("i", ColumnKind.Date)));
    }

    [Fact]
    public async Task Not_a_parquet_file()
    {
        using var dir = new TempFolder();
        dir.WriteText("fees.parquet", "customer_id,amount\nC1,12.5\n");
        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount",
            ColumnKind.Double))).AsTask());
        Assert.Equal("'fees.parquet' is not a readable Parquet file (no Parquet footer: the file is truncated or is not "
            + "Parquet); re-export it.", e.Message);
        Assert.Equal("fees.parquet", e.File);
        Assert.DoesNotContain("C1", e.Message);
    }

    [Fact]
    public async Task Empty_file()
    {
        using var dir = new TempFolder();
        dir.WriteBytes("fees.parquet", []);
        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount",
            ColumnKind.Double))).AsTask());
        Assert.Equal("'fees.parquet' is not a readable Parquet file (the file is too short to hold a Parquet footer); re-export it.",
            e.Message);
    }

    [Fact]
    public async Task Truncated_file()
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("full.parquet"), [new DataField<double>("amount")],
            [Enumerable.Range(0, 1000).Select(i => (double)i).ToArray()]);
        byte[] bytes = File.ReadAllBytes(dir.File("full.parquet"));
        Directory.CreateDirectory(dir.File("fees"));
        dir.WriteBytes("fees/part-1.parquet", bytes[..(bytes.Length / 2)]);

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("fees/part-1.parquet"),
            Schema(Req("amount", ColumnKind.Double))).AsTask());

        Assert.Equal("'fees/part-1.parquet' is not a readable Parquet file (no Parquet footer: the file is truncated or is not "
            + "Parquet); re-export it.", e.Message);
    }

    [Fact]
    public async Task Corrupt_footer()
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("fees.parquet"), [new DataField<double>("amount")], [new double[] { 1, 2, 3 }]);
        byte[] bytes = File.ReadAllBytes(dir.File("fees.parquet"));
        // Footer = metadata, 4-byte length, "PAR1": scramble the metadata just before the length.
        for (int i = bytes.Length - 40; i < bytes.Length - 8; i++) bytes[i] = 0xAB;
        dir.WriteBytes("fees.parquet", bytes);

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount",
            ColumnKind.Double))).AsTask());

        Assert.Equal("'fees.parquet' is not a readable Parquet file (the footer metadata is corrupt or uses an unsupported "
            + "feature); re-export it.", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public async Task Corrupt_data_page_fails_when_the_block_is_read()
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("fees.parquet"), [new DataField<double>("amount")], [new double[] { 1, 2, 3 }]);
        byte[] bytes = File.ReadAllBytes(dir.File("fees.parquet"));
        // The first page header follows the leading "PAR1".
        for (int i = 4; i < 40; i++) bytes[i] = 0xAB;
        dir.WriteBytes("fees.parquet", bytes);
        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount", ColumnKind.Double)));

        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => Assert.Fail("no batch expected")).AsTask());

        Assert.Equal("'fees.parquet' is not a readable Parquet file (column 'amount' in row group 1 of 1 cannot be decoded); re-export it.",
            e.Message);
    }

    [Fact]
    public async Task Row_numbers_continue_across_row_groups_read_in_any_order_and_concurrently()
    {
        using var dir = new TempFolder();
        var fields = new DataField[] { new DataField<string>("id"), new DataField<double>("amount") };
        await WriteParquetAsync(dir.File("fees.parquet"), fields,
            [new string?[] { "a", "b" }, new double[] { 1, 2 }],
            [new string?[] { "c", "d", "e" }, new double[] { 3, 4, 5 }],
            [new string?[0], new double[0]],
            [new string?[] { "f" }, new double[] { 6 }]);
        var schema = Schema(Req("id", ColumnKind.String), Req("amount", ColumnKind.Double));
        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), schema);
        Assert.Equal(4, reader.BlockCount);
        Assert.Equal("fees.parquet", reader.File);

        var byBlock = new List<string>[reader.BlockCount];
        await Task.WhenAll(Enumerable.Range(0, reader.BlockCount).Reverse().Select(b => Task.Run(async () =>
        {
            var rows = new List<string>();
            await reader.ReadBlockAsync(b, batch =>
            {
                Assert.Equal("fees.parquet", batch.File);
                rows.AddRange(Render(batch));
            });
            byBlock[b] = rows;
        })));

        // Row groups hold 2, 3, 0 and 1 rows: first rows 1, 3, (none), 6.
        Assert.Equal(["1|a;1", "2|b;2"], byBlock[0]);
        Assert.Equal(["3|c;3", "4|d;4", "5|e;5"], byBlock[1]);
        Assert.Empty(byBlock[2]);
        Assert.Equal(["6|f;6"], byBlock[3]);
    }

    [Fact]
    public async Task A_large_row_group_is_split_into_batches()
    {
        using var dir = new TempFolder();
        int n = ParquetTableReader.MaxBatchRows + 3;
        await WriteParquetAsync(dir.File("fees.parquet"), [new DataField<double?>("amount")],
            [Enumerable.Range(0, n).Select(i => i % 7 == 0 ? (double?)null : i).ToArray()]);
        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount", ColumnKind.Double)));
        var batches = new List<(long First, int Count, string Last)>();
        await reader.ReadBlockAsync(0, b => batches.Add((b.FirstRowNumber, b.RowCount, RenderCell(b.Columns[0], b.RowCount - 1))));

        // Last row index n-1 = 65538: 65538 % 7 = 4 (not null) → value 65538.
        Assert.Equal([(1L, ParquetTableReader.MaxBatchRows, (ParquetTableReader.MaxBatchRows - 1).ToString()),
            (ParquetTableReader.MaxBatchRows + 1L, 3, "65538")], batches);
    }

    [Fact]
    public async Task File_without_row_groups_has_no_blocks()
    {
        using var dir = new TempFolder();
        await WriteParquetAsync(dir.File("fees.parquet"), [new DataField<double>("amount")]);
        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("fees.parquet"), Schema(Req("amount", ColumnKind.Double)));
        Assert.Equal(0, reader.BlockCount);
    }
}
