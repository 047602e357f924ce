using Analytics.Benchmarks.Peers;
using Analytics.Core.Configuration;
using Analytics.IO.Validation;
using Analytics.Pipeline;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks;

/// <summary>
/// The whole <c>analytics score</c> run in process (read, validate, score, write every output, reconcile, publish),
/// against DuckDB's equivalent aggregation SQL and the bare decode of every column the run reads.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly string[] AllTables =
        [InputTables.Customers, InputTables.Accounts, InputTables.Fees, InputTables.CrossSales, InputTables.Financials];

    private string _folder = "";
    private EngineConfig _config = null!;
    private string _outputRoot = "";

    [ParamsSource(typeof(BenchmarkData), nameof(BenchmarkData.Sizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkData.Folder(Customers);
        _config = BenchmarkData.Config(_folder);
        _outputRoot = Path.Combine(Path.GetTempPath(), "analytics-bench-out-" + Environment.ProcessId);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_outputRoot))
        {
            Directory.Delete(_outputRoot, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ScoreSummary> Score() => ScoreAsync(threads: 0);

    [Benchmark]
    public Task<ScoreSummary> ScoreOneThread() => ScoreAsync(threads: 1);

    [Benchmark]
    public PortfolioTotals DuckDb() => DuckDbPeer.Portfolio(_folder, _config);

    [Benchmark]
    public long DuckDbToParquet() => DuckDbPeer.PortfolioToParquet(
        _folder, _config, Path.Combine(Directory.CreateDirectory(_outputRoot).FullName, Guid.NewGuid().ToString("N") + ".parquet"));

    [Benchmark]
    public Task<long> BareDecode() => BareDecoder.DecodeAsync(_folder, AllTables, threads: 0);

    private Task<ScoreSummary> ScoreAsync(int threads) => ScoringPipeline.RunAsync(
        new ScoreOptions
        {
            InputDirectory = _folder,
            ConfigPath = BenchmarkData.ConfigPath(_folder),
            OutputDirectory = Path.Combine(_outputRoot, Guid.NewGuid().ToString("N"), "out"),
            Threads = threads,
        },
        NullRunLog.Instance);
}
