using System.Net;
using Analytics.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Cluster;

/// <summary>The two processes of a distributed run: <c>analytics worker</c> (a silo) and <c>analytics cluster-score</c> (a
/// client).</summary>
public static class ClusterProcesses
{
    /// <summary>
    /// Runs a worker silo until <paramref name="cancellationToken"/> fires (Ctrl-C, SIGTERM). Orleans' own log goes to
    /// stderr at warning level and above; it carries silo addresses and grain names, never data.
    /// </summary>
    public static async Task RunWorkerAsync(ClusterConnection connection, int siloPort, int gatewayPort, IPAddress? advertise,
        TextWriter status, CancellationToken cancellationToken, WorkerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(status);
        connection.Validate();
        connection.ValidatePodEnvironment(Environment.GetEnvironmentVariable);
        // Tasks are CPU-bound and run on the thread pool beside Orleans' own work (liveness probes among it). On a busy
        // machine the pool's slow thread injection could delay a probe's answer until the worker is declared dead; a few
        // spare threads keep it answering.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 8), io);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Start-up notes (server GC advice) and the watchdog's CPU-starvation notes on a busy machine are not the operator's concern.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.MembershipService", LogLevel.Error);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(settings ?? new WorkerSettings());
        builder.UseOrleans(silo => connection.ConfigureSilo(silo, siloPort, gatewayPort, advertise));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await status.WriteLineAsync(
            FormattableString.Invariant($"Worker up: silo port {siloPort}, gateway port {gatewayPort}, {Describe(connection)}."))
            .ConfigureAwait(false);
        // Returns on SIGTERM or Ctrl-C (the host's console lifetime takes those signals) or when the caller cancels;
        // then the worker leaves the cluster cleanly, so the others need not wait to declare it dead.
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects to the cluster as a client and runs one scoring through <see cref="Coordinator"/>. With development
    /// clustering the client reaches the cluster through <paramref name="gateways"/>.
    /// </summary>
    public static async Task<ScoreSummary> RunCoordinatorAsync(
        ClusterConnection connection, IReadOnlyList<int> gateways, ScoreOptions score, CoordinatorOptions options, IRunLog log,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Validate();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        // Failing to join is reported as one sentence below; Orleans' own account of it is a stack trace.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.UseOrleansClient(client => connection.ConfigureClient(client, gateways));
        // Ctrl-C and SIGTERM cancel the run through the command line's token, which abandons the staging folder;
        // the host's console lifetime would instead stop the client under the running coordinator.
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        using var host = builder.Build();
        using var join = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        join.CancelAfter(JoinTimeout);
        try
        {
            await host.StartAsync(join.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(
                $"Could not join the cluster ({Describe(connection)}): {e.GetType().Name}; start the workers first, check --membership "
                + $"(and --tls-cert/--tls-ca), then rerun.", e);
        }

        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            return await new Coordinator(client, log, options).RunAsync(score, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The run's outcome stands; a slow disconnect changes nothing.
            }
        }
    }

    /// <summary>How long the coordinator tries to join the cluster before giving up (a refused certificate, no gateway).</summary>
    public static TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A host lifetime that leaves signals to the command line.</summary>
    private sealed class CommandLineLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The membership as logs may show it: never the connection string (it holds a password).</summary>
    public static string Describe(ClusterConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string membership = connection.DevelopmentPrimaryPort is int port
            ? FormattableString.Invariant($"development clustering, primary silo port {port}")
            : "PostgreSQL membership";
        return membership + (connection.Kubernetes ? ", Kubernetes hosting" : "")
            + (connection.TlsCertificate is null ? ", no TLS" : ", mutual TLS");
    }
}
