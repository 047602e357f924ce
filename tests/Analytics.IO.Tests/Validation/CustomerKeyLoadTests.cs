using System.Text;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Validation;
using Analytics.IO.Writing;
using Analytics.Tests.Reading;
using Parquet;
using Parquet.Schema;

namespace Analytics.Tests.Validation;

/// <summary>
/// The four tables whose customer_id the loaders read straight as customer indices (accounts, fees, cross_sales,
/// financials), with ids in PLAIN pages (as text, and as raw bytes that are not all valid UTF-8) and in dictionary
/// pages: known ids, unknown ones, empty ones, nulls, and invalid UTF-8 (decoded with U+FFFD, so one of them names a
/// customer). The rules of docs/METHODOLOGY.md §1, written out per row below, decide the expected rejects and figures.
/// </summary>
public sealed class CustomerKeyLoadTests
{
    private static readonly EngineConfig Config = TestEngineConfig.Create() with { Run = new RunConfig { MaxRejectRate = 1.0 } };

    // Customers C1, C2, "C\uFFFD" and "CΩ": indices 0–3 in ordinal id order (Ω is U+03A9, before U+FFFD).
    private const string Customers = "C1,N,i,r,m,BBB,0.01,1\nC2,N,i,r,m,BBB,0.01,1\nC\uFFFD,N,i,r,m,BBB,0.01,1\nCΩ,N,i,r,m,BBB,0.01,1\n";

    private static readonly Dictionary<string, int> Index =
        new(StringComparer.Ordinal) { ["C1"] = 0, ["C2"] = 1, ["CΩ"] = 2, ["C\uFFFD"] = 3 };

    private static readonly byte[]?[] Cells =
    [
        Utf8("C1"),
        Utf8("C9"),         // unknown
        Utf8(""),           // empty: a missing value
        null,               // a missing value
        [0x43, 0xFF],       // decodes to "C\uFFFD", a customer
        [0xFF],             // decodes to "\uFFFD", unknown
        Utf8("CΩ"),
        Utf8("C2"),
        Utf8("\uFFFD"),     // unknown, the same text as [0xFF]
        Utf8("C1"),
    ];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>How each part file holds its customer ids.</summary>
    private enum Layout
    {
        /// <summary>Parquet.Net, a text column, PLAIN (the invalid cells as the text they decode to).</summary>
        PlainText,
        /// <summary>Parquet.Net, unannotated BYTE_ARRAY with the raw bytes, PLAIN.</summary>
        PlainBytes,
        /// <summary>The engine's writer, each cell three times in a row so that the text is dictionary-encoded.</summary>
        Dictionary,
    }

    private static readonly Layout[] Parts = [Layout.PlainText, Layout.PlainBytes, Layout.Dictionary];

