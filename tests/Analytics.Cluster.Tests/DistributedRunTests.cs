using System.Security.Cryptography;
using Analytics.Pipeline;

namespace Analytics.Cluster.Tests;

/// <summary>The distributed run publishes the same tables, byte for byte, as the embedded run on the same input.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class DistributedRunTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Three_silos_publish_the_embedded_tables(int partitions)
    {
        string output = Path.Combine(fixture.Root, $"cluster-{partitions}", "latest");
        var coordinator = new Coordinator(fixture.Cluster.Client, NullRunLog.Instance, new CoordinatorOptions { Partitions = partitions });
        await coordinator.RunAsync(fixture.Options(output));
        AssertSameOutputs(fixture.Embedded, output);

        // The work really was spread: many splits, every partition, more than one worker.
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
        var cluster = manifest.RootElement.GetProperty("cluster");
        Assert.Equal(partitions, cluster.GetProperty("partitions").GetInt32());
        Assert.True(cluster.GetProperty("splits").GetInt32() >= 8);
        Assert.True(cluster.GetProperty("workers").GetArrayLength() >= 2);
        Assert.True(cluster.GetProperty("shuffle_bytes").GetInt64() > 0);
    }

    /// <summary>
    /// cluster-score --previous (tier migration and the profit bridge) and --threads: the same tables as score with the
    /// same previous run; the previous run here is the embedded run of the same input, so every customer stays.
    /// </summary>
    [Fact]
    public async Task A_previous_run_and_threads_give_the_embedded_tables()
    {
        string embedded = Path.Combine(fixture.Root, "embedded-previous", "latest");
        string output = Path.Combine(fixture.Root, "cluster-previous", "latest");
        await ScoringPipeline.RunAsync(fixture.Options(embedded) with { PreviousDirectory = fixture.Embedded }, NullRunLog.Instance);
        var coordinator = new Coordinator(fixture.Cluster.Client, NullRunLog.Instance,
            new CoordinatorOptions { Partitions = 3, Threads = 2 });
        await coordinator.RunAsync(fixture.Options(output) with { PreviousDirectory = fixture.Embedded });
        AssertSameOutputs(embedded, output);
        Assert.True(File.Exists(Path.Combine(output, "profit_bridge.parquet")));
    }

    [Fact]
    public async Task The_input_carries_duplicate_keys_and_unknown_customers_so_the_comparison_covers_the_whole_table_rules()
    {
        var config = Analytics.IO.Configuration.ConfigLoader.Load(fixture.Config);
        var loaded = await Analytics.IO.Validation.PortfolioLoader.LoadAsync(fixture.Input, config, includeConfidential: false);
        var reasons = loaded.Rejects.Items.Select(r => (r.Table, r.Reason)).ToHashSet();
        Assert.Contains((Analytics.IO.Validation.InputTables.Customers, Analytics.IO.Validation.RejectReason.DuplicateKey), reasons);
        Assert.Contains((Analytics.IO.Validation.InputTables.Accounts, Analytics.IO.Validation.RejectReason.DuplicateKey), reasons);
        Assert.Contains((Analytics.IO.Validation.InputTables.Fees, Analytics.IO.Validation.RejectReason.UnknownCustomer), reasons);
    }

    internal static void AssertSameOutputs(string expectedDir, string actualDir)
    {
        var expected = Files(expectedDir);
        var actual = Files(actualDir);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, hash) in expected)
        {
            Assert.True(hash == actual[name], $"{name} differs between the embedded and the distributed run.");
        }
    }

    /// <summary>Every published file but the manifest (run id and timings differ by nature), with its SHA-256.</summary>
    private static Dictionary<string, string> Files(string dir)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(dir))
        {
            string name = Path.GetFileName(path);
            if (name == "manifest.json") continue;
            files[name] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }

        return files;
    }
}
