using Analytics.Core.Data;
using Analytics.IO.Validation;
using Analytics.IO.Writing;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks;

/// <summary>
/// Writing the largest output alone: a table of one row per loaded account (ids, customer numbers, dates and the
/// balance and rate columns, like account_profitability) written as Parquet by the engine's writer, its column
/// chunks encoded on all cores and streamed into the file in schema order. The memory diagnoser's allocation column
/// shows what the encoding costs; the file is deleted after each write.
/// </summary>
[MemoryDiagnoser]
public class WriteTableBenchmarks
{
    private OutputTable _table = null!;
    private string _path = "";

    [ParamsSource(typeof(BenchmarkData), nameof(BenchmarkData.Sizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string folder = BenchmarkData.Folder(Customers);
        var data = PortfolioLoader.LoadAsync(folder, BenchmarkData.Config(folder), includeConfidential: false).GetAwaiter().GetResult()
            .Data;
        _table = AccountTable(data.Accounts);
        _path = Path.Combine(Path.GetTempPath(), $"analytics-write-bench-{Environment.ProcessId}.parquet");
    }

    /// <summary>The file each benchmark writes.</summary>
    public string FilePath => _path;

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>The table's chunks encoded on all cores and streamed into the file; returns the file's length.</summary>
    [Benchmark]
    public long Write()
    {
        File.Delete(_path);
        using var job = new ParquetTableJob(_table, _path);
        Parallel.For(0, job.ChunkCount, job.EncodeChunk);
        job.WriteFile();
        return new FileInfo(_path).Length;
    }

    /// <summary>The same table on the calling thread only; returns the file's length.</summary>
    [Benchmark]
    public long WriteOneThread()
    {
        File.Delete(_path);
        ParquetTableWriter.WriteAsync(_table, _path).GetAwaiter().GetResult();
        return new FileInfo(_path).Length;
    }

    /// <summary>One row per account: the loaded columns an account-level output carries.</summary>
    internal static OutputTable AccountTable(AccountTable accounts)
    {
        int n = accounts.Count;
        var type = new string?[n];
        for (int a = 0; a < n; a++)
        {
            type[a] = ProductTypes.Name(accounts.Type[a]);
        }

        return new OutputTable("accounts_written", n,
        [
            OutputColumn.Text("account_id", accounts.AccountId),
            OutputColumn.Integer("customer", accounts.Customer),
            OutputColumn.Text("product_type", type),
            OutputColumn.Text("currency", accounts.Currency),
            OutputColumn.Number("average_balance", accounts.AverageBalance),
            OutputColumn.Number("end_balance", accounts.EndBalance),
            OutputColumn.Number("limit_amount", accounts.Limit),
            OutputColumn.Number("client_rate", accounts.ClientRate),
            OutputColumn.Number("ftp_rate", accounts.FtpRate),
            OutputColumn.Date("open_date", accounts.OpenDate),
        ]);
    }
}
