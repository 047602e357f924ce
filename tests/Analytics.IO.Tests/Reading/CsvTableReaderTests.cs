using System.Text;
using Analytics.Core.Errors;
using Analytics.IO.Reading;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

public class CsvTableReaderTests
{
    private static readonly TableSchema Fees = Schema(
        Req("customer_id", ColumnKind.String), Req("amount", ColumnKind.Double), Req("booking_date", ColumnKind.Date),
            Opt("currency", ColumnKind.String));

    [Fact]
    public async Task Reads_typed_columns_by_name_in_schema_order()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "booking_date,note,amount,customer_id,currency\n2024-03-01,x,12.5,C1,EUR\n2024-03-02,,-3,C2,\n");

        var rows = await ReadAllAsync(file, Fees);

        Assert.Equal(["1|C1;12.5;2024-03-01;EUR", "2|C2;-3;2024-03-02;~"], rows);
    }

    [Fact]
    public async Task Bom_and_crlf_are_handled()
    {
        using var dir = new TempFolder();
        byte[] bom = [0xEF, 0xBB, 0xBF];
        dir.WriteBytes("fees.csv", [.. bom,
            .. Encoding.UTF8.GetBytes("customer_id,amount,booking_date\r\nC1,1,2024-01-01\r\nC2,2,2024-01-02\r\n")]);

        var rows = await ReadAllAsync(new TableFile(dir.File("fees.csv"), "fees.csv", TableFileFormat.Csv), Fees);

        Assert.Equal(["1|C1;1;2024-01-01;~", "2|C2;2;2024-01-02;~"], rows);
    }

    [Fact]
    public async Task Quoted_fields_with_commas_newlines_and_escaped_quotes()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv",
            "customer_id,amount,booking_date,currency\n"
            + "\"C,1\",\"1.5\",2024-01-01,\"say \"\"hi\"\"\"\n"
            + "\"C\n2\",2,2024-01-02,\"\"\n"
            + "C3,3,2024-01-03,#EUR\n");

        var rows = await ReadAllAsync(file, Fees);

        // The record spanning two lines is row 2; a quoted empty field is null like an empty one;
        // a leading '#' is data, not a comment.
        Assert.Equal(["1|C,1;1.5;2024-01-01;say \"hi\"", "2|C\n2;2;2024-01-02;~", "3|C3;3;2024-01-03;#EUR"], rows);
    }

    [Fact]
    public async Task Wrong_field_count_marks_the_row_and_nulls_its_cells()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\nC1,1,2024-01-01\nC2,2\nC3,3,2024-01-03,extra\nC4,4,2024-01-04\n");

        var rows = await ReadAllAsync(file, Fees);

        Assert.Equal(["1|C1;1;2024-01-01;~", "2|~;~;~;~!", "3|~;~;~;~!", "4|C4;4;2024-01-04;~"], rows);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_not_counted()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\n\nC1,1,2024-01-01\r\n\r\nC2,2,2024-01-02\n\n");

        var rows = await ReadAllAsync(file, Fees);

        Assert.Equal(["1|C1;1;2024-01-01;~", "2|C2;2;2024-01-02;~"], rows);
    }

    [Fact]
    public async Task Unparsable_and_non_finite_values()
    {
        using var dir = new TempFolder();
        var schema = Schema(Req("amount", ColumnKind.Double), Req("d", ColumnKind.Date), Req("n", ColumnKind.Int));
        var file = dir.Csv("t.csv",
            "amount,d,n\n"
            + "abc,2024-02-30,1.5\n"
            + "1 000,01/02/2024,x\n"
            + "NaN,2024-01-01T08:00:00Z,-3\n"
            + "Infinity,2024-01-01,\n"
            + "-inf,,2147483648\n"
            + "1e400,2024-1-1,7\n");

        var rows = await ReadAllAsync(file, schema);

        Assert.Equal(
        [
            "1|?;?;?", "2|?;?;?", "3|NaN;2024-01-01;-3", "4|Infinity;2024-01-01;~", "5|-Infinity;~;?", "6|Infinity;?;7",
        ], rows);
    }

    [Fact]
    public async Task Unterminated_quote_fails_naming_file_and_row()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees/part-0001.csv",
            "customer_id,amount,booking_date\nC1,1,2024-01-01\n\"C\n2\",2,2024-01-02\nC3,\"3,2024-01-03\nC4,4,2024-01-04\n");
        await using var reader = await InputFolder.OpenAsync(file, Fees);

        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => { }).AsTask());

        Assert.Equal("'fees/part-0001.csv' has an unterminated quoted field starting at row 3; fix the quoting.", e.Message);
        Assert.Equal(3, e.Row);
        Assert.Equal("fees/part-0001.csv", e.File);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_fails()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\nC1,1,2024-01-01\n\"C2\"x,2,2024-01-02\n");
        await using var reader = await InputFolder.OpenAsync(file, Fees);

        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => { }).AsTask());

        Assert.Equal("'fees.csv' has a malformed quoted field at row 2 (text after a closing quote); fix the quoting.", e.Message);
        Assert.DoesNotContain("C2", e.Message);
    }

    [Fact]
    public async Task Header_only_has_no_rows()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\n");
        await using var reader = await InputFolder.OpenAsync(file, Fees);
        Assert.Equal(1, reader.BlockCount);
        int calls = 0;
        await reader.ReadBlockAsync(0, _ => calls++);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Empty_file_has_no_header()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "");
        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(file, Fees).AsTask());
        Assert.Equal("'fees.csv' is empty: it has no header row; write the column names on the first line.", e.Message);
    }

    [Fact]
    public async Task Missing_required_column()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("accounts.csv", "account_id,end_balance\nA1,3\n");
        var schema = Schema(Req("account_id", ColumnKind.String), Req("average_balance", ColumnKind.Double));

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(file, schema).AsTask());

        Assert.Equal("'accounts.csv': required column 'average_balance' is missing; expected a number (such as -1234.56). Add the column "
            + "or fix its name.", e.Message);
        Assert.Equal("average_balance", e.Column);
    }

    [Fact]
    public async Task Semicolon_delimited_file_fails_on_the_first_missing_column()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id;amount;booking_date\nC1;1,5;2024-01-01\n");

        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(file, Fees).AsTask());

        Assert.Equal(
            "'fees.csv': required column 'customer_id' is missing; expected text. Add the column or fix its name. "
            + "The header looks semicolon-separated; CSV input must be comma-separated.",
            e.Message);
        Assert.Equal("customer_id", e.Column);
    }

    [Fact]
    public async Task Duplicate_requested_header_fails_but_duplicate_extra_columns_are_ignored()
    {
        using var dir = new TempFolder();
        var bad = dir.Csv("bad.csv", "customer_id,amount,amount,booking_date\nC1,1,2,2024-01-01\n");
        var e = await Assert.ThrowsAsync<InputException>(() => InputFolder.OpenAsync(bad, Fees).AsTask());
        Assert.Equal("'bad.csv': the header names column 'amount' more than once; keep one of them.", e.Message);

        var ok = dir.Csv("ok.csv", "customer_id,note,amount,note,booking_date,,\nC1,a,1,b,2024-01-01,,\n");
        Assert.Equal(["1|C1;1;2024-01-01;~"], await ReadAllAsync(ok, Fees));
    }

    [Fact]
    public async Task Invalid_utf8_near_the_start_fails_at_open()
    {
        using var dir = new TempFolder();
        dir.WriteBytes("fees.csv", [.. Encoding.UTF8.GetBytes("customer_id,amount,booking_date\nC"), 0xFF,
            .. Encoding.UTF8.GetBytes(",1,2024-01-01\n")]);

        var e = await Assert.ThrowsAsync<InputException>(() =>
            InputFolder.OpenAsync(new TableFile(dir.File("fees.csv"), "fees.csv", TableFileFormat.Csv), Fees).AsTask());

        Assert.Equal("'fees.csv' is not valid UTF-8 (the first invalid bytes are on line 2); re-export it as UTF-8.", e.Message);
    }

    [Fact]
    public async Task Invalid_utf8_later_fails_naming_the_line()
    {
        using var dir = new TempFolder();
        var head = new StringBuilder("customer_id,amount,booking_date\n");
        for (int i = 1; i <= 20_000; i++) head.Append("C1,1,2024-01-01\n");
        dir.WriteBytes("fees.csv", [.. Encoding.UTF8.GetBytes(head.ToString()), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",1,2024-01-01\n")]);
        await using var reader = await InputFolder.OpenAsync(new TableFile(dir.File("fees.csv"), "fees.csv", TableFileFormat.Csv), Fees);

        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => { }).AsTask());

        // The bad bytes are in data row 20,001, physical line 20,002 (the header is line 1).
        Assert.Equal("'fees.csv' is not valid UTF-8 (the first invalid bytes are on line 20002); re-export it as UTF-8.", e.Message);
    }

    [Fact]
    public async Task Batches_hold_at_most_BatchRows_rows_and_number_rows_continuously()
    {
        using var dir = new TempFolder();
        int n = CsvTableReader.BatchRows * 2 + 1;
        var text = new StringBuilder("customer_id,amount,booking_date\n");
        for (int i = 1; i <= n; i++)
        {
            text.Append("C").Append(i % 3).Append(',').Append(i).Append(",2024-01-01\n");
        }

        var file = dir.Csv("fees.csv", text.ToString());
        await using var reader = await InputFolder.OpenAsync(file, Fees);
        var batches = new List<(long First, int Count, double FirstAmount)>();
        var ids = new HashSet<string>(ReferenceEqualityComparer.Instance);
        await reader.ReadBlockAsync(0, b =>
        {
            batches.Add((b.FirstRowNumber, b.RowCount, b.Columns[1].Doubles![0]));
            for (int i = 0; i < b.RowCount; i++) ids.Add(b.Columns[0].Strings![i]!);
        });

        // The amount of data row r is r, so each batch's first amount equals its first row number.
        Assert.Equal([(1L, 16384, 1.0), (16385L, 16384, 16385.0), (32769L, 1, 32769.0)], batches);
        // C0, C1, C2 are interned: three string instances for 32,769 rows.
        Assert.Equal(3, ids.Count);
    }

    [Fact]
    public async Task Reading_the_block_twice_reads_the_file_again()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\nC1,1,2024-01-01\n");
        await using var reader = await InputFolder.OpenAsync(file, Fees);
        var first = new List<string>();
        var second = new List<string>();
        await reader.ReadBlockAsync(0, b => first.AddRange(Render(b)));
        await reader.ReadBlockAsync(0, b => second.AddRange(Render(b)));
        Assert.Equal(["1|C1;1;2024-01-01;~"], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Last_line_without_newline_is_read()
    {
        using var dir = new TempFolder();
        var file = dir.Csv("fees.csv", "customer_id,amount,booking_date\nC1,1,2024-01-01");
        Assert.Equal(["1|C1;1;2024-01-01;~"], await ReadAllAsync(file, Fees));
    }

    [Fact]
    public async Task Long_quoted_field_grows_the_buffer()
    {
        using var dir = new TempFolder();
        string note = new('x', 200_000);
        var file = dir.Csv("fees.csv", $"customer_id,amount,booking_date,currency\nC1,1,2024-01-01,\"{note}\"\n");
        var rows = await ReadAllAsync(file, Fees);
        Assert.Equal([$"1|C1;1;2024-01-01;{note}"], rows);
    }
}
