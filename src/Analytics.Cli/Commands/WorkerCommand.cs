using System.CommandLine;
using System.Net;
using Analytics.Cluster;
using Analytics.Core.Errors;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics worker</c>: one silo of the cluster that runs distributed scorings (docs/SCALE_OUT.md).</summary>
internal static class WorkerCommand
{
    public static Command Create(CommandContext context)
    {
        var membership = ClusterOptions.Membership();
        var port = new Option<int>("--port") { HelpName = "SILO_PORT", Description = "Port for silo-to-silo traffic.", Required = true };
        var gateway = new Option<int>("--gateway")
        {
            HelpName = "GATEWAY_PORT",
            Description = "Port on which the coordinator (cluster-score) connects.", Required = true
        };
        var advertise = new Option<string?>("--advertise")
        {
            HelpName = "ADDRESS",
            Description = "Address other machines reach this worker at (default: loopback, for one machine)."
        };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = "Run in a Kubernetes pod: name and address from POD_NAME, POD_NAMESPACE and POD_IP (downward API); dead pods "
                + "leave membership. Needs PostgreSQL membership; see deploy/kubernetes/.",
        };
        var threads = new Option<int>("--threads")
        {
            HelpName = "N",
            Description = "Threads per partition task (0: all cores; default 1, as a worker runs tasks side by side) unless "
                + "cluster-score sets them. Output is identical for any value.",
            DefaultValueFactory = _ => 1
        };
        var tlsCert = ClusterOptions.TlsCert();
        var tlsCa = ClusterOptions.TlsCa();
        var command = new Command("worker", """
            Run one worker (an Orleans silo) of the scoring cluster until stopped (Ctrl-C or SIGTERM).
            Example: analytics worker --membership localhost:11111 --port 11111 --gateway 11112
            In a Kubernetes pod: analytics worker --kubernetes --membership 'Host=db;…' --port 11111 --gateway 30000
            """)
        {
            membership, port, gateway, advertise, kubernetes, threads, tlsCert, tlsCa,
        };
        command.SetAction(async (parse, ct) =>
        {
            int siloPort = ClusterOptions.Port(parse.GetValue(port), "--port");
            int gatewayPort = ClusterOptions.Port(parse.GetValue(gateway), "--gateway");
            string? address = parse.GetValue(advertise);
            IPAddress? ip = null;
            if (address is not null && !IPAddress.TryParse(address, out ip))
            {
                throw new UsageException(
                    $"--advertise '{address}' is not an IP address; give the address other machines reach this worker at.");
            }

            bool inPod = parse.GetValue(kubernetes);
            if (inPod && address is not null)
            {
                throw new UsageException(
                    "--advertise and --kubernetes do not go together: in a pod the worker advertises the pod's address (POD_IP).");
            }

            var connection = ClusterOptions.Connection(parse, membership, tlsCert, tlsCa) with { Kubernetes = inPod };
            int threadCount = parse.GetValue(threads);
            if (threadCount < 0)
            {
                throw new UsageException("--threads must be 0 (all cores) or a positive number.");
            }

            await ClusterProcesses.RunWorkerAsync(connection, siloPort, gatewayPort, ip, context.Error, ct,
                new WorkerSettings { Threads = threadCount }).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
