using System.Security.Cryptography;
using Analytics.IO.Generation;
using Analytics.IO.Reading;

namespace Analytics.Tests.Generation;

[Trait("Speed", "Slow")]
public sealed partial class SyntheticDataGeneratorTests : IDisposable
{
    private static readonly string[] Tables = ["customers", "accounts", "fees", "cross_sales", "financials"];

    // Column names and order copied from docs/METHODOLOGY.md §1 (customer_name optional, present by default).
    private static readonly Dictionary<string, string[]> SpecColumns = new()
    {
        ["customers"] = ["customer_id", "customer_name", "industry", "region", "rm_id", "rating", "pd", "annual_sales"],
        ["accounts"] =
        [
            "account_id", "customer_id", "product_type", "currency", "average_balance", "end_balance", "limit_amount",
            "client_rate", "ftp_rate", "open_date", "maturity_date", "lgd", "days_past_due", "interest_arrears",
            "origination_pd", "prior_average_balance",
        ],
        ["fees"] = ["customer_id", "fee_type", "amount", "currency", "booking_date"],
        ["cross_sales"] = ["customer_id", "product_line", "units", "revenue", "currency"],
        ["financials"] =
        [
            "customer_id", "statement_date", "revenue", "ebitda", "ebit", "interest_expense", "debt_service", "total_debt",
            "current_assets", "current_liabilities", "total_assets", "total_liabilities", "retained_earnings", "equity",
            "operating_cash_flow",
        ],
    };

    private readonly string _root = Directory.CreateTempSubdirectory("analytics-gen-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GeneratorOptions Options(string folder, int customers = 200, int seed = 1, TableFileFormat format = TableFileFormat.Parquet,
        bool defects = false) =>
        new()
        {
            Customers = customers, Seed = seed, OutputDirectory = Path.Combine(_root, folder), Format = format,
            InjectDefects = defects
        };

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f =>
                Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [InlineData(TableFileFormat.Parquet)]
    [InlineData(TableFileFormat.Csv)]
    public async Task Same_seed_gives_byte_identical_files(TableFileFormat format)
    {
        var a = await SyntheticDataGenerator.GenerateAsync(Options("a", format: format, defects: true));
        var b = await SyntheticDataGenerator.GenerateAsync(Options("b", format: format, defects: true));

        var hashesA = Hashes(Path.Combine(_root, "a"));
        Assert.Equal(6, hashesA.Count);
        Assert.Equal(hashesA, Hashes(Path.Combine(_root, "b")));
        Assert.Equal(a, b with { Files = a.Files, PlantedDefects = a.PlantedDefects, ConfigPath = a.ConfigPath });
        Assert.Equal(a.Files, b.Files);
        Assert.Equal(a.PlantedDefects, b.PlantedDefects);
    }

