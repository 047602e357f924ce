using System.Security.Cryptography;
using Analytics.IO.Generation;
using Analytics.Pipeline;

namespace Analytics.Tests.Performance;

/// <summary>
/// docs/METHODOLOGY.md §6 "same inputs and config → byte-identical tables", across thread counts: a generated portfolio with planted
/// defects, fees split into part files of several row groups, scored on 1 and on 4 threads.
/// </summary>
public sealed class ThreadCountIdentityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("analytics-threads-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task One_and_four_threads_publish_identical_bytes()
    {
        string input = Path.Combine(_root, "in");
        var summary = await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            // More than 2 × 4096 customers, so the per-customer stages really split into ranges.
            Customers = 9_000,
            Seed = 5,
            OutputDirectory = input,
            InjectDefects = true,
            FeesPerCustomer = 6,
            RowGroupSize = 5_000,
            FeeRowsPerFile = 20_000,
        });
        Assert.True(Directory.Exists(Path.Combine(input, "fees")), "fees should be split into part files");
        Assert.NotEmpty(summary.PlantedDefects);
        string config = Path.Combine(_root, "config.yaml");
        File.WriteAllText(config, TestConfigs.GeneratorYaml + "\nrun: { max_reject_rate: 0.05 }\n");

        var one = await ScoreAsync(input, config, "one", threads: 1);
        var four = await ScoreAsync(input, config, "four", threads: 4);

        Assert.Equal(one.Keys.Order(), four.Keys.Order());
        Assert.Contains("customer_profitability.parquet", one.Keys);
        Assert.Contains("rejects.parquet", one.Keys);
        foreach (var (name, hash) in one)
        {
            Assert.True(hash == four[name], $"{name} differs between 1 and 4 threads");
        }
    }

    private async Task<Dictionary<string, string>> ScoreAsync(string input, string config, string name, int threads)
    {
        var summary = await ScoringPipeline.RunAsync(
            new ScoreOptions
            {
                InputDirectory = input, ConfigPath = config, OutputDirectory = Path.Combine(_root, name),
                Threads = threads
            },
            NullRunLog.Instance);
        Assert.True(summary.RejectedRows > 0);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(summary.RunDirectory))
        {
            string file_ = Path.GetFileName(file);
            // The manifest records timings and the thread count; everything else must match.
            if (file_ != "manifest.json")
            {
                hashes[file_] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return hashes;
    }
}
