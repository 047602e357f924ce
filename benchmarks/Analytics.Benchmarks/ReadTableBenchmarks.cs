using Analytics.Benchmarks.Peers;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks;

/// <summary>
/// Reading one table alone: the engine's reader (Parquet decode, string interning and symbols, conversion into
/// column batches) over every row group on all cores, against the bare decode of the same columns.
/// </summary>
[MemoryDiagnoser]
public class ReadTableBenchmarks
{
    private string _folder = "";

    [ParamsSource(typeof(BenchmarkData), nameof(BenchmarkData.Sizes))]
    public int Customers { get; set; }

    [Params(InputTables.Customers, InputTables.Accounts, InputTables.Fees, InputTables.CrossSales, InputTables.Financials)]
    public string Table { get; set; } = InputTables.Fees;

    [GlobalSetup]
    public void Setup() => _folder = BenchmarkData.Folder(Customers);

    /// <summary>The engine's reader; returns the rows read.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Read()
    {
        var stats = new TableStats(Table);
        await TableScanner.ScanParallelAsync(
            InputFolder.Locate(_folder, Table), SchemaOf(Table), stats, Environment.ProcessorCount,
            () => new object(), (_, _, _) => { }, CancellationToken.None);
        return stats.RowsRead;
    }

    /// <summary>Parquet.Net decoding the same columns into buffers, nothing more; returns the rows decoded.</summary>
    [Benchmark]
    public Task<long> BareDecode() => BareDecoder.DecodeAsync(_folder, [Table], threads: 0);

    internal static TableSchema SchemaOf(string table) => table switch
    {
        InputTables.Customers => InputTables.CustomerSchema([]),
        InputTables.Accounts => InputTables.AccountSchema,
        InputTables.Fees => InputTables.FeeSchema,
        InputTables.CrossSales => InputTables.CrossSaleSchema,
        _ => InputTables.FinancialSchema,
    };
}
