using Analytics.Core.Errors;
using Analytics.IO.Generation;
using Analytics.IO.Reading;

namespace Analytics.Pipeline;

/// <summary>Options of <c>analytics generate</c>.</summary>
public sealed record GenerateOptions
{
    /// <summary>Number of customers (at least 1).</summary>
    public required int Customers { get; init; }

    /// <summary>Random seed; the same seed gives byte-identical files.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>New or empty folder the tables and <c>_config.yaml</c> are written into.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Date the data is as of; the period is its calendar month up to that day. Null for 2026-10-31 and October 2026.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>File format of the generated tables.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Parquet;

    /// <summary>Write into a folder that already holds files, replacing those of the same names.</summary>
    public bool Force { get; init; }

    /// <summary>Plant a few rows of every reject kind.</summary>
    public bool Defects { get; init; }

    /// <summary>Months of an evolving book to write as a series <c>DIR/YYYY-MM/</c>; null for one data set.</summary>
    public int? Months { get; init; }
}

/// <summary>What <see cref="DataGeneration.GenerateAsync"/> wrote: one data set, or a monthly series.</summary>
public sealed record GeneratedData
{
    /// <summary>File name of the config written beside the tables.</summary>
    public string ConfigFileName { get; init; } = GeneratedConfig.FileName;

    /// <summary>The as_of date of the (last) data set.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Customers generated.</summary>
    public long Customers { get; init; }

    /// <summary>Accounts generated (single data set).</summary>
    public long Accounts { get; init; }

    /// <summary>Fee rows generated (single data set).</summary>
    public long Fees { get; init; }

    /// <summary>Cross-sale rows generated (single data set).</summary>
    public long CrossSales { get; init; }

    /// <summary>Financial statements generated (single data set).</summary>
    public long Financials { get; init; }

    /// <summary>Files written (single data set).</summary>
    public int Files { get; init; }

    /// <summary>Months of the series, <c>yyyy-MM</c>, oldest first; empty for a single data set.</summary>
    public IReadOnlyList<string> Months { get; init; } = [];

    /// <summary>Planted defaults of the series.</summary>
    public int PlantedDefaults { get; init; }

    /// <summary>Planted false alarms of the series (deteriorations that recover).</summary>
    public int FalseAlarms { get; init; }

    /// <summary>The series' record of its planted stories (<c>_series.json</c>); null for a single data set.</summary>
    public string? SeriesSummaryPath { get; init; }
}

/// <summary>
/// <c>analytics generate</c> through the pipeline: turns the command's options into the synthetic generator's and
/// runs it, so the command line orchestrates nothing itself.
/// </summary>
public static class DataGeneration
{
    /// <summary>Writes the synthetic data set (or monthly series) that <paramref name="options"/> describe.</summary>
    /// <exception cref="UsageException">The options do not go together or the folder is not writable as asked.</exception>
    public static async Task<GeneratedData> GenerateAsync(GenerateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new GeneratorOptions { Customers = 1, OutputDirectory = "." };
        DateOnly asOf = options.AsOf ?? defaults.AsOf;
        var generator = new GeneratorOptions
        {
            AsOf = asOf,
            Period = options.AsOf is null ? defaults.Period : GeneratedConfig.MonthTo(asOf),
            Overwrite = options.Force,
            Customers = options.Customers,
            Seed = options.Seed,
            OutputDirectory = options.OutputDirectory,
            Format = options.Format == OutputFormat.Csv ? TableFileFormat.Csv : TableFileFormat.Parquet,
            InjectDefects = options.Defects,
        };
        if (options.Months is { } monthCount)
        {
            if (options.Defects)
            {
                throw new UsageException("--defects and --months do not go together; generate the series without --defects.");
            }

            // The series ends at the month of as_of (its month end), default October 2026.
            var lastMonthEnd = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1).AddDays(-1);
            var series = SeriesGenerator.Generate(generator.Customers, monthCount, generator.Seed, lastMonthEnd,
                generator.OutputDirectory, generator.Format, generator.Overwrite);
            int plantedDefaults = 0;
            foreach (var story in series.Planted)
            {
                plantedDefaults += story.Kind == "default" ? 1 : 0;
            }

            return new GeneratedData
            {
                AsOf = lastMonthEnd, Customers = series.Customers, Months = series.Months, PlantedDefaults = plantedDefaults,
                FalseAlarms = series.Planted.Count - plantedDefaults, SeriesSummaryPath = series.SummaryPath,
            };
        }

        var summary = await SyntheticDataGenerator.GenerateAsync(generator, progress: null, cancellationToken).ConfigureAwait(false);
        return new GeneratedData
        {
            AsOf = asOf, Customers = summary.Customers, Accounts = summary.Accounts, Fees = summary.Fees,
            CrossSales = summary.CrossSales, Financials = summary.Financials, Files = summary.Files.Count,
        };
    }
}
