using System.CommandLine;
using Analytics.Pipeline;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics explain CUSTOMER_ID</c>: one customer's whole story, with the scoring run's numbers.</summary>
internal static class ExplainCommand
{
    public static Command Create(CommandContext context)
    {
        var customer = new Argument<string>("CUSTOMER_ID") { Description = "The customer_id to explain." };
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var previous = new Option<string?>("--previous") { HelpName = "RUN", Description = "An earlier run's output folder: also show why the customer's EVA moved since then (profit bridge)." };
        var verbose = CommonOptions.Verbose();
        var command = new Command("explain", """
            Explain one customer: accounts with FTP, NII, EAD, EL and capital; fees by type; costs; the path to EVA and RAROC;
            tier, band, cluster, pricing and floors; every warning with its value and threshold. Figures equal the score run's.
            Example: analytics explain C0000042 --input data-samples --config data-samples/config.yaml
            """)
        {
            customer, input, config, previous, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            string? previousDir = parse.GetValue(previous);
            return await CustomerExplainer.RunAsync(
                parse.GetValue(customer)!,
                CommonOptions.ExistingDirectory(parse.GetValue(input)!, "--input"),
                CommonOptions.ExistingFile(parse.GetValue(config)!, "--config"),
                context.Output,
                previousDir is null ? null : CommonOptions.ExistingDirectory(previousDir, "--previous"),
                ct).ConfigureAwait(false);
        });
        return command;
    }
}
