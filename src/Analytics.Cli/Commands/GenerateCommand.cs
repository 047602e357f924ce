using System.CommandLine;
using System.Globalization;
using Analytics.IO.Generation;
using Analytics.IO.Reading;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics generate</c>: synthetic, spec-conformant data that streams to disk.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommandContext context)
    {
        var customers = new Option<int>("--customers")
        {
            Description = "Number of customers to generate.", Required = true,
            HelpName = "N"
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed; the same seed gives byte-identical files.",
            DefaultValueFactory = _ => 1, HelpName = "S"
        };
        var output = new Option<string>("--output")
        {
            Description = "Folder to write the five tables into (created if missing).",
            Required = true, HelpName = "DIR"
        };
        var format = new Option<string>("--format") { Description = "File format of the tables.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var defects = new Option<bool>("--defects")
        {
            Description =
            "Plant a few rows of every reject kind (well under 1 % of each table; needs at least 10 customers)."
        };
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var command = new Command("generate", """
            Generate synthetic data for every input table: lognormal balances, PD by rating, several statements per borrower,
            about 50 fee rows per customer (fees split into part files above 10 million rows).
            Example: analytics generate --customers 200000 --seed 7 --output /tmp/book
            """)
        {
            customers, seed, output, format, defects, quiet, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            var options = new GeneratorOptions
            {
                Customers = parse.GetValue(customers),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                Format = parse.GetValue(format) == "csv" ? TableFileFormat.Csv : TableFileFormat.Parquet,
                InjectDefects = parse.GetValue(defects),
            };
            var summary = await SyntheticDataGenerator.GenerateAsync(options, progress: null, ct).ConfigureAwait(false);
            if (!parse.GetValue(quiet))
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Generated {summary.Customers:N0} customers, {summary.Accounts:N0} accounts, {summary.Fees:N0} fees, "
                        + $"{summary.CrossSales:N0} cross-sales, {summary.Financials:N0} statements in {summary.Files.Count} files under "
                        + $"{options.OutputDirectory}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
