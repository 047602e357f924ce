namespace Analytics.Tests;

/// <summary>Configuration texts shared by tests.</summary>
public static class TestConfigs
{
    /// <summary>
    /// The generator's period and currencies with docs/METHODOLOGY.md §2 defaults and a full grid: the benchmark
    /// suite's configuration, compiled from its one source file.
    /// </summary>
    public const string GeneratorYaml = Benchmarks.BenchmarkConfig.Yaml;
}
