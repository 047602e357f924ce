using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.Core.Numerics;
using Analytics.IO.Validation;
using Analytics.Tests.Reading;
using Analytics.Tests.Validation;
using Parquet.Schema;

namespace Analytics.Tests.Performance;

/// <summary>
/// The parallel fee and cross-sale load against a plain reference implementation of the row rules, on Parquet part
/// files of several (dictionary-encoded) row groups full of defects, for 1 to 4 workers: every per-customer figure,
/// every count and every reject (in order) must be identical, and identical to the reference.
/// </summary>
public sealed class ParallelLoadTests
{
    private static readonly EngineConfig Config = TestEngineConfig.Create() with
    {
        FxRates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 7.1 },
        Run = new RunConfig { MaxRejectRate = 1.0 },
    };

    private const int KnownCustomers = 50;

    /// <summary>One generated fee row; nulls are nulls in the file.</summary>
    private sealed record Fee(string? Customer, string? Type, double? Amount, string? Currency, DateOnly? Booked);

    [Theory]
    [InlineData(false)]
    // The engine's writer dictionary-encodes the ids, fee types and currencies; it writes a NaN amount as null and has no
    // null dates, so those cells are made a null amount and a date out of range.
    [InlineData(true)]
    public async Task Fees_are_identical_for_any_thread_count_and_match_the_reference(bool engineWriter)
    {
        using var folder = new TempFolder();
        WriteCustomersAndAccounts(folder);
        var files = new List<List<Fee[]>>();
        var random = new Random(7);
        for (int f = 0; f < 3; f++)
        {
            var groups = new List<Fee[]>();
            for (int g = 0; g < 3; g++)
            {
                var fees = Enumerable.Range(0, 300).Select(_ => RandomFee(random));
                groups.Add(engineWriter
                    ? fees.Select(fee => fee with
                    {
                        Amount = fee.Amount is double.NaN ? null : fee.Amount,
                        Booked = fee.Booked ?? new DateOnly(1850, 1, 1),
                    }).ToArray()
                    : fees.ToArray());
            }

            files.Add(groups);
            if (engineWriter)
            {
                await WriteFeesWithEngineAsync(folder.File($"fees/part-{f}.parquet"), groups);
            }
            else
            {
                await WriteFeesAsync(folder.File($"fees/part-{f}.parquet"), groups);
            }
        }

        var expected = Reference(files);
        LoadedPortfolio? first = null;
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false, threads);
            var a = loaded.Data.Activity;
            var fees = loaded.Stats[2];
            Assert.Equal(2700, fees.RowsRead);
            Assert.Equal(expected.Rejects.Count, fees.Rejected);
            Assert.Equal(expected.OutOfPeriod, fees.OutOfPeriod);
            Assert.Equal(2700 - expected.Rejects.Count - expected.OutOfPeriod, fees.Accepted);
            Assert.Equal([("fees/part-0.parquet", 900L), ("fees/part-1.parquet", 900L), ("fees/part-2.parquet", 900L)], fees.Files);
            Assert.Equal(expected.Rejects, loaded.Rejects.Items.Where(r => r.Table == "fees").ToList());
            var ids = loaded.Data.Customers.Ids;
            for (int c = 0; c < ids.Length; c++)
            {
                var (income, rows, types) = expected.PerCustomer.GetValueOrDefault(ids[c]);
                Assert.Equal(income, AsInt128(a.FeeIncome[c]));
                Assert.Equal(rows, a.FeeRows[c]);
                Assert.Equal(types, a.FeeTypesHeld[c]);
            }

            Assert.Equal(expected.Total, AsInt128(loaded.Totals.FeeAmount));
            if (first is null)
            {
                first = loaded;
            }
            else
            {
                Assert.Equal(first.Data.Activity.FeeIncome, a.FeeIncome);
                Assert.Equal(first.Rejects.Items, loaded.Rejects.Items);
            }
        }

        // The data is meant to exercise the rules: defects of every kind, more than 64 fee types per worker.
        Assert.Contains(expected.Rejects, r => r.Reason == RejectReason.UnknownCustomer);
        Assert.Contains(expected.Rejects, r => r.Reason == RejectReason.UnknownCurrency);
        Assert.Contains(expected.Rejects, r => r.Reason == RejectReason.NotFinite);
        Assert.Contains(expected.Rejects, r => r.Reason == RejectReason.DateOutOfRange);
        Assert.Contains(expected.Rejects, r => r.Reason == RejectReason.MissingValue && r.Column == "fee_type");
        Assert.True(expected.PerCustomer.Values.Max(v => v.Types) > 10);
    }

    [Fact]
    public async Task Cross_sales_in_csv_parts_are_identical_for_any_thread_count()
    {
        using var folder = new TempFolder();
        WriteCustomersAndAccounts(folder);
        // Units, revenue and currency per line; the second part repeats lines so distinct counting must merge them.
        folder.WriteText("cross_sales/part-0.csv", CsvFolder.CrossSalesHeader + "\n"
            + "C001,payroll,2,100,\nC001,cards,0,50,USD\nC002,payroll,1,,\nC099,payroll,1,10,\nC003,wealth,-1,10,\n");
        folder.WriteText("cross_sales/part-1.csv", CsvFolder.CrossSalesHeader + "\n"
            + "C001,payroll,3,1.5,USD\nC001,cards,1,,\nC002,loans,,20,\nC002,,1,20,\nC003,wealth,1,10,XXX\n");
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, includeConfidential: false, threads);
            var a = loaded.Data.Activity;
            // C001: 100 + 50 × 7.1 + 1.5 × 7.1 = 465.65; units 2 + 0 + 3 + 1 = 6; lines with units > 0: payroll, cards.
            Assert.Equal(ExactSum.Add(ExactSum.Add(ExactSum.ToFixed(100), ExactSum.ToFixed(50 * 7.1)), ExactSum.ToFixed(1.5 * 7.1)),
                a.CrossSellRevenue[1]);
            Assert.Equal(6, a.CrossSellUnits[1]);
            Assert.Equal(2, a.ProductLinesHeld[1]);
            // C002: payroll (1 unit, null revenue) and loans (null units, 20): revenue 20, units 1, one line with units.
            Assert.Equal(ExactSum.ToFixed(20), a.CrossSellRevenue[2]);
            Assert.Equal(1, a.CrossSellUnits[2]);
            Assert.Equal(1, a.ProductLinesHeld[2]);
            Assert.Equal(
                [
                    new Reject("cross_sales", "cross_sales/part-0.csv", 4, "customer_id", RejectReason.UnknownCustomer),
                    new Reject("cross_sales", "cross_sales/part-0.csv", 5, "units", RejectReason.NegativeValue),
                    new Reject("cross_sales", "cross_sales/part-1.csv", 4, "product_line", RejectReason.MissingValue),
                    new Reject("cross_sales", "cross_sales/part-1.csv", 5, "currency", RejectReason.UnknownCurrency),
                ],
                loaded.Rejects.Items.Where(r => r.Table == "cross_sales"));
            Assert.Equal(6, loaded.Stats[3].Accepted);
        }
    }

    [Fact]
    public async Task The_earliest_unreadable_part_is_reported_whatever_the_thread_count()
    {
        using var folder = new TempFolder();
        WriteCustomersAndAccounts(folder);
        var random = new Random(1);
        await WriteFeesAsync(folder.File("fees/part-0.parquet"), [Enumerable.Range(0, 50).Select(_ => RandomFee(random)).ToArray()]);
        folder.WriteBytes("fees/part-1.parquet", "PAR1 this is not a parquet file PAR1"u8.ToArray());
        folder.WriteBytes("fees/part-2.parquet", [1, 2, 3]);
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var e = await Assert.ThrowsAsync<InputException>(() => PortfolioLoader.LoadAsync(folder.Path, Config, false, threads));
            Assert.Contains("fees/part-1.parquet", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tables_load_side_by_side_but_report_as_a_sequential_load()
    {
        using var folder = new TempFolder();
        WriteCustomersAndAccounts(folder);
        folder.WriteText("fees.csv", CsvFolder.FeesHeader + "\nC001,fx,10,,2026-10-05\nC999,fx,10,,2026-10-05\n");
        folder.WriteText("financials.csv", CsvFolder.FinancialsHeader + "\nC999,2026-06-30,1,1,1,1,1,1,1,1,1,1,1,1,1\n");
        foreach (int threads in new[] { 1, 4 })
        {
            var loaded = await PortfolioLoader.LoadAsync(folder.Path, Config, false, threads);
            // Rejects in table order (fees before financials), whichever loader finished first.
            Assert.Equal(
                [
                    new Reject("fees", "fees.csv", 2, "customer_id", RejectReason.UnknownCustomer),
                    new Reject("financials", "financials.csv", 1, "customer_id", RejectReason.UnknownCustomer),
                ],
                loaded.Rejects.Items);
        }

        // Both accounts and financials unreadable: the accounts error (the earlier table) is the one reported.
        folder.WriteText("accounts.csv", "account_id,customer_id\n\"A1,C000\n");
        folder.WriteText("financials.csv", "customer_id\nC000\n");
        foreach (int threads in new[] { 1, 4 })
        {
            var e = await Assert.ThrowsAsync<InputException>(() => PortfolioLoader.LoadAsync(folder.Path, Config, false, threads));
            Assert.Contains("accounts.csv", e.Message, StringComparison.Ordinal);
        }
    }

    private static void WriteCustomersAndAccounts(TempFolder folder)
    {
        var customers = Enumerable.Range(0, KnownCustomers).Select(i => $"C{i:000},Name,ind,reg,rm,BBB,0.01,10");
        folder.WriteText("customers.csv", CsvFolder.CustomersHeader + "\n" + string.Join("\n", customers) + "\n");
        folder.WriteText("accounts.csv", CsvFolder.AccountsHeader + "\nA1,C000,loan,,1000,1000,2000,0.05,,2025-01-01,2027-01-01,,0,,,\n");
    }

    private static Fee RandomFee(Random r)
    {
        int roll = r.Next(100);
        string? customer = roll switch
        {
            0 => null,
            1 => "",
            2 or 3 => $"C{KnownCustomers + r.Next(5):000}", // unknown
            _ => $"C{r.Next(KnownCustomers):000}",
        };
        string? type = r.Next(100) switch { 0 => null, 1 => "", _ => $"t{r.Next(100):00}" };
        double? amount = r.Next(100) switch
        {
            0 => null,
            1 => double.NaN,
            2 => double.PositiveInfinity,
            _ =>
            Math.Round(r.NextDouble() * 2000 - 100, 2)
        };
        string? currency = r.Next(20) switch { 0 => "XXX", 1 => "", 2 or 3 or 4 => "USD", 5 or 6 => "CNY", _ => null };
        DateOnly? booked = r.Next(100) switch
        {
            0 => null,
            1 => new DateOnly(1850, 1, 1),
            _ => new DateOnly(2026, 9,
            1).AddDays(r.Next(90))
        };
        return new Fee(customer, type, amount, currency, booked);
    }

    private static async Task WriteFeesAsync(string path, IReadOnlyList<Fee[]> rowGroups)
    {
        DataField[] fields =
        [
            new DataField<string>("customer_id"),
            new DataField<string>("fee_type"),
            new DataField<double?>("amount"),
            new DataField<string>("currency"),
            new DataField<DateOnly?>("booking_date"),
        ];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var groups = rowGroups.Select(g => new Array[]
        {
            g.Select(f => f.Customer).ToArray(),
            g.Select(f => f.Type).ToArray(),
            g.Select(f => f.Amount).ToArray(),
            g.Select(f => f.Currency).ToArray(),
            g.Select(f => f.Booked).ToArray(),
        }).ToArray();
        await ReadingTestKit.WriteParquetAsync(path, fields, groups);
    }

    /// <summary>All row groups as one (the engine's writer makes one row group of up to a million rows).</summary>
    private static async Task WriteFeesWithEngineAsync(string path, IReadOnlyList<Fee[]> rowGroups)
    {
        var rows = rowGroups.SelectMany(g => g).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Analytics.IO.Writing.ParquetTableWriter.WriteAsync(new Analytics.IO.Writing.OutputTable("fees", rows.Length,
        [
            Analytics.IO.Writing.OutputColumn.Text("customer_id", rows.Select(f => f.Customer).ToArray()),
            Analytics.IO.Writing.OutputColumn.Text("fee_type", rows.Select(f => f.Type).ToArray()),
            Analytics.IO.Writing.OutputColumn.Number("amount", rows.Select(f => f.Amount ?? double.NaN).ToArray()),
            Analytics.IO.Writing.OutputColumn.Text("currency", rows.Select(f => f.Currency).ToArray()),
            Analytics.IO.Writing.OutputColumn.Date("booking_date", rows.Select(f => f.Booked!.Value.DayNumber).ToArray()),
        ]), path);
    }

    private sealed record Expected(
        List<Reject> Rejects, long OutOfPeriod, Dictionary<string, (Int128 Income, long Rows, int Types)> PerCustomer, Int128 Total);

    private static Int128 AsInt128(Fixed128 value) => new(value.Upper, value.Lower);

    /// <summary>DATA.md's fee rules written out plainly, row by row in file order.</summary>
    private static Expected Reference(List<List<Fee[]>> files)
    {
        var rejects = new List<Reject>();
        long outOfPeriod = 0;
        var sums = new Dictionary<string, (Int128 Income, long Rows, HashSet<string> Types)>(StringComparer.Ordinal);
        Int128 total = 0;
        DateOnly min = new(1900, 1, 1), max = new(2100, 12, 31);
        for (int f = 0; f < files.Count; f++)
        {
            long row = 0;
            foreach (var fee in files[f].SelectMany(g => g))
            {
                row++;
                bool known = fee.Customer is { Length: > 0 } id && int.TryParse(id.AsSpan(1), out int n) && n < KnownCustomers;
                (string Column, RejectReason Reason)? failure =
                    string.IsNullOrEmpty(fee.Customer) ? ("customer_id", RejectReason.MissingValue) :
                    !known ? ("customer_id", RejectReason.UnknownCustomer) :
                    string.IsNullOrEmpty(fee.Type) ? ("fee_type", RejectReason.MissingValue) :
                    fee.Amount is null ? ("amount", RejectReason.MissingValue) :
                    !double.IsFinite(fee.Amount.Value) ? ("amount", RejectReason.NotFinite) :
                    fee.Currency is "XXX" ? ("currency", RejectReason.UnknownCurrency) :
                    fee.Booked is null ? ("booking_date", RejectReason.MissingValue) :
                    fee.Booked < min || fee.Booked > max ? ("booking_date", RejectReason.DateOutOfRange) :
                    null;
                if (failure is { } bad)
                {
                    rejects.Add(new Reject("fees", $"fees/part-{f}.parquet", row, bad.Column, bad.Reason));
                    continue;
                }

                if (fee.Booked!.Value.Month != 10)
                {
                    outOfPeriod++;
                    continue;
                }

                double rate = fee.Currency == "USD" ? 7.1 : 1.0;
                // Fixed point at 2^-48 written out with Int128, independently of ExactSum and Fixed128.
                var amount = (Int128)Math.Round(fee.Amount!.Value * rate * 281474976710656.0, MidpointRounding.ToEven);
                var s = sums.GetValueOrDefault(fee.Customer!, (0, 0, new HashSet<string>(StringComparer.Ordinal)));
                s.Types.Add(fee.Type!);
                sums[fee.Customer!] = (s.Income + amount, s.Rows + 1, s.Types);
                total += amount;
            }
        }

        return new Expected(rejects, outOfPeriod, sums.ToDictionary(kv => kv.Key, kv => (kv.Value.Income, kv.Value.Rows,
            kv.Value.Types.Count)), total);
    }
}
