using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Analytics.Benchmarks;

/// <summary>The suite's configuration: a short job (the cases run for seconds each), peer ratio columns, memory.</summary>
public static class BenchmarkSetup
{
    /// <summary>The peer method behind the "vs DuckDB" column.</summary>
    public const string DuckDbMethod = "DuckDb";

    /// <summary>The peer method behind the "vs bare decode" column.</summary>
    public const string BareDecodeMethod = "BareDecode";

    public static IConfig Config(bool dry)
    {
        var job = dry
            ? Job.Dry.WithId("Dry")
            // Whole runs take seconds; BenchmarkDotNet's adaptive default would repeat them for many minutes.
            : Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Short");
        return DefaultConfig.Instance
            // The CLI's runtime settings (src/Analytics.Cli/Analytics.Cli.csproj), so in-process numbers match a real run.
            .AddJob(job.WithGcServer(false).WithGcConcurrent(false).WithEnvironmentVariable("DOTNET_GCConserveMemory", "7").AsDefault())
            .AddColumn(new RatioToPeerColumn(DuckDbMethod, "vs DuckDB"))
            .AddColumn(new RatioToPeerColumn(BareDecodeMethod, "vs bare decode"))
            .AddColumn(StatisticColumn.Min)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
