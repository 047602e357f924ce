using System.Text.Json;

namespace Analytics.Cluster.Tests;

/// <summary>A worker killed mid-run: its tasks run again elsewhere and the run still publishes the embedded tables.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class LostWorkerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_secondary_silo_killed_mid_run_changes_no_table()
    {
        var cluster = fixture.Cluster;
        // Add a silo to kill, so the shared cluster keeps three for the other tests.
        var victim = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var held = new TaskCompletionSource<SiloAddress>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int tasksOnVictim = 0;
        ClusterTestHooks.BeforeTask = async silo =>
        {
            // The first task that lands on the victim waits there until the victim is dead.
            if (silo.Equals(victim.SiloAddress) && Interlocked.Increment(ref tasksOnVictim) == 1)
            {
                held.TrySetResult(silo);
                await release.Task;
            }
        };
        var log = new ListLog();
        try
        {
            string output = Path.Combine(fixture.Root, "cluster-killed", "latest");
            var coordinator = new Coordinator(cluster.Client, log, new CoordinatorOptions
            {
                Partitions = 9,
                RetryDelay = TimeSpan.FromMilliseconds(200)
            });
            var run = coordinator.RunAsync(fixture.Options(output));
            var first = await Task.WhenAny(held.Task, run);
            Assert.True(first == held.Task, "No task was placed on the victim silo before the run ended.");
            await cluster.KillSiloAsync(victim);
            release.SetResult();
            await run;

            await DistributedRunTests.AssertSameOutputsAsync(fixture.Embedded, output);
            Assert.Contains(log.Lines, l => l.StartsWith("Lost ", StringComparison.Ordinal)
                && l.Contains("retrying on another worker", StringComparison.Ordinal));
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
            var clusterInfo = manifest.RootElement.GetProperty("cluster");
            Assert.True(clusterInfo.GetProperty("retries").GetInt32() >= 1);
            Assert.Equal(9, clusterInfo.GetProperty("partitions").GetInt32());
        }
        finally
        {
            ClusterTestHooks.BeforeTask = null;
            release.TrySetResult();
        }
    }

    /// <summary>
    /// A silo killed while it holds a finish task (the pass that writes the part files): the task runs again elsewhere,
    /// writing the same part under the same name, and the run publishes the embedded tables.
    /// </summary>
    [Fact]
    public async Task A_silo_killed_during_a_finish_task_changes_no_table()
    {
        var cluster = fixture.Cluster;
        var victim = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int finishesOnVictim = 0;
        ClusterTestHooks.BeforePass = async (silo, pass) =>
        {
            if (pass == "finish" && silo.Equals(victim.SiloAddress) && Interlocked.Increment(ref finishesOnVictim) == 1)
            {
                held.TrySetResult();
                await release.Task;
            }
        };
        var log = new ListLog();
        try
        {
            string output = Path.Combine(fixture.Root, "cluster-killed-finish", "latest");
            var coordinator = new Coordinator(cluster.Client, log, new CoordinatorOptions
            {
                Partitions = 8, RetryDelay = TimeSpan.FromMilliseconds(200),
            });
            var run = coordinator.RunAsync(fixture.Options(output));
            var first = await Task.WhenAny(held.Task, run);
            Assert.True(first == held.Task, "No finish task was placed on the victim silo before the run ended.");
            await cluster.KillSiloAsync(victim);
            release.SetResult();
            await run.WaitAsync(TimeSpan.FromMinutes(5));

            await DistributedRunTests.AssertSameOutputsAsync(fixture.Embedded, output);
            Assert.Contains(log.Lines, l => l.StartsWith("Lost partition", StringComparison.Ordinal) && l.Contains("(finish)",
                StringComparison.Ordinal));
        }
        finally
        {
            ClusterTestHooks.BeforePass = null;
            release.TrySetResult();
        }
    }

    /// <summary>
    /// One attempt per task, and every task that reaches the victim is held there, the victim killed while the run goes on:
    /// calls placed on it before and just after its death (it is still listed as active for a moment) cannot answer. They
    /// are given up as soon as the victim leaves the active workers and retried elsewhere, and a call lost with its
    /// worker is not counted as the task's failure, so the run completes (it used to fail on the first lost call, and a
    /// call placed after the coordinator's one sweep could wait for the 30-minute response timeout).
    /// </summary>
    [Fact]
    public async Task A_task_lost_with_its_worker_does_not_use_up_its_attempts()
    {
        var cluster = fixture.Cluster;
        var victim = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ClusterTestHooks.BeforeTask = async silo =>
        {
            // Every task that reaches the victim waits there until the victim is dead: none of them can answer.
            if (silo.Equals(victim.SiloAddress))
            {
                held.TrySetResult();
                await release.Task;
            }
        };
        var log = new ListLog();
        try
        {
            string output = Path.Combine(fixture.Root, "cluster-one-attempt", "latest");
            var run = new Coordinator(cluster.Client, log, OneAttempt).RunAsync(fixture.Options(output));
            var first = await Task.WhenAny(held.Task, run);
            Assert.True(first == held.Task, "No task was placed on the victim silo before the run ended.");
            await cluster.KillSiloAsync(victim);
            release.SetResult();
            // Bounded: a call left waiting on the dead silo would hold the run for its 30-minute response timeout.
            await run.WaitAsync(TimeSpan.FromMinutes(5));
            await DistributedRunTests.AssertSameOutputsAsync(fixture.Embedded, output);
            Assert.Contains(log.Lines, l => l.StartsWith("Lost ", StringComparison.Ordinal));
        }
        finally
        {
            ClusterTestHooks.BeforeTask = null;
            release.TrySetResult();
        }
    }

    private static CoordinatorOptions OneAttempt => new()
    {
        Partitions = 16, Attempts = 1, RetryDelay = TimeSpan.FromMilliseconds(200),
    };
}
