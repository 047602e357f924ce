using System.CommandLine;
using Analytics.Pipeline;
using Analytics.Pipeline.OverTime;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics bridge</c>: why each customer's EVA moved between two published runs.</summary>
internal static class BridgeCommand
{
    public static Command Create(CommandContext context)
    {
        var current = new Option<string>("--current")
        {
            HelpName = "RUN", Description = "Output folder of the later run.",
            Required = true
        };
        var previous = new Option<string>("--previous")
        {
            HelpName = "RUN",
            Description = "Output folder of the earlier run (Parquet or CSV; older runs without account_profitability work too).",
            Required = true
        };
        var output = new Option<string>("--output")
        {
            HelpName = "DIR",
            Description = "Folder to write profit_bridge into (created if missing).", Required = true
        };
        var format = new Option<string>("--format") { Description = "Output table format.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var verbose = CommonOptions.Verbose();
        var command = new Command("bridge", """
            Profit bridge between two runs: per customer, the EVA change split into volume, margin, new_or_lost, fees, cross_sell,
            cost, risk, capital and period_and_tax, which add up to it exactly; prints the portfolio totals.
            Example: analytics bridge --current out/2026-11 --previous out/2026-10 --output out/bridge
            """)
        {
            current, previous, output, format, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            return await BridgeRunner.RunAsync(
                CommonOptions.ExistingDirectory(parse.GetValue(current)!, "--current"),
                CommonOptions.ExistingDirectory(parse.GetValue(previous)!, "--previous"),
                parse.GetValue(output)!,
                parse.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Parquet,
                context.Output,
                ct).ConfigureAwait(false);
        });
        return command;
    }
}
