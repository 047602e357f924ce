using System.CommandLine;
using System.Globalization;
using Analytics.Cluster;
using Analytics.Core.Errors;
using Analytics.Pipeline;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics cluster-score</c>: the nightly run on a cluster of workers; same tables as <c>score</c>.</summary>
internal static class ClusterScoreCommand
{
    public static Command Create(CommandContext context)
    {
        var membership = ClusterOptions.Membership();
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var output = new Option<string>("--output") { HelpName = "DIR", Description = "Output path, as for score.", Required = true };
        var partitions = new Option<int>("--partitions")
        {
            HelpName = "P",
            Description = "Customer partitions (default: twice the workers alive, at least 4). The tables do not depend on it.",
            DefaultValueFactory = _ => 0
        };
        var threads = new Option<int>("--threads")
        {
            HelpName = "N",
            Description = "Threads per partition task on every worker (default 0: each worker's own --threads). Output is identical "
                + "for any value.",
            DefaultValueFactory = _ => 0
        };
        var gateway = new Option<int[]>("--gateway")
        {
            HelpName = "PORT",
            Description = "Gateway port(s) of workers, for development clustering (default: the primary's silo port + 1).",
            AllowMultipleArgumentsPerToken = true
        };
        var previous = new Option<string?>("--previous")
        {
            HelpName = "DIR",
            Description = "Previous run's output folder, for tier migration and the profit bridge, as for score."
        };
        var format = new Option<string>("--format") { Description = "Output table format.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var includeNames =
            new Option<bool>("--include-names")
            {
                Description =
            "Carry customer names (and other confidential columns); without it they are never read, so never cross the network."
            };
        var tlsCert = ClusterOptions.TlsCert();
        var tlsCa = ClusterOptions.TlsCa();
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var command = new Command("cluster-score", """
            Score one period on a cluster of 'analytics worker' processes; publishes the same tables as score, all or none.
            Example: analytics cluster-score --membership localhost:11111 --input data --config data/_config.yaml --output out/latest
            """)
        {
            membership, input, config, output, partitions, threads, gateway, previous, format, includeNames, tlsCert, tlsCa, quiet,
            verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            bool isQuiet = parse.GetValue(quiet);
            if (isQuiet && context.Verbose)
            {
                throw new UsageException("--quiet and --verbose contradict each other; give one of them.");
            }

            int partitionCount = parse.GetValue(partitions);
            if (partitionCount < 0)
            {
                throw new UsageException("--partitions must be 0 (automatic) or a positive number.");
            }

            int threadCount = parse.GetValue(threads);
            if (threadCount < 0)
            {
                throw new UsageException("--threads must be 0 (each worker's own --threads) or a positive number.");
            }

            string? previousDir = parse.GetValue(previous);
            var connection = ClusterOptions.Connection(parse, membership, tlsCert, tlsCa);
            int[] gateways = parse.GetValue(gateway) ?? [];
            foreach (int g in gateways) ClusterOptions.Port(g, "--gateway");
            if (gateways.Length == 0 && connection.DevelopmentPrimaryPort is int primary)
            {
                gateways = [primary + 1];
            }

            var options = new ScoreOptions
            {
                InputDirectory = CommonOptions.ExistingDirectory(parse.GetValue(input)!, "--input"),
                ConfigPath = CommonOptions.ExistingFile(parse.GetValue(config)!, "--config"),
                OutputDirectory = parse.GetValue(output)!,
                Format = parse.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Parquet,
                IncludeNames = parse.GetValue(includeNames),
                PreviousDirectory = previousDir is null ? null : CommonOptions.ExistingDirectory(previousDir, "--previous"),
            };
            var log = new ConsoleRunLog(context.Error, isQuiet ? Verbosity.Quiet : context.Verbose ? Verbosity.Verbose : Verbosity.Normal);
            var summary = await ClusterProcesses.RunCoordinatorAsync(connection, gateways, options,
                new CoordinatorOptions { Partitions = partitionCount, Threads = threadCount }, log, ct).ConfigureAwait(false);
            if (!isQuiet)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Scored {summary.Customers:N0} customers on the cluster ({summary.RejectedRows:N0} rows rejected); outputs "
                        + $"published at {summary.OutputPath} -> {summary.RunDirectory}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
