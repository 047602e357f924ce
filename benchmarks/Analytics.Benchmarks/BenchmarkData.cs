using System.Globalization;
using Analytics.Core.Configuration;
using Analytics.IO.Configuration;
using Analytics.IO.Generation;

namespace Analytics.Benchmarks;

/// <summary>
/// Benchmark inputs: a synthetic portfolio per size, generated once by <see cref="SyntheticDataGenerator"/> into a
/// cache folder under the system temp folder (<c>$TMPDIR/analytics-bench/&lt;customers&gt;</c>, never committed) and
/// reused by every later run; plus the run config written next to it.
/// </summary>
public static class BenchmarkData
{
    /// <summary>Fee rows per customer: 200,000 customers give the 8,000,000 fee rows of the throughput target.</summary>
    public const double FeesPerCustomer = 40;

    /// <summary>The seed of every benchmark portfolio.</summary>
    public const int Seed = 20261031;

    /// <summary>Sizes (customers) to run, from <c>ANALYTICS_BENCH_SIZES</c> (comma-separated) or 10k, 100k and 1M.</summary>
    public static IEnumerable<int> Sizes()
    {
        string? configured = Environment.GetEnvironmentVariable("ANALYTICS_BENCH_SIZES");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return [10_000, 100_000, 1_000_000];
        }

        var sizes = new List<int>();
        foreach (var part in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sizes.Add(int.Parse(part, NumberStyles.Integer, CultureInfo.InvariantCulture));
        }

        return sizes;
    }

    /// <summary>The cache root: <c>ANALYTICS_BENCH_DATA</c>, or <c>analytics-bench</c> in the system temp folder.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("ANALYTICS_BENCH_DATA") is { Length: > 0 } root
            ? root
            : Path.Combine(Path.GetTempPath(), "analytics-bench");

    /// <summary>The input folder for <paramref name="customers"/> customers, generated on first use.</summary>
    public static string Folder(int customers) => Folder(customers, Root);

    /// <summary>The input folder for <paramref name="customers"/> customers under <paramref name="root"/>, generated on first
    /// use.</summary>
    public static string Folder(int customers, string root)
    {
        string folder = Path.Combine(root, customers.ToString(CultureInfo.InvariantCulture));
        string done = Path.Combine(folder, "_complete");
        if (File.Exists(done))
        {
            return folder;
        }

        // One process at a time: BenchmarkDotNet runs cases one after another, but two suites may share the cache.
        Directory.CreateDirectory(root);
        using var gate = AcquireLock(Path.Combine(root, "." + customers.ToString(CultureInfo.InvariantCulture) + ".lock"));
        if (File.Exists(done))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        SyntheticDataGenerator.Generate(new GeneratorOptions
        {
            Customers = customers,
            Seed = Seed,
            OutputDirectory = folder,
            FeesPerCustomer = FeesPerCustomer,
            IncludeNames = false,
        });
        File.WriteAllText(ConfigPath(folder), ConfigYaml);
        File.WriteAllText(done, "");
        return folder;
    }

    /// <summary>The config written beside the data (outside the table entries, so the engine ignores it as input).</summary>
    public static string ConfigPath(string folder) => Path.Combine(folder, "_config.yaml");

    /// <summary>The loaded config of <paramref name="folder"/>.</summary>
    public static EngineConfig Config(string folder) => ConfigLoader.Load(ConfigPath(folder));

    private static FileStream AcquireLock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 3600)
            {
                Thread.Sleep(1000);
            }
        }
    }

    /// <summary>The generator's period and currencies with docs/METHODOLOGY.md §2 defaults for everything else.</summary>
    public const string ConfigYaml = BenchmarkConfig.Yaml;
}