    /// <summary>The customer_id texts of a part's rows, in order (null for a null cell).</summary>
    private static string?[] RowIds(Layout layout) =>
        (layout == Layout.Dictionary ? Cells.SelectMany(c => new[] { c, c, c }) : Cells)
        .Select(c => c is null ? null : Encoding.UTF8.GetString(c)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Customer_ids_in_plain_and_dictionary_pages_resolve_and_reject_as_the_rules_say(int threads)
    {
        using var folder = new TempFolder();
        folder.WriteText("customers.csv", CsvFolder.CustomersHeader + "\n" + Customers);
        for (int part = 0; part < Parts.Length; part++)
        {
            await WritePartsAsync(folder, part, Parts[part]);
        }

        var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false, threads);

        var rejects = new List<Reject>();
        var fees = new Fixed128[4];
        var feeRows = new long[4];
        var revenue = new Fixed128[4];
        var accounts = new List<(int Customer, string Id)>();
        var statements = new List<(int Customer, int Day, double Revenue)>();
        foreach (string table in new[] { "accounts", "fees", "cross_sales", "financials" })
        {
            for (int part = 0; part < Parts.Length; part++)
            {
                var ids = RowIds(Parts[part]);
                // Financials are keyed by (customer, date) with one date per part; an unknown id is keyed by its text.
                var keys = ids.Where(id => !string.IsNullOrEmpty(id)).GroupBy(id => id).ToDictionary(g => g.Key!, g => g.Count());
                for (int r = 0; r < ids.Length; r++)
                {
                    string file = $"{table}/part-{part}.parquet";
                    string? id = ids[r];
                    int row = r + 1;
                    if (string.IsNullOrEmpty(id))
                    {
                        rejects.Add(new Reject(table, file, row, "customer_id", RejectReason.MissingValue));
                    }
                    else if (table == "financials" && keys[id] > 1)
                    {
                        rejects.Add(new Reject(table, file, row, "statement_date", RejectReason.DuplicateKey));
                    }
                    else if (!Index.TryGetValue(id, out int customer))
                    {
                        rejects.Add(new Reject(table, file, row, "customer_id", RejectReason.UnknownCustomer));
                    }
                    else
                    {
                        switch (table)
                        {
                            case "accounts": accounts.Add((customer, AccountId(part, row))); break;
                            case "fees": fees[customer] = ExactSum.Add(fees[customer], ExactSum.ToFixed(row)); feeRows[customer]++; break;
                            case "cross_sales": revenue[customer] = ExactSum.Add(revenue[customer], ExactSum.ToFixed(10 * row)); break;
                            default: statements.Add((customer, StatementDay(part), row)); break;
                        }
                    }
                }
            }
        }

        Assert.Equal(rejects, loaded.Rejects.Items);

        // Accounts and statements in (customer, key) order, as the loaders sort them.
        accounts.Sort((a, b) => a.Customer != b.Customer ? a.Customer.CompareTo(b.Customer) : string.CompareOrdinal(a.Id, b.Id));
        Assert.Equal(accounts.Select(a => a.Id), loaded.Data.Accounts.AccountId);
        Assert.Equal(accounts.Select(a => a.Customer), loaded.Data.Accounts.Customer);
        Assert.Equal(fees, loaded.Data.Activity.FeeIncome);
        Assert.Equal(feeRows, loaded.Data.Activity.FeeRows);
        Assert.Equal(revenue, loaded.Data.Activity.CrossSellRevenue);
        statements.Sort((a, b) => a.Customer != b.Customer ? a.Customer.CompareTo(b.Customer) : a.Day.CompareTo(b.Day));
        var financials = loaded.Data.Financials;
        Assert.Equal(statements.Select(s => s.Customer), financials.Customer);
        Assert.Equal(statements.Select(s => s.Day), financials.StatementDate);
        Assert.Equal(statements.Select(s => s.Revenue), financials.Items[Array.IndexOf(FinancialTable.ItemColumns, "revenue")]);

        // The data is meant to reach every outcome in every table.
        Assert.Equal(4, accounts.Select(a => a.Customer).Distinct().Count());
        Assert.Contains(rejects, r => r.Table == "fees" && r.Reason == RejectReason.UnknownCustomer);
        Assert.Contains(statements, s => s.Customer == 3);
    }

    private static string AccountId(int part, int row) => $"A{part}-{row:00}";

    private static int StatementDay(int part) => new DateOnly(2026, 3 + 3 * part, 30).DayNumber;

