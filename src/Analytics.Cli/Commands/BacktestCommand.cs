using System.CommandLine;
using Analytics.Pipeline.OverTime;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics backtest</c>: does the early warning come before defaults?</summary>
internal static class BacktestCommand
{
    public static Command Create(CommandContext context)
    {
        var runs = new Option<string[]>("--runs") { HelpName = "DIR", Description = "Output folders of a series of runs (any order; ordered by their as_of).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { HelpName = "DIR", Description = "Folder to write backtest.parquet and backtest.html into (created if missing).", Required = true };
        var horizon = new Option<int>("--horizon-months") { HelpName = "N", Description = "A flag counts as a hit when the customer enters default within this many months.", DefaultValueFactory = _ => 12 };
        var verbose = CommonOptions.Verbose();
        var command = new Command("backtest", """
            Back-test the early warning over a series of runs: per reason code and severity, customer-runs flagged, hit rate,
            capture rate, median lead time to default and the accuracy ratio of severity.
            Example: analytics backtest --runs out/2026-05 out/2026-06 out/2026-07 --output out/backtest
            """)
        {
            runs, output, horizon, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            var dirs = parse.GetValue(runs)!.Select(d => CommonOptions.ExistingDirectory(d, "--runs")).ToList();
            return await BacktestRunner.RunAsync(dirs, parse.GetValue(output)!, parse.GetValue(horizon), context.Output, ct).ConfigureAwait(false);
        });
        return command;
    }
}
