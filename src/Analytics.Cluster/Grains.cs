using Analytics.IO.Configuration;
using Analytics.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace Analytics.Cluster;

/// <summary>A split of the input (file × row groups), run by whichever worker the cluster places it on.</summary>
public interface ISplitGrain : IGrainWithStringKey
{
    /// <summary>Key pass over an accounts split: account_id values to the partitions that own them.</summary>
    Task<MapResult> ScanAccountKeysAsync(RunPlan plan, int file, int split);

    /// <summary>Key pass over a customers split: a deterministic sample of its customer_id values for the partitions' ranges.</summary>
    Task<MapResult> SampleCustomerIdsAsync(RunPlan plan, int file, int split);

    /// <summary>Map: read the split and write its rows, routed by key, to the partitions' shuffle files.</summary>
    Task<MapResult> MapAsync(RunPlan plan, int table, int file, int split);
}

/// <summary>A customer partition (a range of customer_id values), run by whichever worker the cluster places it on.</summary>
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>The partition's duplicated account_id values.</summary>
    Task<PartitionResult> FindDuplicateAccountIdsAsync(RunPlan plan, int partition);

    /// <summary>Validates the partition's rows and writes its data (and a summary for the coordinator) to shared storage.</summary>
    Task<PartitionResult> LoadAsync(RunPlan plan, int partition);

    /// <summary>Score pass: the partition's score metrics, feature sums, sample candidates (<see cref="PassCodec"/>).</summary>
    Task<PartitionResult> ScoreAsync(RunPlan plan, int partition);

    /// <summary>Second feature pass: Σ (value − mean)² per feature, given the mean of every customer.</summary>
    Task<PartitionResult> DeviationsAsync(RunPlan plan, int partition, double[] mean);

    /// <summary>Assign pass: the partition's per-cluster sums, given the scaling and centroids (encoded).</summary>
    Task<PartitionResult> AssignAsync(RunPlan plan, int partition, byte[] model);

    /// <summary>Finish pass: writes the partition's part files into <paramref name="staging"/>, given its global steps (encoded).</summary>
    Task<PartitionResult> FinishAsync(RunPlan plan, int partition, byte[] global, string staging);
}

/// <summary>
/// Hooks for tests only: awaited at the start of every split and partition task with the worker's silo address, so
/// a test can hold a task on a chosen worker until it has killed that worker.
/// </summary>
public static class ClusterTestHooks
{
    /// <summary>Awaited before each task; null in production.</summary>
    public static Func<SiloAddress, Task>? BeforeTask { get; set; }

    /// <summary>Awaited before each partition scoring pass with the pass's name (score, deviations, assign, finish); null in
    /// production.</summary>
    public static Func<SiloAddress, string, Task>? BeforePass { get; set; }
}

/// <summary>Runs split tasks. Keeps no state: a task lost with its worker runs again on another.</summary>
[RandomPlacement]
internal sealed class SplitGrain(ILocalSiloDetails silo) : Grain, ISplitGrain
{
    public async Task<MapResult> ScanAccountKeysAsync(RunPlan plan, int file, int split)
    {
        await Gate(silo).ConfigureAwait(true);
        return await Task.Run(() => Steps.ScanAccountKeysAsync(plan, file, split, silo.SiloAddress.ToString(), CancellationToken.None))
            .ConfigureAwait(true);
    }

    public async Task<MapResult> SampleCustomerIdsAsync(RunPlan plan, int file, int split)
    {
        await Gate(silo).ConfigureAwait(true);
        return await Task.Run(() => Steps.SampleCustomerIdsAsync(plan, file, split, silo.SiloAddress.ToString(), CancellationToken.None))
            .ConfigureAwait(true);
    }

    public async Task<MapResult> MapAsync(RunPlan plan, int table, int file, int split)
    {
        await Gate(silo).ConfigureAwait(true);
        return await Task.Run(() => Steps.MapAsync(plan, table, file, split, silo.SiloAddress.ToString(), CancellationToken.None))
            .ConfigureAwait(true);
    }