    private static async Task WritePartsAsync(TempFolder folder, int part, Layout layout)
    {
        var ids = RowIds(layout);
        int n = ids.Length;
        var rows = Enumerable.Range(1, n).ToArray();
        string Path(string table) => folder.File($"{table}/part-{part}.parquet");
        if (layout == Layout.Dictionary)
        {
            await WriteWithEngineAsync(Path("accounts"), n, OutputColumn.Text("customer_id", ids),
                OutputColumn.Text("account_id", rows.Select(r => (string?)AccountId(part, r)).ToArray()),
                OutputColumn.Text("product_type", rows.Select(_ => (string?)"loan").ToArray()),
                OutputColumn.Number("average_balance", rows.Select(_ => 100.0).ToArray()),
                OutputColumn.Number("end_balance", rows.Select(_ => 100.0).ToArray()),
                OutputColumn.Number("client_rate", rows.Select(_ => 0.05).ToArray()),
                OutputColumn.Date("open_date", rows.Select(_ => new DateOnly(2025, 1, 1).DayNumber).ToArray()));
            await WriteWithEngineAsync(Path("fees"), n, OutputColumn.Text("customer_id", ids),
                OutputColumn.Text("fee_type", rows.Select(_ => (string?)"t").ToArray()),
                OutputColumn.Number("amount", rows.Select(r => (double)r).ToArray()),
                OutputColumn.Date("booking_date", rows.Select(_ => new DateOnly(2026, 10, 5).DayNumber).ToArray()));
            await WriteWithEngineAsync(Path("cross_sales"), n, OutputColumn.Text("customer_id", ids),
                OutputColumn.Text("product_line", rows.Select(_ => (string?)"p").ToArray()),
                OutputColumn.Integer("units", rows.Select(_ => 1).ToArray()),
                OutputColumn.Number("revenue", rows.Select(r => 10.0 * r).ToArray()));
            await WriteWithEngineAsync(Path("financials"), n, OutputColumn.Text("customer_id", ids),
                OutputColumn.Date("statement_date", rows.Select(_ => StatementDay(part)).ToArray()),
                OutputColumn.Number("revenue", rows.Select(r => (double)r).ToArray()));
            return;
        }

        bool bytes = layout == Layout.PlainBytes;
        Array idColumn = bytes ? Cells : ids;
        DataField Id() => bytes ? new DataField<byte[]>("customer_id") : new DataField<string>("customer_id");
        await WriteWithParquetNetAsync(Path("accounts"),
            [Id(), new DataField<string>("account_id"), new DataField<string>("product_type"),
                new DataField<double?>("average_balance"), new DataField<double?>("end_balance"), new DataField<double?>("client_rate"),
                new DataField<DateOnly?>("open_date")],
            [idColumn, rows.Select(r => (string?)AccountId(part, r)).ToArray(), rows.Select(_ => (string?)"loan").ToArray(),
                rows.Select(_ => (double?)100).ToArray(), rows.Select(_ => (double?)100).ToArray(),
                rows.Select(_ => (double?)0.05).ToArray(), rows.Select(_ => (DateOnly?)new DateOnly(2025, 1, 1)).ToArray()]);
        await WriteWithParquetNetAsync(Path("fees"),
            [Id(), new DataField<string>("fee_type"), new DataField<double?>("amount"), new DataField<DateOnly?>("booking_date")],
            [idColumn, rows.Select(_ => (string?)"t").ToArray(), rows.Select(r => (double?)r).ToArray(),
                rows.Select(_ => (DateOnly?)new DateOnly(2026, 10, 5)).ToArray()]);
        await WriteWithParquetNetAsync(Path("cross_sales"),
            [Id(), new DataField<string>("product_line"), new DataField<int?>("units"), new DataField<double?>("revenue")],
            [idColumn, rows.Select(_ => (string?)"p").ToArray(), rows.Select(_ => (int?)1).ToArray(),
                rows.Select(r => (double?)(10 * r)).ToArray()]);
        await WriteWithParquetNetAsync(Path("financials"),
            [Id(), new DataField<DateOnly?>("statement_date"), new DataField<double?>("revenue")],
            [idColumn, rows.Select(_ => (DateOnly?)DateOnly.FromDayNumber(StatementDay(part))).ToArray(),
                rows.Select(r => (double?)r).ToArray()]);
    }

    private static async Task WriteWithEngineAsync(string path, int rows, params OutputColumn[] columns)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await ParquetTableWriter.WriteAsync(new OutputTable("t", rows, columns), path);
        Assert.True(await CustomerIdsAreDictionaryEncodedAsync(path));
    }

    private static async Task WriteWithParquetNetAsync(string path, DataField[] fields, Array[] columns)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await ReadingTestKit.WriteParquetAsync(path, fields, columns);
        Assert.False(await CustomerIdsAreDictionaryEncodedAsync(path));
    }

    private static async Task<bool> CustomerIdsAreDictionaryEncodedAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var meta = reader.OpenRowGroupReader(0).GetMetadata(reader.Schema.DataFields.First(f => f.Name == "customer_id"))!.MetaData!;
        return meta.DictionaryPageOffset is not null
            || meta.Encodings.Any(e => e is Parquet.Meta.Encoding.PLAIN_DICTIONARY or Parquet.Meta.Encoding.RLE_DICTIONARY);
    }
}
