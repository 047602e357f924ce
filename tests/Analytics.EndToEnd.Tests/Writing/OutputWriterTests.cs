using System.Security.Cryptography;
using Analytics.Core;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;
using Analytics.IO.Writing;
using Analytics.Pipeline;
using Analytics.Pipeline.Outputs;
using Analytics.Pipeline.Reporting;
using Analytics.Tests.Reliability;
using Analytics.Tests.Report;

namespace Analytics.Tests.Writing;

/// <summary>The output stage's side-by-side writing: same bytes and same errors for any thread count.</summary>
[Collection(ScoredSampleCollection.Name)]
public sealed class OutputWriterTests(ScoredSample sample) : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (IReadOnlyList<OutputTable> Tables, ReconciliationReport Reconciliation, ReportInput Report, List<string> Inputs) Load()
    {
        var config = ConfigLoader.Load(sample.ConfigPath);
        var loaded = PortfolioLoader.LoadAsync(sample.InputDirectory, config, false).GetAwaiter().GetResult();
        var result = ScoringKernel.Score(loaded.Data, config, previousTiers: null);
        var tables = OutputTables.Build(loaded, result, config, false);
        var p = result.Profitability;
        var reconciliation = ReconciliationReport.Build(loaded.Stats, loaded.Totals, loaded.Rejects.Items.Count,
            (p.DepositBalance.Sum(), p.LendingBalance.Sum(), p.FeeIncome.Sum(), p.CrossSellRevenue.Sum()));
        var inputs = loaded.Stats.SelectMany(s => s.Files.Select(f => Path.Combine(sample.InputDirectory, f.File))).ToList();
        return (tables, reconciliation, new ReportInput(loaded, result, config, tables, reconciliation, false), inputs);
    }

    [Fact]
    public async Task Derived_text_columns_write_the_bytes_of_materialised_ones()
    {
        // Text derived row by row (ids on each account, notice and reason row, severities, product types…) is produced a
        // chunk at a time; written from arrays built the old way, every table must be the same file.
        var config = ConfigLoader.Load(sample.ConfigPath);
        var loaded = await PortfolioLoader.LoadAsync(sample.InputDirectory, config, false);
        var result = ScoringKernel.Score(loaded.Data, config, previousTiers: null);
        var derived = OutputTables.Build(loaded, result, config, false);
        var materialised = OutputTables.Build(loaded, result, config, false).Select(t => new OutputTable(t.Name, t.RowCount,
            [.. t.Columns.Select(c => c.IsDerived ? OutputColumn.Text(c.Name, (string?[])c.Values) : c)])).ToList();
        Assert.Contains(derived, t => t.Columns.Any(c => c.IsDerived));

        // account_profitability's customer_id, worked out from the accounts' customer ranges.
        var a = loaded.Data.Accounts;
        var accountCustomer = materialised.Single(t => t.Name == OutputTableNames.AccountProfitability)["customer_id"];
        for (int c = 0; c < loaded.Data.Customers.Count; c++)
        {
            for (int i = a.CustomerStart[c]; i < a.CustomerStart[c + 1]; i++)
            {
                Assert.Equal(loaded.Data.Customers.Ids[c], ((string?[])accountCustomer.Values)[i]);
            }
        }

        for (int t = 0; t < derived.Count; t++)
        {
            string one = _tmp.Combine("derived-" + derived[t].Name), two = _tmp.Combine("materialised-" + derived[t].Name);
            await ParquetTableWriter.WriteAsync(derived[t], one + ".parquet");
            await ParquetTableWriter.WriteAsync(materialised[t], two + ".parquet");
            Assert.Equal(File.ReadAllBytes(two + ".parquet"), File.ReadAllBytes(one + ".parquet"));
            await CsvTableWriter.WriteAsync(derived[t], one + ".csv");
            await CsvTableWriter.WriteAsync(materialised[t], two + ".csv");
            Assert.Equal(File.ReadAllBytes(two + ".csv"), File.ReadAllBytes(one + ".csv"));
        }
    }

    [Fact]
    public void Files_and_hashes_are_the_same_for_any_thread_count()
    {
        var (tables, reconciliation, report, inputs) = Load();
        Dictionary<string, string>? first = null;
        IReadOnlyDictionary<string, string>? firstHashes = null;
        foreach (int threads in new[] { 1, 2, 5 })
        {
            string staging = _tmp.Combine("t" + threads);
            Directory.CreateDirectory(staging);
            var hashes = OutputWriter.Write(tables, OutputFormat.Parquet, staging, reconciliation, report, inputs, inputHashes: null,
                threads, CancellationToken.None);
            var files = Directory.GetFiles(staging).ToDictionary(f => Path.GetFileName(f), f =>
                Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

            // 9 tables (account_profitability included), report.html and reconciliation.json.
            Assert.Equal(11, files.Count);
            foreach (var table in tables)
            {
                string path = Path.GetFullPath(Path.Combine(staging, table.Name + ".parquet"));
                Assert.Equal(files[table.Name + ".parquet"], hashes[path]);
            }

            foreach (var input in inputs)
            {
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input))), hashes[Path.GetFullPath(input)]);
            }

            first ??= files;
            firstHashes ??= hashes;
            Assert.Equal(first, files);
        }
    }

    [Fact]
    public void Inputs_hashed_beforehand_are_reported_and_not_hashed_again()
    {
        var (tables, reconciliation, report, inputs) = Load();
        string staging = _tmp.Combine("pre");
        Directory.CreateDirectory(staging);
        // A made-up hash proves the writer passes the caller's values through instead of hashing the file again.
        var given = new Dictionary<string, string> { [Path.GetFullPath(inputs[0])] = "given" };

        var hashes = OutputWriter.Write(tables, OutputFormat.Parquet, staging, reconciliation, report, inputs, given, threads: 2,
            CancellationToken.None);

        Assert.Equal("given", hashes[Path.GetFullPath(inputs[0])]);
        for (int i = 1; i < inputs.Count; i++)
        {
            Assert.False(hashes.ContainsKey(Path.GetFullPath(inputs[i])));
        }

        Assert.Equal(tables.Count + 1, hashes.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_table_that_cannot_be_written_fails_with_the_error_one_thread_reports(int threads)
    {
        // Folders squat the paths of two tables; early_warnings comes first in table order, so its error is the one
        // reported, even when underpriced_loans fails first in time.
        var (tables, reconciliation, report, inputs) = Load();
        string staging = _tmp.Combine("fail" + threads);
        Directory.CreateDirectory(Path.Combine(staging, OutputTableNames.EarlyWarnings + ".parquet"));
        Directory.CreateDirectory(Path.Combine(staging, OutputTableNames.UnderpricedLoans + ".parquet"));

        var e = Assert.ThrowsAny<IOException>(() =>
            OutputWriter.Write(tables, OutputFormat.Parquet, staging, reconciliation, report, inputs, inputHashes: null, threads,
                CancellationToken.None));
        Assert.Contains(OutputTableNames.EarlyWarnings + ".parquet", e.Message, StringComparison.Ordinal);
    }
}
