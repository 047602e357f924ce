using Analytics.Benchmarks;
using Analytics.Core.Profitability;
using Analytics.IO.Validation;

namespace Analytics.Tests.Performance;

/// <summary>
/// Runs every benchmark method of benchmarks/Analytics.Benchmarks once at a tiny size, so the suite cannot rot, and
/// checks that what each returns agrees with the engine (and that the peers compute the same aggregation). No timing.
/// </summary>
public sealed class BenchmarkDryRunTests
{
    // Small enough to generate in a moment; cached under $TMPDIR/analytics-bench like every benchmark size.
    private const int Customers = 600;

    [Fact]
    public async Task Read_table_benchmarks_read_every_row_of_each_table()
    {
        string folder = BenchmarkData.Folder(Customers);
        var loaded = await PortfolioLoader.LoadAsync(folder, BenchmarkData.Config(folder), includeConfidential: false);
        foreach (var stats in loaded.Stats)
        {
            var bench = new ReadTableBenchmarks { Customers = Customers, Table = stats.Table };
            bench.Setup();
            Assert.Equal(stats.RowsRead, await bench.Read());
            Assert.Equal(stats.RowsRead, await bench.BareDecode());
        }
    }

    [Fact]
    public async Task Write_table_benchmarks_write_every_account_and_the_same_bytes_on_all_cores_as_on_one()
    {
        string folder = BenchmarkData.Folder(Customers);
        var loaded = await PortfolioLoader.LoadAsync(folder, BenchmarkData.Config(folder), includeConfidential: false);
        var bench = new WriteTableBenchmarks { Customers = Customers };
        bench.Setup();
        try
        {
            long streamed = bench.Write();
            byte[] parallel = File.ReadAllBytes(bench.FilePath);
            Assert.Equal(streamed, bench.WriteOneThread());
            Assert.Equal(parallel, File.ReadAllBytes(bench.FilePath));
            await using var reader = await Parquet.ParquetReader.CreateAsync(bench.FilePath);
            Assert.Equal(loaded.Data.Accounts.Count, reader.Metadata!.NumRows);
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Fact]
    public async Task Fee_aggregations_agree_with_the_engine()
    {
        var bench = new FeeAggregationBenchmarks { Customers = Customers };
        bench.Setup();
        string folder = BenchmarkData.Folder(Customers);
        var loaded = await PortfolioLoader.LoadAsync(folder, BenchmarkData.Config(folder), includeConfidential: false);
        var engine = FeeTotals.Of(loaded.Data.Activity);
        Assert.True(engine.FeeRows > 10 * Customers, "the portfolio should have fees");

        Assert.Equal(engine, await bench.Engine());
        Assert.Equal(engine, await bench.EngineOneThread());
        Assert.True(engine.Matches(await bench.NaiveLinq()));
        Assert.True(engine.Matches(bench.DuckDb()), $"DuckDB {bench.DuckDb()} vs engine {engine}");
        Assert.Equal(loaded.Stats[2].RowsRead, await bench.BareDecode());
    }

    [Fact]
    public async Task Stage_benchmarks_return_the_engines_figures()
    {
        var bench = new StageBenchmarks { Customers = Customers };
        bench.Setup();
        string folder = BenchmarkData.Folder(Customers);
        var config = BenchmarkData.Config(folder);
        var data = (await PortfolioLoader.LoadAsync(folder, config, includeConfidential: false)).Data;
        var reference = ProfitabilityCalculator.Compute(data, config);

        // capital_multiplier is 1 and the benchmark sums in account order, so the totals agree to the bit.
        double capital = 0;
        foreach (double c in reference.AccountCreditCapital)
        {
            capital += c;
        }

        Assert.Equal(capital, bench.IrbCapitalPerExposure());
        var profitability = bench.Profitability();
        Assert.Equal(reference.Eva, profitability.Eva);
        Assert.Equal(reference.ContributionScore, bench.ContributionScoreRanking());
        Assert.Equal(Customers, bench.Segmentation().Tier.Length);
        var warnings = bench.EarlyWarning();
        Assert.Equal(Core.EarlyWarning.EarlyWarningRules.Evaluate(data, config).Severity, warnings.Severity);
    }

    [Fact]
    public async Task Pipeline_benchmarks_score_and_the_peers_cover_the_same_rows()
    {
        var bench = new PipelineBenchmarks { Customers = Customers };
        bench.Setup();
        try
        {
            string folder = BenchmarkData.Folder(Customers);
            var loaded = await PortfolioLoader.LoadAsync(folder, BenchmarkData.Config(folder), includeConfidential: false);
            var summary = await bench.Score();
            Assert.Equal(Customers, summary.Customers);
            Assert.Equal(Customers, (await bench.ScoreOneThread()).Customers);

            var duck = bench.DuckDb();
            Assert.Equal(Customers, duck.Customers);
            Assert.True(FeeTotals.Of(loaded.Data.Activity).Matches(duck.Fees));
            // The fuller peer writes one row per accepted customer (the benchmark data has no planted defects).
            Assert.Equal(Customers, bench.DuckDbToParquet());

            long rows = 0;
            foreach (var s in loaded.Stats)
            {
                rows += s.RowsRead;
            }

            Assert.Equal(rows, await bench.BareDecode());
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
