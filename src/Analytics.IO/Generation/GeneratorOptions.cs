using Analytics.Core.Configuration;
using Analytics.IO.Reading;

namespace Analytics.IO.Generation;

/// <summary>
/// What <see cref="SyntheticDataGenerator"/> writes (docs/METHODOLOGY.md §8 <c>analytics generate</c>). Defaults match the methodology's
/// example run: as of 2026-10-31, period 2026-10-01..2026-10-31, reporting currency CNY (with USD and EUR accounts).
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Number of customers (<c>--customers</c>), at least 1.</summary>
    public required int Customers { get; init; }

    /// <summary>Seed (<c>--seed</c>); the same seed and options give byte-identical files.</summary>
    public int Seed { get; init; }

    /// <summary>Folder the tables are written to (<c>--output</c>); created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>File format (<c>--format</c>), Parquet by default.</summary>
    public TableFileFormat Format { get; init; } = TableFileFormat.Parquet;

    /// <summary>The date the data is as of: maturities, statements and past-due days are placed around it.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 10, 31);

    /// <summary>The period the balances and fees belong to; about 5 % of fees are booked outside it.</summary>
    public ReportingPeriod Period { get; init; } = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

    /// <summary>Mean fee rows per customer (default 50, so 1,000,000 customers give about 50,000,000 fee rows).</summary>
    public double FeesPerCustomer { get; init; } = 50;

    /// <summary>Most rows in one Parquet row group (default 1,000,000); also the generator's buffer size, so it bounds memory.</summary>
    public int RowGroupSize { get; init; } = 1_000_000;

    /// <summary>
    /// Most fee rows in one file (default 10,000,000). When the fee table is larger it is written as a folder
    /// <c>fees/</c> of part files <c>part-00000</c>, <c>part-00001</c>, …; otherwise as a single <c>fees</c> file.
    /// </summary>
    public long FeeRowsPerFile { get; init; } = 10_000_000;

    /// <summary>
    /// Plants a few bad rows of every reject kind of docs/METHODOLOGY.md §1 (listed in <see cref="GenerationSummary.PlantedDefects"/>),
    /// for samples and tests. Needs at least 10 customers; about 500 customers keep every table's reject rate under 1 %.
    /// </summary>
    public bool InjectDefects { get; init; }

    /// <summary>
    /// Writes into an output folder that already holds something (<c>--force</c>): files of the names generated are
    /// replaced, anything else is left alone. Without it a folder that holds anything is refused, so a generation
    /// never destroys data.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>Writes <see cref="GeneratedConfig.FileName"/> beside the tables (default true), matching <see cref="AsOf"/> and <see cref="Period"/>.</summary>
    public bool WriteConfig { get; init; } = true;

    /// <summary>Writes the <c>customer_name</c> column with obviously synthetic names such as <c>Customer 0000123 Ltd</c> (default true).</summary>
    public bool IncludeNames { get; init; } = true;
}
