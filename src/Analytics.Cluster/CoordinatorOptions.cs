namespace Analytics.Cluster;

/// <summary>How the coordinator drives the cluster.</summary>
public sealed record CoordinatorOptions
{
    /// <summary>Customer partitions; 0 = twice the workers alive at the start (at least 4). The tables do not depend on it.</summary>
    public int Partitions { get; init; }

    /// <summary>Threads per partition task on every worker; 0 = each worker's own setting (<see cref="WorkerSettings"/>). The
    /// tables do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Attempts per task before the run fails.</summary>
    public int Attempts { get; init; } = 6;

    /// <summary>How long one attempt may take before it is abandoned and retried elsewhere.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Wait before the first retry; doubled for each further one, up to 16 times this.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>A worker's own settings (<c>analytics worker</c>), registered in its silo.</summary>
public sealed record WorkerSettings
{
    /// <summary>Threads per partition task when the coordinator does not set them; 0 = all cores. A worker runs about two
    /// tasks at a time, so 1 (the default) keeps one core per task on a small machine.</summary>
    public int Threads { get; init; } = 1;
}