    internal static Task Gate(ILocalSiloDetails silo) => ClusterTestHooks.BeforeTask?.Invoke(silo.SiloAddress) ?? Task.CompletedTask;
}

/// <summary>Runs partition tasks. Keeps no state: its result is a file on shared storage.</summary>
[RandomPlacement]
internal sealed class PartitionGrain(ILocalSiloDetails silo, IServiceProvider services) : Grain, IPartitionGrain
{
    public async Task<PartitionResult> FindDuplicateAccountIdsAsync(RunPlan plan, int partition)
    {
        await SplitGrain.Gate(silo).ConfigureAwait(true);
        var duplicates = await Task.Run(() => Steps.FindDuplicateAccountIds(plan, partition)).ConfigureAwait(true);
        return new PartitionResult { Duplicates = duplicates, Worker = silo.SiloAddress.ToString() };
    }

    public Task<PartitionResult> LoadAsync(RunPlan plan, int partition) =>
        RunAsync(plan, "load", threads =>
            Steps.LoadPartitionAsync(plan, partition, threads, silo.SiloAddress.ToString(), CancellationToken.None));

    public Task<PartitionResult> ScoreAsync(RunPlan plan, int partition) => RunAsync(plan, "score", threads =>
        Payload(PassCodec.Encode(PartitionScoringSteps.Score(plan, partition, ConfigLoader.Load(plan.ConfigPath), threads))));

    public Task<PartitionResult> DeviationsAsync(RunPlan plan, int partition, double[] mean) => RunAsync(plan, "deviations", threads =>
        Payload(PassCodec.Encode(PartitionScoringSteps.Deviations(plan, partition, ConfigLoader.Load(plan.ConfigPath), mean, threads))));

    public Task<PartitionResult> AssignAsync(RunPlan plan, int partition, byte[] model) => RunAsync(plan, "assign", threads =>
    {
        var (scaling, centroids) = PassCodec.DecodeModel(model);
        return Payload(PassCodec.Encode(PartitionScoringSteps.Assign(plan, partition, ConfigLoader.Load(plan.ConfigPath), scaling,
            centroids, threads)));
    });

    public Task<PartitionResult> FinishAsync(RunPlan plan, int partition, byte[] global, string staging) =>
        RunAsync(plan, "finish", threads =>
    {
        var (steps, previous) = PassCodec.DecodeGlobal(global);
        return Payload(PassCodec.Encode(PartitionScoringSteps.Finish(plan, partition, ConfigLoader.Load(plan.ConfigPath), steps, staging,
            previous, threads)));
    });

    private Task<PartitionResult> Payload(byte[] payload) =>
        Task.FromResult(new PartitionResult { Payload = payload, Worker = silo.SiloAddress.ToString() });

    /// <summary>Runs a partition task off the grain's thread; a configuration or data failure is returned, not thrown.</summary>
    private async Task<PartitionResult> RunAsync(RunPlan plan, string pass, Func<int, Task<PartitionResult>> work)
    {
        await SplitGrain.Gate(silo).ConfigureAwait(true);
        if (ClusterTestHooks.BeforePass is { } hook) await hook(silo.SiloAddress, pass).ConfigureAwait(true);
        try
        {
            // The coordinator's --threads, else this worker's (default one: a worker runs several partitions side by side).
            int threads = plan.Threads > 0 ? plan.Threads : services.GetService<WorkerSettings>()?.Threads ?? 1;
            return await Task.Run(() => work(threads)).ConfigureAwait(true);
        }
        catch (AnalyticsException e)
        {
            return new PartitionResult
            {
                Failure = new TaskFailure
                {
                    Kind = e.GetType().Name, Message = e.Message,
                    Subject = e switch { InputException i => i.File, ConfigurationException c => c.Key, _ => null },
                },
            };
        }
    }
}
