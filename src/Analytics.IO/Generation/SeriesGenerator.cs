using System.Globalization;
using System.Text.Json;
using Analytics.Core.Errors;
using Analytics.IO.Reading;
using Analytics.IO.Writing;

namespace Analytics.IO.Generation;

/// <summary>A customer the series generator planted a story on (docs/METHODOLOGY.md §9).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind"><c>default</c> (deteriorates, then defaults) or <c>false_alarm</c> (deteriorates, then recovers).</param>
/// <param name="StartMonth">First month (yyyy-MM) of the deterioration.</param>
/// <param name="EventMonth">Month (yyyy-MM) of the default (max days past due over 90), or of the recovery.</param>
public sealed record PlantedStory(string CustomerId, string Kind, string StartMonth, string EventMonth);

/// <summary>What <see cref="SeriesGenerator"/> wrote.</summary>
/// <param name="Months">Month folders (yyyy-MM), oldest first, each a data folder with its own _config.yaml.</param>
/// <param name="Customers">Customers in the book (every month).</param>
/// <param name="Planted">Planted defaults and false alarms, by customer_id.</param>
/// <param name="SummaryPath">The <c>_series.json</c> that records the above.</param>
public sealed record SeriesSummary(IReadOnlyList<string> Months, int Customers, IReadOnlyList<PlantedStory> Planted, string SummaryPath);

/// <summary>
/// <c>analytics generate --months N</c>: a monthly series <c>DIR/YYYY-MM/</c> of one book whose customers and accounts
/// evolve — balances and rates drift, accounts open and close, fees vary — with planted deteriorations ahead of
/// defaults (DSCR falling, leverage rising, days past due building up over 3–9 months, deposits leaving) and false
/// alarms that recover, for the profit bridge and the early-warning back-test (docs/METHODOLOGY.md §9).
/// </summary>
/// <remarks>
/// The book is held in memory (it is meant for series of thousands of customers, not millions); every month folder
/// gets the five tables and a <c>_config.yaml</c> for its calendar month; <c>DIR/_series.json</c> records the months
/// and every planted story. Borrowers file monthly management accounts (a statement at each month end), so ratio
/// trends move month by month. Same seed → same bytes.
/// </remarks>
public static partial class SeriesGenerator
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly string[] Industries = ["manufacturing", "trade", "logistics", "retail", "technology", "construction"];
    private static readonly string[] Regions = ["east", "north", "south", "west"];
    private static readonly string[] Ratings = ["A", "BBB", "BB", "B"];
    private static readonly double[] RatingPd = [0.003, 0.008, 0.02, 0.05];
    private static readonly string[] FeeTypes = ["settlement", "fx", "cash_management", "advisory", "custody"];

    /// <summary>Writes the series; the last month ends at <paramref name="lastAsOf"/>'s month end.</summary>
    public static SeriesSummary Generate(int customers, int months, int seed, DateOnly lastAsOf, string outputDirectory,
        TableFileFormat format, bool overwrite)
    {
        if (customers < 1) throw new UsageException("--customers must be at least 1.");
        if (months < 1 || months > 120) throw new UsageException("--months must be between 1 and 120.");
        if (File.Exists(outputDirectory)) throw new UsageException($"The output path {outputDirectory} is a file, not a folder.");
        if (!overwrite && Directory.Exists(outputDirectory)
            && Directory.EnumerateFileSystemEntries(outputDirectory).FirstOrDefault() is { } first)
        {
            throw new UsageException(
                $"The output folder {outputDirectory} is not empty (it holds {Path.GetFileName(first)}); generate never replaces data, "
                    + $"so choose a new or empty folder, or add --force to overwrite the generated files in it.");
        }

        Directory.CreateDirectory(outputDirectory);
        var random = new Random(seed);
        var lastMonthStart = new DateOnly(lastAsOf.Year, lastAsOf.Month, 1);
        var monthStarts = new DateOnly[months];
        for (int m = 0; m < months; m++)
        {
            monthStarts[m] = lastMonthStart.AddMonths(m - months + 1);
        }

        var book = Book.Create(customers, months, random);
        var names = new List<string>(months);
        for (int m = 0; m < months; m++)
        {
            var start = monthStarts[m];
            var end = start.AddMonths(1).AddDays(-1);
            string name = start.ToString("yyyy-MM", Ci);
            names.Add(name);
            string folder = Path.Combine(outputDirectory, name);
            Directory.CreateDirectory(folder);
            book.Advance(m, start, end, random);
            foreach (var table in book.Tables(m, start, end, random))
            {
                Write(table, folder, format);
            }

            GeneratedConfig.Write(folder, end, new Core.Configuration.ReportingPeriod(start, end), GeneratedConfig.DocumentedCosts);
        }

        var planted = new List<PlantedStory>();
        foreach (var c in book.Customers)
        {
            if (c.Story is { } s)
            {
                planted.Add(new PlantedStory(c.Id, s.Default ? "default" : "false_alarm", names[s.Start], names[s.Event]));
            }
        }

        string summary = Path.Combine(outputDirectory, "_series.json");
        WriteSummary(summary, seed, names, customers, planted);
        return new SeriesSummary(names, customers, planted, summary);
    }

    private static void Write(OutputTable table, string folder, TableFileFormat format)
    {
        string path = Path.Combine(folder, table.Name + (format == TableFileFormat.Csv ? ".csv" : ".parquet"));
        if (format == TableFileFormat.Csv)
        {
            CsvTableWriter.WriteAsync(table, path).GetAwaiter().GetResult();
        }
        else
        {
            ParquetTableWriter.WriteAsync(table, path).GetAwaiter().GetResult();
        }
    }

    private static void WriteSummary(string path, int seed, List<string> months, int customers, List<PlantedStory> planted)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("seed", seed);
        json.WriteNumber("customers", customers);
        json.WriteStartArray("months");
        foreach (var m in months) json.WriteStringValue(m);
        json.WriteEndArray();
        json.WriteStartArray("planted");
        foreach (var p in planted)
        {
            json.WriteStartObject();
            json.WriteString("customer_id", p.CustomerId);
            json.WriteString("kind", p.Kind);
            json.WriteString("start_month", p.StartMonth);
            json.WriteString(p.Kind == "default" ? "default_month" : "recovery_month", p.EventMonth);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
