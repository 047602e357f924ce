using System.CommandLine;
using System.Globalization;
using Analytics.IO.Generation;
using Analytics.IO.Reading;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics generate</c>: a synthetic, deterministic portfolio for demos, tests and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommandContext context)
    {
        var customers = new Option<int>("--customers") { Description = "Number of customers (about 50 fee rows each).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed and options give byte-identical files.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output") { Description = "Folder to write the five tables to (created when missing).", Required = true };
        var format = new Option<string>("--format") { Description = "File format.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var defects = new Option<bool>("--defects") { Description = "Plant a few rows of every reject kind (needs at least 10 customers)." };
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();

        var command = new Command("generate", """
            Write a synthetic portfolio (customers, accounts, fees, cross_sales, financials) for the SPEC's example period.
            Example: analytics generate --customers 10000 --seed 42 --output data-generated
            """)
        {
            customers, seed, output, format, defects, quiet, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            var summary = await SyntheticDataGenerator.GenerateAsync(
                new GeneratorOptions
                {
                    Customers = parse.GetValue(customers),
                    Seed = parse.GetValue(seed),
                    OutputDirectory = parse.GetValue(output)!,
                    Format = parse.GetValue(format) == "csv" ? TableFileFormat.Csv : TableFileFormat.Parquet,
                    InjectDefects = parse.GetValue(defects),
                },
                progress: null,
                ct).ConfigureAwait(false);
            if (!parse.GetValue(quiet))
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Generated {summary.Customers:N0} customers, {summary.Accounts:N0} accounts, {summary.Fees:N0} fees, {summary.CrossSales:N0} cross-sales, {summary.Financials:N0} statements ({summary.PlantedDefects.Count:N0} planted defects) in {Path.GetFullPath(parse.GetValue(output)!)}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
