using System.CommandLine;
using System.Globalization;
using Analytics.Core.Errors;
using Analytics.Pipeline;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics score</c>: the nightly run.</summary>
internal static class ScoreCommand
{
    public static Command Create(CommandContext context)
    {
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var output = new Option<string>("--output")
        {
            HelpName = "DIR",
            Description = "Output path; after a successful run the tables are readable there (a symbolic link to the newest complete run).",
            Required = true
        };
        var format = new Option<string>("--format") { Description = "Output table format.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var previous = new Option<string?>("--previous")
        {
            HelpName = "DIR",
            Description = "Previous run's output folder, for tier migration (previous_tier, tier_change)."
        };
        var threads = new Option<int>("--threads")
        {
            HelpName = "N",
            Description = "Worker threads (default: all cores). Output is identical for any value.", DefaultValueFactory = _ => 0
        };
        var includeNames =
            new Option<bool>("--include-names")
            {
                Description =
            "Carry customer names (and other confidential columns) in the outputs that allow them; never in "
            + "customer_segments or rejects."
            };
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var parquetReader = CommonOptions.ParquetReader();

        var command = new Command("score", """
            Score one period: profitability, segments and pricing, early warnings; publish all outputs or none.
            Example: analytics score --input data-samples --config data-samples/config.yaml --output out/latest
            """)
        {
            input, config, output, format, previous, threads, includeNames, quiet, verbose, parquetReader,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            CommonOptions.ApplyParquetReader(parse.GetValue(parquetReader));
            bool isQuiet = parse.GetValue(quiet);
            if (isQuiet && context.Verbose)
            {
                throw new UsageException("--quiet and --verbose contradict each other; give one of them.");
            }
            int threadCount = parse.GetValue(threads);
            if (threadCount < 0)
            {
                throw new UsageException("--threads must be 0 (all cores) or a positive number.");
            }

            string? previousDir = parse.GetValue(previous);
            var options = new ScoreOptions
            {
                InputDirectory = CommonOptions.ExistingDirectory(parse.GetValue(input)!, "--input"),
                ConfigPath = CommonOptions.ExistingFile(parse.GetValue(config)!, "--config"),
                OutputDirectory = parse.GetValue(output)!,
                Format = parse.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Parquet,
                PreviousDirectory = previousDir is null ? null : CommonOptions.ExistingDirectory(previousDir, "--previous"),
                Threads = threadCount,
                IncludeNames = parse.GetValue(includeNames),
            };

            context.WritesTo = options.OutputDirectory;
            var summary = context.ErrorIsTerminal && !isQuiet
                ? await SpectreRunLog.RunAsync(context.Error, context.Verbose, log => ScoringPipeline.RunAsync(options, log, ct))
                    .ConfigureAwait(false)
                : await ScoringPipeline.RunAsync(options, new ConsoleRunLog(context.Error, isQuiet ? Verbosity.Quiet : context.Verbose
                    ? Verbosity.Verbose : Verbosity.Normal), ct).ConfigureAwait(false);
            if (!isQuiet)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Scored {summary.Customers:N0} customers ({summary.RejectedRows:N0} rows rejected); outputs published at "
                        + $"{summary.OutputPath} -> {summary.RunDirectory}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