    [Fact]
    public async Task Different_seed_changes_every_file()
    {
        await SyntheticDataGenerator.GenerateAsync(Options("a", seed: 1));
        await SyntheticDataGenerator.GenerateAsync(Options("b", seed: 2));

        var a = Hashes(Path.Combine(_root, "a"));
        var b = Hashes(Path.Combine(_root, "b"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (file, hash) in a)
        {
            // The config depends on the dates only, not on the seed.
            if (file == GeneratedConfig.FileName)
            {
                Assert.Equal(hash, b[file]);
                continue;
            }

            Assert.NotEqual(hash, b[file]);
        }
    }

    [Fact]
    public async Task Content_does_not_depend_on_the_row_group_size()
    {
        // The PRNG is reseeded per block of customers, not per buffer, so only the Parquet layout may change.
        await SyntheticDataGenerator.GenerateAsync(Options("big", format: TableFileFormat.Csv, defects: true));
        await SyntheticDataGenerator.GenerateAsync(Options("small", format: TableFileFormat.Csv, defects: true) with { RowGroupSize = 16 });

        Assert.Equal(Hashes(Path.Combine(_root, "big")), Hashes(Path.Combine(_root, "small")));
    }

    [Theory]
    [InlineData(TableFileFormat.Parquet)]
    [InlineData(TableFileFormat.Csv)]
    public async Task Row_counts_match_the_summary(TableFileFormat format)
    {
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x", format: format));
        string folder = Path.Combine(_root, "x");
        string ext = format == TableFileFormat.Csv ? ".csv" : ".parquet";

        Assert.Equal(Tables.Select(t => t + ext), summary.Files);
        Assert.Equal(200, summary.Customers);
        foreach (var table in Tables)
        {
            var read = await GeneratedTableReader.ReadTableAsync(folder, table, format == TableFileFormat.Csv);
            Assert.Equal(summary.RowsOf(table), read.Rows.Count);
            Assert.True(read.Rows.Count > 0, table);
        }

        Assert.Empty(summary.PlantedDefects);
    }

    [Fact]
    public async Task Parquet_and_csv_carry_the_same_values()
    {
        var parquet = await SyntheticDataGenerator.GenerateAsync(Options("p", defects: true));
        var csv = await SyntheticDataGenerator.GenerateAsync(Options("c", format: TableFileFormat.Csv, defects: true));

        // The CSV-only defects: an unparsable amount where Parquet holds NaN, and a row with one field too many.
        var unparsable = Assert.Single(csv.PlantedDefects, d => d.Kind == PlantedDefectKind.Unparsable);
        var extraField = Assert.Single(csv.PlantedDefects, d => d.Kind == PlantedDefectKind.WrongFieldCount);
        Assert.DoesNotContain(parquet.PlantedDefects, d => d.Kind is PlantedDefectKind.Unparsable or PlantedDefectKind.WrongFieldCount);
        Assert.Equal(parquet.PlantedDefects.Count, csv.PlantedDefects.Count - 1);

        int cells = 0;
        foreach (var table in Tables)
        {
            Assert.Equal(parquet.RowsOf(table), csv.RowsOf(table));
            var p = await GeneratedTableReader.ReadTableAsync(Path.Combine(_root, "p"), table, csv: false);
            var c = await GeneratedTableReader.ReadTableAsync(Path.Combine(_root, "c"), table, csv: true);
            Assert.Equal(p.Columns, c.Columns);
            Assert.Equal(p.Rows.Count, c.Rows.Count);
            for (int r = 0; r < p.Rows.Count; r++)
            {
                var pr = p.Rows[r];
                var cr = c.Rows[r];
                if (table == "fees" && r + 1 == extraField.Row)
                {
                    Assert.Equal(pr.Length + 1, cr.Length);
                    Assert.Null(cr[^1]);
                    cr = cr[..^1];
                }

                for (int k = 0; k < pr.Length; k++)
                {
                    if (table == "fees" && r + 1 == unparsable.Row && p.Columns[k] == "amount")
                    {
                        Assert.Equal("NaN", pr[k]);
                        Assert.Equal("1,250.00", cr[k]);
                        continue;
                    }

                    Assert.Equal(pr[k], cr[k]);
                    cells++;
                }
            }
        }

        Assert.True(cells > 10_000, $"compared only {cells} cells");
    }

    [Fact]
    public async Task Every_table_has_the_documented_columns_and_types()
    {
        await SyntheticDataGenerator.GenerateAsync(Options("p"));
        await SyntheticDataGenerator.GenerateAsync(Options("c", format: TableFileFormat.Csv));

        foreach (var table in Tables)
        {
            var parquet = await GeneratedTableReader.ReadParquetAsync(Path.Combine(_root, "p", table + ".parquet"));
            var csv = GeneratedTableReader.ReadCsv(Path.Combine(_root, "c", table + ".csv"));
            Assert.Equal(SpecColumns[table], parquet.Columns);
            Assert.Equal(SpecColumns[table], csv.Columns);
        }

        var accounts = await GeneratedTableReader.PhysicalTypesAsync(Path.Combine(_root, "p", "accounts.parquet"));
        Assert.Equal("BYTE_ARRAY/UTF8", accounts["account_id"]);
        Assert.Equal("DOUBLE", accounts["average_balance"]);
        Assert.Equal("INT32/INT_32", accounts["days_past_due"]);
        Assert.Equal("INT32/DATE/DATE", accounts["open_date"]);
        Assert.Equal("INT32/INT_32", (await GeneratedTableReader.PhysicalTypesAsync(Path.Combine(_root, "p",
            "cross_sales.parquet")))["units"]);
        Assert.Equal("INT32/DATE/DATE", (await GeneratedTableReader.PhysicalTypesAsync(Path.Combine(_root, "p",
            "fees.parquet")))["booking_date"]);
    }

    [Fact]
    public async Task Names_can_be_left_out()
    {
        await SyntheticDataGenerator.GenerateAsync(Options("x") with { IncludeNames = false });
        var customers = await GeneratedTableReader.ReadParquetAsync(Path.Combine(_root, "x", "customers.parquet"));
        Assert.Equal(SpecColumns["customers"].Where(c => c != "customer_name"), customers.Columns);
    }

    [Fact]
    public async Task Customer_ids_and_names_are_padded_and_obviously_synthetic()
    {
        await SyntheticDataGenerator.GenerateAsync(Options("x", format: TableFileFormat.Csv));
        var customers = GeneratedTableReader.ReadCsv(Path.Combine(_root, "x", "customers.csv"));
        Assert.Equal(new string?[] { "C0000001", "Customer 0000001 Ltd" }, customers.Rows[0][..2]);
        Assert.Equal(new string?[] { "C0000200", "Customer 0000200 Ltd" }, customers.Rows[199][..2]);
    }

    [Fact]
    public async Task Large_fee_tables_are_split_into_part_files_and_row_groups()
    {
        var summary = await SyntheticDataGenerator.GenerateAsync(Options("x") with { FeeRowsPerFile = 3_000, RowGroupSize = 1_000 });
        string folder = Path.Combine(_root, "x");

        // 200 customers × ~50 fees ≈ 10,000 rows → 4 parts of at most 3,000 rows, row groups of at most 1,000.
        var parts = summary.Files.Where(f => f.StartsWith("fees/", StringComparison.Ordinal)).ToList();
        Assert.Equal((int)((summary.Fees + 2_999) / 3_000), parts.Count);
        Assert.Equal("fees/part-00000.parquet", parts[0]);
        Assert.False(File.Exists(Path.Combine(folder, "fees.parquet")));
        long total = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            var sizes = await GeneratedTableReader.RowGroupSizesAsync(Path.Combine(folder, parts[i]));
            Assert.All(sizes, s => Assert.InRange(s, 1, 1_000));
            long rows = sizes.Sum();
            if (i < parts.Count - 1)
            {
                Assert.Equal(3_000, rows);
            }

            total += rows;
        }

        Assert.Equal(summary.Fees, total);
        Assert.All(await GeneratedTableReader.RowGroupSizesAsync(Path.Combine(folder, "accounts.parquet")), s =>
            Assert.InRange(s, 1, 1_000));

        // Same content as an unsplit generation of the same seed.
        await SyntheticDataGenerator.GenerateAsync(Options("whole"));
        var split = await GeneratedTableReader.ReadTableAsync(folder, "fees", csv: false);
        var whole = await GeneratedTableReader.ReadTableAsync(Path.Combine(_root, "whole"), "fees", csv: false);
        Assert.Equal(whole.Rows, split.Rows);
    }

    [Fact]
    public async Task Regenerating_into_a_partitioned_folder_replaces_old_parts()
    {
        var first = await SyntheticDataGenerator.GenerateAsync(Options("x") with { FeeRowsPerFile = 1_000 });
        var second = await SyntheticDataGenerator.GenerateAsync(Options("x") with { FeeRowsPerFile = 4_000, Overwrite = true });

        Assert.True(first.Files.Count > second.Files.Count);
        var onDisk = Directory.GetFiles(Path.Combine(_root, "x", "fees")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(second.Files.Where(f => f.StartsWith("fees/", StringComparison.Ordinal)).Select(f => f["fees/".Length..]), onDisk);
    }
}
