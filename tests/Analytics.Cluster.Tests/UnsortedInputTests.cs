using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.Pipeline;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Customers given in reverse customer_id order: the embedded run sorts them by id, and so must the distributed run —
/// its partitions are customer_id ranges, concatenated in range order (docs/SCALE_OUT.md), never the input order.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class UnsortedInputTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Customers_in_reverse_id_order_give_the_embedded_tables()
    {
        string root = Path.Combine(fixture.Root, "unsorted");
        string input = Path.Combine(root, "input");
        await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = 400, Seed = 13, OutputDirectory = input, Format = TableFileFormat.Csv, InjectDefects = false,
        });
        string customers = Path.Combine(input, "customers.csv");
        var lines = File.ReadAllLines(customers);
        Assert.True(string.CompareOrdinal(lines[1], lines[2]) < 0, "The generator writes customers in id order.");
        File.WriteAllLines(customers, [lines[0], .. Enumerable.Reverse(lines[1..])]);

        ScoreOptions Options(string output) => new()
        {
            InputDirectory = input, ConfigPath = fixture.Config, OutputDirectory = output, Threads = 2,
        };
        string embedded = Path.Combine(root, "embedded", "latest");
        string cluster = Path.Combine(root, "cluster", "latest");
        await ScoringPipeline.RunAsync(Options(embedded), NullRunLog.Instance);
        await new Coordinator(fixture.Cluster.Client, NullRunLog.Instance, new CoordinatorOptions { Partitions = 5 })
            .RunAsync(Options(cluster));
        DistributedRunTests.AssertSameOutputs(embedded, cluster);
    }
}
