using Analytics.Benchmarks.Peers;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks;

/// <summary>
/// The hot path: fees aggregated per customer (Σ amount × fx of in-period rows, row count, distinct fee types) with
/// every row rule checked. Baseline: naive LINQ over materialised rows. Peers: DuckDB's SQL over the same files and
/// the bare decode of the fee columns.
/// </summary>
[MemoryDiagnoser]
public class FeeAggregationBenchmarks
{
    private string _folder = "";
    private EngineConfig _config = null!;
    private CustomerKeys _customerKeys = null!;

    [ParamsSource(typeof(BenchmarkData), nameof(BenchmarkData.Sizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkData.Folder(Customers);
        _config = BenchmarkData.Config(_folder);
        var customers = CustomerLoader.LoadAsync(
            InputFolder.Locate(_folder, InputTables.Customers), _config, [], new TableStats(InputTables.Customers), new RejectLog(),
                trace: null, Environment.ProcessorCount, CancellationToken.None).GetAwaiter().GetResult();
        _customerKeys = new CustomerKeys(customers.Index);
    }

    [Benchmark(Baseline = true)]
    public Task<FeeTotals> NaiveLinq() => NaiveFeeAggregation.RunAsync(_folder, _config);

    /// <summary>The engine's streaming aggregation on all cores.</summary>
    [Benchmark]
    public Task<FeeTotals> Engine() => EngineAsync(threads: Environment.ProcessorCount);

    /// <summary>The engine's streaming aggregation on one thread.</summary>
    [Benchmark]
    public Task<FeeTotals> EngineOneThread() => EngineAsync(threads: 1);

    [Benchmark]
    public FeeTotals DuckDb() => DuckDbPeer.Fees(_folder, _config);

    [Benchmark]
    public Task<long> BareDecode() => BareDecoder.DecodeAsync(_folder, [InputTables.Fees], threads: 0);

    private async Task<FeeTotals> EngineAsync(int threads)
    {
        var aggregates = new ActivityAggregates(_customerKeys.Index.Count);
        await ActivityLoader.LoadFeesAsync(
            InputFolder.Locate(_folder, InputTables.Fees), _config, _customerKeys, aggregates, new ActivityLoader.Totals(),
            new TableStats(InputTables.Fees), new RejectLog(), threads, trace: null, CancellationToken.None);
        return FeeTotals.Of(aggregates);
    }
}
