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

    /// <summary>Validates the partition's rows and writes its data for the coordinator.</summary>
    Task<PartitionResult> LoadAsync(RunPlan plan, int partition);
}

/// <summary>
/// Hooks for tests only: awaited at the start of every split and partition task with the worker's silo address, so
/// a test can hold a task on a chosen worker until it has killed that worker.
/// </summary>
public static class ClusterTestHooks
{
    /// <summary>Awaited before each task; null in production.</summary>
    public static Func<SiloAddress, Task>? BeforeTask { get; set; }
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

    public async Task<PartitionResult> LoadAsync(RunPlan plan, int partition)
    {
        await SplitGrain.Gate(silo).ConfigureAwait(true);
        try
        {
            // The coordinator's --threads, else this worker's (default one: a worker runs several partitions side by side).
            int threads = plan.Threads > 0 ? plan.Threads : services.GetService<WorkerSettings>()?.Threads ?? 1;
            return await Task.Run(() => Steps.LoadPartitionAsync(plan, partition, threads, silo.SiloAddress.ToString(),
                CancellationToken.None)).ConfigureAwait(true);
        }
        catch (ConfigurationException e)
        {
            return new PartitionResult
            {
                Failure = new TaskFailure
                {
                    Kind = nameof(ConfigurationException), Message = e.Message,
                    Subject = e.Key
                }
            };
        }
    }
}
