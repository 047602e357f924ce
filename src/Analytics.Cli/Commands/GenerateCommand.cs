using System.CommandLine;
using System.Globalization;
using Analytics.Core.Errors;
using Analytics.Pipeline;

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
            Description =
            "New or empty folder to write the five tables and _config.yaml into (created if missing).", Required = true, HelpName = "DIR"
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description =
            "Date the data is as of (yyyy-MM-dd, default 2026-10-31); the period is its calendar month up to that day.",
            HelpName = "DATE"
        };
        var force = new Option<bool>("--force")
        {
            Description =
            "Write into a folder that already holds files, replacing those of the same names."
        };
        var format = new Option<string>("--format") { Description = "File format of the tables.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var defects = new Option<bool>("--defects")
        {
            Description =
            "Plant a few rows of every reject kind (well under 1 % of each table; needs at least 10 customers)."
        };
        var months = new Option<int?>("--months")
        {
            Description =
            "Write a monthly series DIR/YYYY-MM/ of N months ending at --as-of's month: one evolving book with planted deteriorations "
            + "ahead of defaults, recorded in DIR/_series.json.", HelpName = "N"
        };
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var command = new Command("generate", """
            Generate synthetic data for every input table: lognormal balances, PD by rating, several statements per borrower,
            about 50 fee rows per customer (fees split into part files above 10 million rows), and _config.yaml beside them
            with the matching as_of, period and pricing grid. Refuses a folder that holds anything unless --force.
            Example: analytics generate --customers 200000 --seed 7 --output /tmp/book
                     analytics score --input /tmp/book --config /tmp/book/_config.yaml --output /tmp/book-out
            """)
        {
            customers, seed, output, asOf, format, force, defects, months, quiet, verbose,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            var options = new GenerateOptions
            {
                Customers = parse.GetValue(customers),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                AsOf = parse.GetValue(asOf) is { } text ? ParseDate(text) : null,
                Format = parse.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Parquet,
                Force = parse.GetValue(force),
                Defects = parse.GetValue(defects),
                Months = parse.GetValue(months),
            };
            context.WritesTo = options.OutputDirectory;
            context.WritesInPlace = true;
            var generated = await DataGeneration.GenerateAsync(options, ct).ConfigureAwait(false);
            if (!parse.GetValue(quiet))
            {
                await context.Output.WriteLineAsync(Describe(generated, options.OutputDirectory)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static string Describe(GeneratedData g, string directory) => g.SeriesSummaryPath is { } seriesPath
        ? string.Create(CultureInfo.InvariantCulture,
            $"Generated {g.Months.Count} months ({g.Months[0]} to {g.Months[^1]}) of {g.Customers:N0} customers under {directory}, "
                + $"each month with its {g.ConfigFileName}; {g.PlantedDefaults} planted defaults and {g.FalseAlarms} false alarms "
                + $"recorded in {seriesPath}")
        : string.Create(CultureInfo.InvariantCulture,
            $"Generated {g.Customers:N0} customers, {g.Accounts:N0} accounts, {g.Fees:N0} fees, {g.CrossSales:N0} cross-sales, "
                + $"{g.Financials:N0} statements in {g.Files} files under {directory}, with {g.ConfigFileName} "
                + $"(as_of {g.AsOf:yyyy-MM-dd})");

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw new UsageException($"--as-of must be a date in yyyy-MM-dd form, such as 2026-10-31, not '{text}'.");
}
