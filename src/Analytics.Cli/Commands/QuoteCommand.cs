using System.CommandLine;
using Analytics.IO.Configuration;
using Analytics.Pipeline;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics quote CUSTOMER_ID</c>: the pricing desk's deal quote (docs/METHODOLOGY.md §4.6, §8).</summary>
internal static class QuoteCommand
{
    public static Command Create(CommandContext context)
    {
        var customer = new Argument<string>("CUSTOMER_ID") { Description = "The customer_id the loan is for." };
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var amount = new Option<double>("--amount")
        {
            HelpName = "A", Description = "Loan amount in the reporting currency, e.g. 5000000.",
            Required = true
        };
        var term = new Option<double>("--term-years")
        {
            HelpName = "T", Description = "Loan term in years, e.g. 1 or 0.5.",
            Required = true
        };
        var rate = new Option<double?>("--rate")
        {
            HelpName = "R",
            Description = "Offered annual rate as a fraction (0.045 = 4.5 %): adds revenue, costs, capital, EVA and RAROC at that rate."
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the explanation." };
        var verbose = CommonOptions.Verbose();
        var command = new Command("quote", """
            Quote a proposed loan to one customer: the rate it must pay (loan rate floor, relationship floor, the rate for
            RAROC = hurdle) and, with --rate, what it earns at the rate offered. A customer in default gets no quote (exit 1).
            Example: analytics quote C0000042 --input data-samples --config data-samples/config.yaml \
              --amount 5000000 --term-years 2 --rate 0.045
            """)
        {
            customer, input, config, amount, term, rate, json, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            string configPath = CommonOptions.ExistingFile(parse.GetValue(config)!, "--config");
            var quote = await DealQuoter.QuoteAsync(
                parse.GetValue(customer)!,
                CommonOptions.ExistingDirectory(parse.GetValue(input)!, "--input"),
                configPath,
                parse.GetValue(amount),
                parse.GetValue(term),
                parse.GetValue(rate),
                ct).ConfigureAwait(false);
            if (quote.InDefault)
            {
                await context.Error.WriteLineAsync(quote.Refusal).ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(DealQuoter.ToJson(quote)).ConfigureAwait(false);
            }
            else
            {
                DealQuoter.Write(context.Output, quote, ConfigLoader.Load(configPath));
            }

            return 0;
        });
        return command;
    }
}
