using System.Globalization;
using Analytics.Core.Errors;
using Analytics.IO.Generation.Internal;
using Analytics.IO.Reading;

namespace Analytics.IO.Generation;

/// <summary>
/// Writes a synthetic, deterministic data set of the five input tables (docs/METHODOLOGY.md §1) for <c>analytics generate</c>
/// (docs/METHODOLOGY.md §8).
/// Tables are written one after another in blocks of <see cref="GeneratorOptions.RowGroupSize"/> rows, so memory
/// stays bounded (about 40 bytes per customer plus one block) whatever the number of fee rows.
/// </summary>
public static class SyntheticDataGenerator
{
    private static readonly string[] TableNames =
    [
        GeneratedTables.CustomersName, GeneratedTables.AccountsName, GeneratedTables.FeesName,
        GeneratedTables.CrossSalesName, GeneratedTables.FinancialsName,
    ];

    /// <summary>
    /// Generates the data set described by <paramref name="options"/>, and <see cref="GeneratedConfig.FileName"/> beside
    /// it. The same options give byte-identical files. An output folder that holds anything is refused unless
    /// <see cref="GeneratorOptions.Overwrite"/> is set; then files of the same name are overwritten, and a file or
    /// folder that would make a table ambiguous (the other format, or <c>fees/</c> beside <c>fees.parquet</c>) is
    /// still an error.
    /// </summary>
    /// <exception cref="UsageException">An option is out of range, or the output folder holds a conflicting entry.</exception>
    public static async Task<GenerationSummary> GenerateAsync(
        GeneratorOptions options, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var profiles = CustomerProfiles.Build(options.Customers, options.Seed, options.FeesPerCustomer);
        var plan = options.InjectDefects ? DefectPlan.Choose(profiles, options.Seed) : null;
        profiles.ApplyAndCount(plan);

        PrepareOutputDirectory(options, profiles.TotalFees > options.FeeRowsPerFile);
        var context = new GenerationContext(options, profiles, plan, progress);

        long customers = await new CustomerRowsGenerator(context).WriteAsync(cancellationToken).ConfigureAwait(false);
        long accounts = await new AccountRowsGenerator(context).WriteAsync(cancellationToken).ConfigureAwait(false);
        long fees = await new FeeRowsGenerator(context).WriteAsync(cancellationToken).ConfigureAwait(false);
        long crossSales = await new CrossSaleRowsGenerator(context).WriteAsync(cancellationToken).ConfigureAwait(false);
        long financials = await new FinancialRowsGenerator(context).WriteAsync(cancellationToken).ConfigureAwait(false);

        string? config = options.WriteConfig ? GeneratedConfig.Write(options.OutputDirectory, options.AsOf, options.Period) : null;
        return new GenerationSummary(customers, accounts, fees, crossSales, financials, context.Log.Files.ToArray(), context.Log.Defects.ToArray())
        {
            ConfigPath = config,
        };
    }

    /// <summary>Synchronous form of <see cref="GenerateAsync"/>, for callers without an async context.</summary>
    /// <exception cref="UsageException">An option is out of range, or the output folder holds a conflicting entry.</exception>
    public static GenerationSummary Generate(GeneratorOptions options, IProgress<GenerationProgress>? progress = null)
        => Task.Run(() => GenerateAsync(options, progress)).GetAwaiter().GetResult();

    private static void Validate(GeneratorOptions o)
    {
        if (o.Customers < 1)
        {
            throw new UsageException(Invariant($"The number of customers (--customers) must be at least 1, not {o.Customers}."));
        }

        if (o.InjectDefects && o.Customers < DefectPlan.MinimumCustomers)
        {
            throw new UsageException(Invariant($"Planting defects needs at least {DefectPlan.MinimumCustomers} customers (--customers), not {o.Customers}."));
        }

        if (string.IsNullOrWhiteSpace(o.OutputDirectory))
        {
            throw new UsageException("The output folder (--output) must be given.");
        }

        if (o.Format is not (TableFileFormat.Parquet or TableFileFormat.Csv))
        {
            throw new UsageException("The format (--format) must be parquet or csv.");
        }

        if (o.Period.End < o.Period.Start)
        {
            throw new UsageException(Invariant($"The period end {o.Period.End:yyyy-MM-dd} is before its start {o.Period.Start:yyyy-MM-dd}."));
        }

        if (!(o.FeesPerCustomer >= 0 && o.FeesPerCustomer <= 100_000))
        {
            throw new UsageException(Invariant($"Fees per customer must be between 0 and 100000, not {o.FeesPerCustomer}."));
        }

        if (o.RowGroupSize < GenerationLimits.MinRowGroupSize)
        {
            throw new UsageException(Invariant($"The row group size must be at least {GenerationLimits.MinRowGroupSize}, not {o.RowGroupSize}."));
        }

        if (o.FeeRowsPerFile < 1)
        {
            throw new UsageException(Invariant($"Fee rows per file must be at least 1, not {o.FeeRowsPerFile}."));
        }
    }

    /// <summary>Creates the folder and refuses entries that would make a table ambiguous (docs/METHODOLOGY.md §1) next to what is
    /// written.</summary>
    private static void PrepareOutputDirectory(GeneratorOptions o, bool feesPartitioned)
    {
        string root = o.OutputDirectory;
        if (File.Exists(root))
        {
            throw new UsageException($"The output path {root} is a file, not a folder.");
        }

        if (!o.Overwrite && Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).FirstOrDefault() is { } first)
        {
            // Replacing a folder of real or long-generated data silently is the one mistake generate must not make.
            throw new UsageException(
                $"The output folder {root} is not empty (it holds {Path.GetFileName(first)}); generate never replaces data, so choose a new or empty folder, or add --force to overwrite the generated files in it.");
        }

        Directory.CreateDirectory(root);
        string extension = o.Format == TableFileFormat.Parquet ? ".parquet" : ".csv";
        string otherExtension = o.Format == TableFileFormat.Parquet ? ".csv" : ".parquet";
        var stalePartFiles = new List<string>();
        foreach (var table in TableNames)
        {
            bool partitioned = feesPartitioned && table == GeneratedTables.FeesName;
            string folder = Path.Combine(root, table);
            foreach (var conflict in partitioned ? (string[])[table + extension, table + otherExtension] : [table + otherExtension])
            {
                if (File.Exists(Path.Combine(root, conflict)))
                {
                    throw Conflict(root, conflict, table);
                }
            }

            if (!Directory.Exists(folder))
            {
                continue;
            }

            if (!partitioned)
            {
                throw Conflict(root, table + "/", table);
            }

            // Part files from an earlier generation are replaced; any other data file would be mixed into the table.
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                string name = Path.GetFileName(file);
                if (name.StartsWith('_') || name.StartsWith('.'))
                {
                    continue;
                }

                bool dataFile = name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                if (dataFile && !name.StartsWith("part-", StringComparison.Ordinal))
                {
                    throw Conflict(root, table + "/" + name, table);
                }

                if (dataFile)
                {
                    stalePartFiles.Add(file);
                }
            }
        }

        foreach (var file in stalePartFiles)
        {
            File.Delete(file);
        }
    }

    private static UsageException Conflict(string root, string entry, string table) =>
        new($"The output folder {root} already holds {entry}, which would make the table {table} ambiguous; remove it or choose another --output folder.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
