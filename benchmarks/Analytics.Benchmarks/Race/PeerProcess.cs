using Analytics.Benchmarks.Peers;

namespace Analytics.Benchmarks.Race;

/// <summary>
/// The DuckDB side of the race as a process of its own:
/// <c>Analytics.Benchmarks --duckdb-peer aggregate|parquet|noop DIR [OUT]</c>. <c>aggregate</c> runs
/// <see cref="DuckDbPeer.Portfolio"/> (the aggregation SQL, result fetched into .NET), <c>parquet</c>
/// <see cref="DuckDbPeer.PortfolioToParquet"/> (the fuller peer, writing OUT), <c>noop</c> only opens DuckDB and runs
/// <c>SELECT 1</c>, so the report can show what the .NET host and loading DuckDB cost the peer by themselves.
/// </summary>
public static class PeerProcess
{
    /// <summary>Runs the mode named by <paramref name="args"/> (after <c>--duckdb-peer</c>); returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string mode = args.Count > 0 ? args[0] : "";
        switch (mode)
        {
            case "noop":
                DuckDbPeer.Noop();
                return 0;
            case "aggregate" when args.Count >= 2:
                var totals = DuckDbPeer.Portfolio(args[1], BenchmarkData.Config(args[1]));
                Console.WriteLine($"customers {totals.Customers}, fee rows {totals.Fees.FeeRows}");
                return 0;
            case "parquet" when args.Count >= 3:
                long rows = DuckDbPeer.PortfolioToParquet(args[1], BenchmarkData.Config(args[1]), args[2]);
                Console.WriteLine($"customers {rows}");
                return 0;
            default:
                Console.Error.WriteLine("usage: --duckdb-peer noop | aggregate DIR | parquet DIR OUT");
                return 2;
        }
    }
}
