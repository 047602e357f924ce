using Analytics.Pipeline;

namespace Analytics.Cluster.Tests;

/// <summary>
/// The distributed run publishes the same tables as the embedded run on the same input: the per-customer tables as part files
/// (one per partition) holding the same rows and values, every other file byte for byte.
/// </summary>
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
        await AssertSameOutputsAsync(fixture.Embedded, output);

        // The work really was spread: many splits, every partition, more than one worker.
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
        var cluster = manifest.RootElement.GetProperty("cluster");
        Assert.Equal(partitions, cluster.GetProperty("partitions").GetInt32());
        Assert.True(cluster.GetProperty("splits").GetInt32() >= 8);
        Assert.True(cluster.GetProperty("workers").GetArrayLength() >= 2);
        Assert.True(cluster.GetProperty("shuffle_bytes").GetInt64() > 0);

        // The partitions wrote the per-customer tables (no merge of their data on the coordinator, which would write
        // single files): one part per partition, each hashed in the manifest with its rows.
        var outputs = manifest.RootElement.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("file").GetString()!, o => o);
        foreach (var table in PartitionScoringSteps.PartTables)
        {
            Assert.False(File.Exists(Path.Combine(output, table + ".parquet")), $"{table} was written whole.");
            var parts = Analytics.Tests.Writing.RunContents.Parts(Path.Combine(output, table));
            Assert.Equal(Enumerable.Range(0, partitions).Select(p => $"part-{p:D5}.parquet"), parts.Select(Path.GetFileName));
            foreach (var part in parts)
            {
                var entry = outputs[table + "/" + Path.GetFileName(part)];
                Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(part))),
                    entry.GetProperty("sha256").GetString());
                Assert.True(entry.TryGetProperty("rows", out _));
            }
        }

        Assert.True(File.Exists(Path.Combine(output, "cluster_profiles.parquet")));
        Assert.True(File.Exists(Path.Combine(output, "rejects.parquet")));
    }

    /// <summary>cluster-score --format csv: CSV part files whose rows, headers left out, are the embedded run's CSV tables.</summary>
    [Fact]
    public async Task A_csv_run_writes_csv_parts_of_the_embedded_tables()
    {
        string embedded = Path.Combine(fixture.Root, "embedded-csv", "latest");
        string output = Path.Combine(fixture.Root, "cluster-csv", "latest");
        await ScoringPipeline.RunAsync(fixture.Options(embedded) with { Format = OutputFormat.Csv }, NullRunLog.Instance);
        var coordinator = new Coordinator(fixture.Cluster.Client, NullRunLog.Instance, new CoordinatorOptions { Partitions = 3 });
        await coordinator.RunAsync(fixture.Options(output) with { Format = OutputFormat.Csv });
        await AssertSameOutputsAsync(embedded, output);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(output, "customer_profitability"), "part-*.csv").Length);
    }

    /// <summary>The coordinator holds no customer data: the type that merged the partitions' data is gone for good.</summary>
    [Fact]
    public void The_coordinator_has_no_merge_of_partition_data()
    {
        var types = typeof(Coordinator).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        Assert.DoesNotContain("PortfolioMerge", types);
        Assert.Contains(nameof(PartitionSummaries), types);
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
        await AssertSameOutputsAsync(embedded, output);
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

    /// <summary>
    /// The distributed run's tables equal the embedded run's: the per-customer tables, written as part files by the
    /// partitions, by contents; every other file byte for byte.
    /// </summary>
    internal static Task AssertSameOutputsAsync(string expectedDir, string actualDir) =>
        Analytics.Tests.Writing.RunContents.AssertSameTablesAsync(expectedDir, actualDir);
}
