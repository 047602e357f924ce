using Analytics.Benchmarks;
using Analytics.Benchmarks.Race;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- --filter '*'
//   sizes: ANALYTICS_BENCH_SIZES=10000,100000,1000000 (default); data cache: ANALYTICS_BENCH_DATA (default $TMPDIR/analytics-bench)
// --prepare: only generate the cached data of the sizes and print the folders.
// --race --cli PATH: the whole-process race against DuckDB (benchmarks/race.sh runs it; see docs/PERFORMANCE.md).
// --duckdb-peer MODE DIR [OUT]: the DuckDB side of that race as its own process.
// --dry: one invocation of every benchmark at 2,000 customers (unless ANALYTICS_BENCH_SIZES says otherwise), for CI.
if (args.Length > 0 && args[0] == "--duckdb-peer")
{
    return PeerProcess.Run(args[1..]);
}

if (args.Contains("--race"))
{
    return ProcessRace.Run(args);
}

bool dry = args.Contains("--dry");
var rest = args.Where(a => a != "--dry").ToArray();
if (dry && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ANALYTICS_BENCH_SIZES")))
{
    // Inherited by the benchmark processes BenchmarkDotNet starts.
    Environment.SetEnvironmentVariable("ANALYTICS_BENCH_SIZES", "2000");
}

if (args.Contains("--prepare"))
{
    // Generates (or finds) the cached data of every size, then exits: handy before timing anything by hand.
    foreach (int size in BenchmarkData.Sizes())
    {
        Console.WriteLine(BenchmarkData.Folder(size));
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(rest, BenchmarkSetup.Config(dry));
return 0;
