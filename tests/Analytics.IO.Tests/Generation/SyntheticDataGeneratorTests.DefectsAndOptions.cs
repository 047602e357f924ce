using System.Globalization;
using System.Security.Cryptography;
using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.IO.Generation;
using Analytics.IO.Reading;

namespace Analytics.Tests.Generation;

public sealed partial class SyntheticDataGeneratorTests
{
    [Fact]
    public async Task Planted_defects_are_where_the_summary_says()
    {
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 500, defects: true));
        string folder = Path.Combine(_root, "x");
        var tables = new Dictionary<string, TextTable>();
        foreach (var t in Tables)
        {
            tables[t] = await GeneratedTableReader.ReadTableAsync(folder, t, csv: false);
        }

        var ids = tables["customers"].Rows.Select(r => r[0]!).ToList();
        var known = ids.ToHashSet();
        string unknown = "C0000501";
        Assert.DoesNotContain(unknown, known);

        foreach (var d in summary.PlantedDefects)
        {
            var table = tables[d.Table];
            Assert.Equal(d.Table + ".parquet", d.File);
            string? value = table.Rows[(int)d.Row - 1][table.Index(d.Column!)];
            switch (d.Kind)
            {
                case PlantedDefectKind.DuplicateKey:
                    Assert.Equal(2, table.Rows.Count(r => r[table.Index(d.Column!)] == value));
                    break;
                case PlantedDefectKind.UnknownCustomer:
                    Assert.True(value == unknown || ids.Count(i => i == value) == 2
                        || value == ids[summary.PlantedDefects.Where(x => x.Kind == PlantedDefectKind.OutOfRange)
                        .Select(x => (int)x.Row - 1).Single()], $"{d}");
                    break;
                case PlantedDefectKind.NegativeValue:
                    Assert.StartsWith("-", value);
                    break;
                case PlantedDefectKind.OutOfRange:
                    Assert.Equal("1.5", value);
                    break;
                case PlantedDefectKind.UnknownCurrency:
                    Assert.Equal("XXX", value);
                    break;
                case PlantedDefectKind.UnknownProductType:
                    Assert.Equal("leasing", value);
                    break;
                case PlantedDefectKind.NotANumber:
                    Assert.Equal("NaN", value);
                    break;
                case PlantedDefectKind.Infinite:
                    Assert.Contains("Infinity", value);
                    break;
                case PlantedDefectKind.DateOutOfRange:
                    Assert.Equal("1899-12-31", value);
                    break;
                default:
                    Assert.Fail($"{d.Kind} is CSV only");
                    break;
            }
        }

        // Exactly one planted row of each kind per table, plus the rows that follow a rejected customer.
        var kinds = summary.PlantedDefects.GroupBy(d => (d.Table, d.Kind)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, kinds[("customers", PlantedDefectKind.DuplicateKey)]);
        Assert.Equal(1, kinds[("customers", PlantedDefectKind.OutOfRange)]);
        Assert.Equal(2, kinds[("accounts", PlantedDefectKind.DuplicateKey)]);
        Assert.Equal(1, kinds[("accounts", PlantedDefectKind.UnknownCustomer)]);
        Assert.Equal(1, kinds[("accounts", PlantedDefectKind.NegativeValue)]);
        Assert.Equal(1, kinds[("accounts", PlantedDefectKind.UnknownCurrency)]);
        Assert.Equal(1, kinds[("accounts", PlantedDefectKind.UnknownProductType)]);
        Assert.Equal(1 + 2 * 2, kinds[("fees", PlantedDefectKind.UnknownCustomer)]);
        Assert.Equal(2, kinds[("fees", PlantedDefectKind.NotANumber)]);
        Assert.Equal(1, kinds[("fees", PlantedDefectKind.Infinite)]);
        Assert.Equal(1, kinds[("fees", PlantedDefectKind.DateOutOfRange)]);
        Assert.Equal(1, kinds[("fees", PlantedDefectKind.UnknownCurrency)]);
        Assert.Equal(1, kinds[("cross_sales", PlantedDefectKind.UnknownCustomer)]);
        Assert.Equal(1, kinds[("cross_sales", PlantedDefectKind.NegativeValue)]);
        Assert.Equal(1, kinds[("financials", PlantedDefectKind.UnknownCustomer)]);
        Assert.Equal(1, kinds[("financials", PlantedDefectKind.Infinite)]);

        // Every row of the duplicated and the pd 1.5 customers in other tables is listed as unknown customer.
        var rejectedIds = summary.PlantedDefects.Where(d => d.Table == "customers").Select(d => ids[(int)d.Row - 1]).ToHashSet();
        foreach (var t in Tables.Skip(1))
        {
            var table = tables[t];
            int customerColumn = table.Index("customer_id");
            var expected = Enumerable.Range(1, table.Rows.Count)
                .Where(r => rejectedIds.Contains(table.Rows[r - 1][customerColumn]!) || table.Rows[r - 1][customerColumn] == unknown);
            var listed = summary.PlantedDefects.Where(d => d.Table == t && d.Kind == PlantedDefectKind.UnknownCustomer)
                .Select(d => (int)d.Row);
            Assert.Equal(expected, listed);
        }

        // Rejected rows (distinct rows, a row may carry one defect only) stay well under 1 % of every table.
        foreach (var t in Tables)
        {
            int rejected = summary.PlantedDefects.Where(d => d.Table == t).Select(d => d.Row).Distinct().Count();
            Assert.True(rejected <= 0.0075 * summary.RowsOf(t), $"{t}: {rejected} of {summary.RowsOf(t)}");
        }
    }

    [Fact]
    public async Task Distributions_look_like_a_corporate_book()
    {
        const int n = 4_000;
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", customers: n, format: TableFileFormat.Csv));
        string folder = Path.Combine(_root, "x");
        var customers = GeneratedTableReader.ReadCsv(Path.Combine(folder, "customers.csv"));
        var accounts = GeneratedTableReader.ReadCsv(Path.Combine(folder, "accounts.csv"));
        var fees = GeneratedTableReader.ReadCsv(Path.Combine(folder, "fees.csv"));
        var financials = GeneratedTableReader.ReadCsv(Path.Combine(folder, "financials.csv"));
        var asOf = new DateOnly(2026, 10, 31);

        static double Share<T>(IEnumerable<T> rows, Func<T, bool> predicate) => rows.Count(predicate) / (double)rows.Count();
        static double D(string? s) => double.Parse(s!, CultureInfo.InvariantCulture);
        static DateOnly Date(string? s) => DateOnly.ParseExact(s!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.InRange(summary.Accounts / (double)n, 2.3, 2.7);
        Assert.InRange(summary.Fees / (double)n, 45, 55);

        int pd = customers.Index("pd");
        Assert.InRange(Share(customers.Rows, r => r[pd] is null), 0.01, 0.03);
        Assert.InRange(Share(customers.Rows, r => r[pd] == "1"), 0.005, 0.02);
        int sales = customers.Index("annual_sales");
        Assert.InRange(Share(customers.Rows.Where(r => r[sales] is not null), r => D(r[sales]) < 50), 0.3, 0.6);

        var accountsPerCustomer = accounts.Rows.GroupBy(r => r[1]).ToDictionary(g => g.Key!, g => g.Select(r => r[2]).ToList());
        Assert.InRange(1 - accountsPerCustomer.Count / (double)n, 0.02, 0.04);
        Assert.InRange(Share(accountsPerCustomer.Values, v => v.All(t => t == "deposit")), 0.12, 0.18);
        int currency = accounts.Index("currency");
        Assert.InRange(Share(accounts.Rows, r => r[currency] == "CNY"), 0.75, 0.86);
        Assert.Contains(accounts.Rows, r => r[currency] == "USD");
        Assert.Contains(accounts.Rows, r => r[currency] == "EUR");
        int maturity = accounts.Index("maturity_date");
        var loans = accounts.Rows.Where(r => r[2] == "loan").ToList();
        Assert.Contains(loans, r => r[maturity] is null);
        Assert.InRange(Share(loans, r => r[maturity] is { } m && Date(m) > asOf && Date(m) <= asOf.AddDays(30)), 0.015, 0.05);
        Assert.Contains(loans, r => r[maturity] is { } m && Date(m) <= asOf);
        int dpd = accounts.Index("days_past_due");
        Assert.Contains(accounts.Rows, r => r[dpd] is { } d && int.Parse(d, CultureInfo.InvariantCulture) > 90);
        Assert.All(accounts.Rows, r => Assert.True(r[dpd] is null || int.Parse(r[dpd]!, CultureInfo.InvariantCulture) is >= 0 and <= 400));
        int prior = accounts.Index("prior_average_balance"), avg = accounts.Index("average_balance");
        Assert.Contains(accounts.Rows, r => r[prior] is not null && D(r[avg]) < 0.7 * D(r[prior]));
        Assert.All(accounts.Rows, r => Assert.True(D(r[avg]) >= 0 && D(r[accounts.Index("end_balance")]) >= 0));

        int amount = fees.Index("amount"), booked = fees.Index("booking_date");
        Assert.InRange(Share(fees.Rows, r => D(r[amount]) < 0), 0.02, 0.04);
        Assert.InRange(Share(fees.Rows, r => Date(r[booked]) is var b && (b < new DateOnly(2026, 10, 1) || b > asOf)), 0.04, 0.06);
        Assert.Equal(
            ["advisory", "cash_management", "custody", "fx", "guarantee", "settlement", "wealth"],
            fees.Rows.Select(r => r[1]!).Distinct().Order(StringComparer.Ordinal));

        int statement = financials.Index("statement_date");
        var latest = financials.Rows.GroupBy(r => r[0]).Select(g => g.Select(r => Date(r[statement])).Where(d => d <= asOf).Max()).ToList();
        Assert.Contains(latest, d => d < asOf.AddMonths(-15));
        Assert.Contains(financials.Rows, r => Date(r[statement]) > asOf);
        Assert.All(financials.Rows.GroupBy(r => r[0]), g => Assert.InRange(g.Count(r => Date(r[statement]) <= asOf), 3, 6));
        int ebitda = financials.Index("ebitda"), ta = financials.Index("total_assets"), tl = financials.Index("total_liabilities"),
            eq = financials.Index("equity");
        Assert.Contains(financials.Rows, r => r[ebitda] is { } e && D(e) < 0);
        Assert.All(financials.Rows.Where(r => r[ta] is not null && r[tl] is not null && r[eq] is not null),
            r => Assert.True(Math.Abs(D(r[ta]) - D(r[tl]) - D(r[eq])) <= 0.02, "equity = assets - liabilities"));
    }

    [Theory]
    [InlineData(TableFileFormat.Parquet)]
    [InlineData(TableFileFormat.Csv)]
    public async Task Without_fees_the_fee_table_is_an_empty_file_with_its_columns(TableFileFormat format)
    {
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 30, format: format) with { FeesPerCustomer = 0 });

        Assert.Equal(0, summary.Fees);
        var fees = await GeneratedTableReader.ReadTableAsync(Path.Combine(_root, "x"), "fees", format == TableFileFormat.Csv);
        Assert.Equal(SpecColumns["fees"], fees.Columns);
        Assert.Empty(fees.Rows);
    }

    [Fact]
    public async Task Bad_options_are_usage_errors()
    {
        var zero = await Assert.ThrowsAsync<UsageException>(() => SyntheticDataGenerator.GenerateAsync(Options("x", customers: 0)));
        Assert.Equal("The number of customers (--customers) must be at least 1, not 0.", zero.Message);
        Assert.Equal(ErrorKind.Usage, zero.Kind);

        var few = await Assert.ThrowsAsync<UsageException>(() =>
            SyntheticDataGenerator.GenerateAsync(Options("x", customers: 9, defects: true)));
        Assert.Equal("Planting defects needs at least 10 customers (--customers), not 9.", few.Message);

        var groups = await Assert.ThrowsAsync<UsageException>(() =>
            SyntheticDataGenerator.GenerateAsync(Options("x") with { RowGroupSize = 15 }));
        Assert.Equal("The row group size must be at least 16, not 15.", groups.Message);

        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task A_file_of_the_other_format_is_refused_before_anything_is_written()
    {
        string folder = Path.Combine(_root, "x");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "fees.csv"), "customer_id\n");

        var error = await Assert.ThrowsAsync<UsageException>(() =>
            SyntheticDataGenerator.GenerateAsync(Options("x") with { Overwrite = true }));
        Assert.Equal(
            $"The output folder {folder} already holds fees.csv, which would make the table fees ambiguous; remove it or choose another "
                + $"--output folder.",
            error.Message);
        Assert.Equal(["fees.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Progress_reaches_every_table_total()
    {
        var reports = new List<GenerationProgress>();
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x"), new SynchronousProgress(reports.Add));
        foreach (var table in Tables)
        {
            Assert.Equal(summary.RowsOf(table), reports.Last(r => r.Table == table).RowsWritten);
        }

        Assert.Equal(summary.Fees, reports.Last(r => r.Table == "fees").TotalRows);
    }

    [Fact]
    public void Synchronous_generate_writes_the_same_files()
    {
        var summary = SyntheticDataGenerator.Generate(Options("x", customers: 20));
        Assert.Equal(20, summary.Customers);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_root, "x")).Length);
    }

    [Fact]
    public async Task A_folder_that_holds_anything_is_refused_and_left_as_it_was()
    {
        // The scenario: a folder with an earlier, larger generation was replaced silently.
        await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 40));
        string folder = Path.Combine(_root, "x");
        var before = Directory.GetFiles(folder).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

        var error = await Assert.ThrowsAsync<UsageException>(() => SyntheticDataGenerator.GenerateAsync(Options("x", customers: 10)));

        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Equal(
            $"The output folder {folder} is not empty (it holds "
                + $"{Path.GetFileName(Directory.EnumerateFileSystemEntries(folder).First())}); generate never replaces data, so choose a "
                + $"new or empty folder, or add --force to overwrite the generated files in it.",
            error.Message);
        Assert.Equal(before, Directory.GetFiles(folder).ToDictionary(f => f, f =>
            Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
    }

    [Fact]
    public async Task A_hidden_file_alone_makes_a_folder_not_empty()
    {
        string folder = Path.Combine(_root, "x");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".keep"), "");

        var error = await Assert.ThrowsAsync<UsageException>(() => SyntheticDataGenerator.GenerateAsync(Options("x")));
        Assert.Contains("is not empty (it holds .keep)", error.Message);
    }

    [Fact]
    public async Task An_empty_existing_folder_is_accepted()
    {
        Directory.CreateDirectory(Path.Combine(_root, "x"));
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 10));
        Assert.Equal(10, summary.Customers);
    }

    [Fact]
    public async Task Overwrite_replaces_the_generated_files_and_leaves_others()
    {
        await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 40));
        string folder = Path.Combine(_root, "x");
        File.WriteAllText(Path.Combine(folder, "NOTES.md"), "mine");

        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", customers: 10) with { Overwrite = true });

        Assert.Equal(10, summary.Customers);
        var customers = await GeneratedTableReader.ReadTableAsync(folder, "customers", csv: false);
        Assert.Equal(10, customers.Rows.Count);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "NOTES.md")));
    }

    [Fact]
    public async Task The_config_beside_the_tables_carries_the_generation_dates()
    {
        var asOf = new DateOnly(2027, 3, 31);
        var summary = await SyntheticDataGenerator.GenerateAsync(
            Options("x", customers: 10) with { AsOf = asOf, Period = GeneratedConfig.MonthTo(asOf) });

        Assert.Equal(Path.Combine(_root, "x", "_config.yaml"), summary.ConfigPath);
        var config = Analytics.IO.Configuration.ConfigLoader.Load(summary.ConfigPath!);
        Assert.Equal(asOf, config.AsOf);
        Assert.Equal(new ReportingPeriod(new DateOnly(2027, 3, 1), asOf), config.Period);
        Assert.Equal(7.10, config.FxRates["USD"]);
        Assert.Equal(7.70, config.FxRates["EUR"]);
        Assert.Equal(GeneratedConfig.Text(asOf, GeneratedConfig.MonthTo(asOf)), File.ReadAllText(summary.ConfigPath!));
    }

    [Fact]
    public void The_month_to_as_of_starts_on_the_first()
    {
        Assert.Equal(new ReportingPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)),
            GeneratedConfig.MonthTo(new DateOnly(2026, 10, 31)));
        Assert.Equal(new ReportingPeriod(new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)),
            GeneratedConfig.MonthTo(new DateOnly(2028, 2, 29)));
        Assert.Equal(new ReportingPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)),
            GeneratedConfig.MonthTo(new DateOnly(2026, 11, 15)));
    }

    private sealed class SynchronousProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
