using Analytics.Pipeline;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Threads per partition task: the test silos run theirs with two (<see cref="WorkerSettings"/>, as
/// <c>worker --threads 2</c>), and <c>cluster-score --threads</c> overrides that on every worker; the tables do not change.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class ThreadsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_coordinators_threads_per_partition_task_change_no_table()
    {
        string output = Path.Combine(fixture.Root, "cluster-threads", "latest");
        var options = new CoordinatorOptions { Partitions = 3, Threads = 3 };
        var coordinator = new Coordinator(fixture.Cluster.Client, NullRunLog.Instance, options);

        await coordinator.RunAsync(fixture.Options(output)).WaitAsync(TimeSpan.FromMinutes(5));

        DistributedRunTests.AssertSameOutputs(fixture.Embedded, output);
    }
}
