using System.Globalization;
using System.Text;

namespace Analytics.Tests.Reliability;

/// <summary>Input file format a test writes.</summary>
public enum InputFormat
{
    Csv,
    Parquet,
}

/// <summary>
/// A small valid data folder (docs/METHODOLOGY.md §1), held as CSV text per table so a test can mutate one table and write the
/// whole folder as CSV or Parquet. Five customers (C001..C005); accounts of every product type, one in USD; 200 fee
/// rows (4 outside the period, every 10th in USD, some reversals); cross-sales; three years of statements for three
/// customers. With the example config (as_of 2026-10-31, October 2026) it scores cleanly: no rejects, a maturity
/// notice (A001), an underpriced loan (A005), warnings (DPD, arrears, utilisation, outflow).
/// </summary>
internal sealed class TestInputs
{
    public const string Customers = "customers";
    public const string Accounts = "accounts";
    public const string Fees = "fees";
    public const string CrossSales = "cross_sales";
    public const string Financials = "financials";

    public static readonly string[] CustomerIds = ["C001", "C002", "C003", "C004", "C005"];

    private readonly Dictionary<string, string> _tables;

    private TestInputs(Dictionary<string, string> tables) => _tables = tables;

    /// <summary>Table name → CSV text (header first, '\n' line ends), in write order.</summary>
    public IReadOnlyDictionary<string, string> Tables => _tables;

    public static TestInputs Valid() => new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Customers] = CustomersCsv,
        [Accounts] = AccountsCsv,
        [Fees] = FeesCsv(200),
        [CrossSales] = CrossSalesCsv,
        [Financials] = FinancialsCsv,
    });

    public TestInputs Clone() => new(new Dictionary<string, string>(_tables, StringComparer.Ordinal));

    public string this[string table] => _tables[table];

    public TestInputs Set(string table, string csv)
    {
        _tables[table] = csv;
        return this;
    }

    public TestInputs Remove(string table)
    {
        _tables.Remove(table);
        return this;
    }

    public TestInputs Mutate(string table, Func<string, string> edit) => Set(table, edit(_tables[table]));

    /// <summary>Sets the cell in 1-based data row <paramref name="row"/> of <paramref name="column"/> (re-quoting as needed).</summary>
    public TestInputs SetCell(string table, int row, string column, string value) =>
        MapRecords(table, (r, header, fields) =>
        {
            if (r == row)
            {
                fields[Array.IndexOf(header, column)] = value;
            }

            return fields;
        });

    /// <summary>Sets <paramref name="column"/> in every data row to <paramref name="value"/>(row, old value).</summary>
    public TestInputs SetColumn(string table, string column, Func<int, string, string> value) =>
        MapRecords(table, (r, header, fields) =>
        {
            int c = Array.IndexOf(header, column);
            fields[c] = value(r, fields[c]);
            return fields;
        });

    /// <summary>Rewrites every data record; <paramref name="map"/> gets the 1-based row, the header and the fields and returns the new
    /// fields (null drops the row).</summary>
    public TestInputs MapRecords(string table, Func<int, string[], string[], string[]?> map)
    {
        var records = CsvText.Parse(_tables[table]);
        var header = records[0];
        var output = new List<string[]> { header };
        for (int r = 1; r < records.Count; r++)
        {
            if (map(r, header, (string[])records[r].Clone()) is { } fields)
            {
                output.Add(fields);
            }
        }

        return Set(table, CsvText.Write(output));
    }

    /// <summary>Rewrites the raw text line of 1-based data row <paramref name="row"/> (tables without multi-line fields only).</summary>
    public TestInputs MapLine(string table, int row, Func<string, string> edit)
    {
        var lines = _tables[table].Split('\n');
        lines[row] = edit(lines[row]);
        return Set(table, string.Join('\n', lines));
    }

    public TestInputs AppendLines(string table, params string[] lines) =>
        Set(table, _tables[table] + string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Keeps only the header row of <paramref name="table"/>.</summary>
    public TestInputs HeaderOnly(string table) => Set(table, _tables[table][.._tables[table].IndexOf('\n')] + "\n");

    /// <summary>Data rows (not counting the header) of <paramref name="table"/>.</summary>
    public int RowCount(string table) => CsvText.Parse(_tables[table]).Count - 1;

    /// <summary>Writes every table as <c>NAME.csv</c> or <c>NAME.parquet</c> into <paramref name="directory"/>.</summary>
    public async Task WriteAsync(string directory, InputFormat format)
    {
        Directory.CreateDirectory(directory);
        foreach (var (table, csv) in _tables)
        {
            if (format == InputFormat.Csv)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, table + ".csv"), csv, new UTF8Encoding(false));
            }
            else
            {
                await ParquetTestFiles.WriteFromCsvAsync(Path.Combine(directory, table + ".parquet"), table, csv);
            }
        }
    }

    /// <summary>Shuffles the data rows of <paramref name="table"/> (seeded).</summary>
    public TestInputs Shuffle(string table, int seed)
    {
        var records = CsvText.Parse(_tables[table]);
        var rows = records.Skip(1).ToArray();
        new Random(seed).Shuffle(rows);
        return Set(table, CsvText.Write([records[0], .. rows]));
    }

    /// <summary>
    /// Writes <paramref name="table"/> as a folder <c>NAME/</c> of contiguous parts, part i in <paramref name="formats"/>[i]
    /// (so one table can mix CSV and Parquet parts), plus Spark's <c>_SUCCESS</c> marker and a <c>.crc</c> file,
    /// which must be ignored. Removes any <c>NAME.csv</c>/<c>NAME.parquet</c> already written.
    /// </summary>
    public async Task WritePartsAsync(string directory, string table, params InputFormat[] formats)
    {
        File.Delete(Path.Combine(directory, table + ".csv"));
        File.Delete(Path.Combine(directory, table + ".parquet"));
        string folder = Path.Combine(directory, table);
        Directory.CreateDirectory(folder);
        var records = CsvText.Parse(_tables[table]);
        int rows = records.Count - 1;
        for (int p = 0; p < formats.Length; p++)
        {
            int from = 1 + rows * p / formats.Length, to = 1 + rows * (p + 1) / formats.Length;
            string csv = CsvText.Write([records[0], .. records.Skip(from).Take(to - from)]);
            string name = Path.Combine(folder, $"part-{p:00000}");
            if (formats[p] == InputFormat.Csv)
            {
                await File.WriteAllTextAsync(name + ".csv", csv, new UTF8Encoding(false));
            }
            else
            {
                await ParquetTestFiles.WriteFromCsvAsync(name + ".parquet", table, csv);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "_SUCCESS"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, ".part-00000.crc"), "not data");
    }

    // ---- configuration ----

    /// <summary>The repository's docs/config.example.yaml, the base config of every test.</summary>
    public static string ExampleConfig { get; } = File.ReadAllText(Path.Combine(RepoRoot, "docs", "config.example.yaml"));

    /// <summary>The repository root (the folder holding Analytics.sln).</summary>
    public static string RepoRoot => RepoPaths.Root();

    /// <summary>The example config with <paramref name="find"/> replaced by <paramref name="replace"/>; fails when the text is absent, so
    /// an edit can never silently do nothing.</summary>
    public static string ConfigWith(string find, string replace) => Edit(ExampleConfig, find, replace);

    public static string Edit(string config, string find, string replace)
    {
        if (!config.Contains(find, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The config does not contain '{find}'.");
        }

        return config.Replace(find, replace, StringComparison.Ordinal);
    }

    /// <summary>The example config allowing <paramref name="rate"/> rejected rows per table.</summary>
    public static string ConfigWithRejectRate(double rate) =>
        ConfigWith("run: { max_reject_rate: 0.01 }", string.Create(CultureInfo.InvariantCulture, $"run: {{ max_reject_rate: {rate} }}"));

    // ---- the data ----

    private const string CustomersCsv =
        "customer_id,customer_name,industry,region,rm_id,rating,pd,annual_sales\n" +
        "C001,Alpha Manufacturing Ltd,manufacturing,east,RM01,A,0.004,40\n" +
        "C002,Beta Trading Co,trade,north,RM02,BBB,0.012,\n" +
        "C003,Gamma Logistics,logistics,south,RM01,BB,0.05,12\n" +
        "C004,Delta Retail,retail,west,RM03,,,\n" +
        "C005,Epsilon Tech,technology,east,RM02,A,0.002,80\n";

    private const string AccountsCsv =
        "account_id,customer_id,product_type,currency,average_balance,end_balance,limit_amount,client_rate," +
        "ftp_rate,open_date,maturity_date,lgd,days_past_due,interest_arrears,origination_pd,prior_average_balance\n" +
        "A001,C001,loan,CNY,5000000,4800000,6000000,0.045,,2025-01-15,2026-11-20,0.45,0,0,0.003,\n" +
        "A002,C001,deposit,CNY,3000000,3100000,,0.012,,2020-03-01,,,,,,3200000\n" +
        "A003,C002,overdraft,USD,200000,250000,300000,0.06,,2024-06-01,,,35,1200,0.004,\n" +
        "A004,C002,guarantee,CNY,0,0,1000000,,,2025-05-01,2027-05-01,0.4,0,0,,\n" +
        "A005,C003,loan,CNY,8000000,8000000,8000000,0.018,,2023-01-01,2028-01-01,,95,50000,0.01,\n" +
        "A006,C003,deposit,CNY,100000,50000,,0.01,,2019-01-01,,,,,,400000\n" +
        "A007,C004,deposit,CNY,2000000,2000000,,0.015,,2018-01-01,,,,,,\n" +
        "A008,C005,loan,USD,1000000,900000,1000000,0.05,0.02,2024-01-01,2029-01-01,0.35,0,0,0.002,\n" +
        "A009,C005,overdraft,CNY,50000,95000,100000,0.07,,2024-01-01,,,0,0,,\n";

    private static readonly string[] FeeTypes = ["settlement", "fx", "guarantee", "cash_management", "advisory", "custody", "wealth"];

    /// <summary>
    /// <paramref name="rows"/> fee rows: customer C00(1 + i mod 5), type i mod 7, amount (i·37 mod 1000) + 0.25·(i mod 4)
    /// (negated every 23rd row: a reversal), USD every 10th row, booked 2026-10-(1 + i mod 31) except every 50th row
    /// (2026-09-15, outside the period).
    /// </summary>
    public static string FeesCsv(int rows)
    {
        var sb = new StringBuilder("customer_id,fee_type,amount,currency,booking_date\n");
        for (int i = 0; i < rows; i++)
        {
            double amount = (i * 37 % 1000) + 0.25 * (i % 4);
            if (i % 23 == 22) amount = -amount;
            string currency = i % 10 == 9 ? "USD" : "CNY";
            string date = i % 50 == 49 ? "2026-09-15" : $"2026-10-{1 + i % 31:00}";
            sb.Append(CultureInfo.InvariantCulture,
                $"{CustomerIds[i % 5]},{FeeTypes[i % 7]},{amount.ToString("R", CultureInfo.InvariantCulture)},{currency},{date}\n");
        }

        return sb.ToString();
    }

    private const string CrossSalesCsv =
        "customer_id,product_line,units,revenue,currency\n" +
        "C001,payroll,120,36000,CNY\n" +
        "C001,cards,15,4500,\n" +
        "C002,wealth,1,12000,USD\n" +
        "C003,personal_loans,0,0,\n" +
        "C005,cards,30,9000,CNY\n";

    private const string FinancialsCsv =
        "customer_id,statement_date,revenue,ebitda,ebit,interest_expense,debt_service," +
        "total_debt,current_assets,current_liabilities,total_assets,total_liabilities,retained_earnings,equity,operating_cash_flow\n" +
        "C001,2023-12-31,50000000,9000000,7000000,1000000,4000000,20000000,15000000,9000000,60000000,30000000,12000000,30000000,8000000\n" +
        "C001,2024-12-31,54000000,9800000,7600000,1000000,4000000,19000000,16000000,9000000,62000000,29000000,14000000,33000000,8500000\n" +
        "C001,2025-12-31,58000000,10500000,8200000,950000,4200000,18000000,17000000,9500000,65000000,28000000,16000000,37000000,9000000\n" +
        "C002,2025-12-31,8000000,600000,400000,500000,900000,6000000,2000000,2500000,9000000,7000000,500000,2000000,300000\n" +
        "C003,2023-12-31,30000000,5000000,3500000,800000,3000000,15000000,8000000,7000000,40000000,25000000,6000000,15000000,4000000\n" +
        "C003,2024-12-31,24000000,3500000,2000000,900000,3200000,17000000,7000000,7500000,38000000,26000000,5000000,12000000,2500000\n" +
        "C003,2025-12-31,18000000,2000000,800000,1000000,3300000,19000000,6000000,8000000,36000000,28000000,4000000,8000000,1000000\n";
}
