using System.Globalization;
using System.Text.Json;
using Analytics.Core.Configuration;
using Analytics.Core.Errors;

namespace Analytics.Pipeline.OverTime;

/// <summary>
/// The period a run scored, as its manifest.json records it under <c>"period"</c>, so that later commands
/// (<c>score --previous</c>, <c>analytics bridge</c>, <c>analytics backtest</c>) can annualise its figures and order
/// runs in time without the run's config file (docs/METHODOLOGY.md §9).
/// </summary>
/// <param name="AsOf">The run's as_of.</param>
/// <param name="Start">period.start.</param>
/// <param name="End">period.end.</param>
/// <param name="TaxRate">capital.tax_rate.</param>
/// <param name="HurdleRate">capital.hurdle_rate.</param>
public sealed record RunPeriod(DateOnly AsOf, DateOnly Start, DateOnly End, double TaxRate, double HurdleRate)
{
    /// <summary>D = end − start + 1.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Y = D / 365.</summary>
    public double YearFraction => Days / 365.0;

    /// <summary>The period of a run of <paramref name="config"/>.</summary>
    public static RunPeriod Of(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RunPeriod(config.AsOf, config.Period.Start, config.Period.End, config.Capital.TaxRate, config.Capital.HurdleRate);
    }

    /// <summary>Writes the <c>"period"</c> object of manifest.json.</summary>
    internal void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject("period");
        json.WriteString("as_of", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("start", Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("end", End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("days", Days);
        json.WriteNumber("year_fraction", YearFraction);
        json.WriteNumber("tax_rate", TaxRate);
        json.WriteNumber("hurdle_rate", HurdleRate);
        json.WriteEndObject();
    }

    /// <summary>
    /// Reads the period of the run at <paramref name="runDirectory"/> from its manifest.json; null when the manifest
    /// is missing or has no period (runs scored before it was recorded).
    /// </summary>
    public static RunPeriod? Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, "manifest.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("period", out var p) || p.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new RunPeriod(
                Date(p, "as_of"), Date(p, "start"), Date(p, "end"),
                p.GetProperty("tax_rate").GetDouble(), p.GetProperty("hurdle_rate").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InputException("manifest.json", $"The manifest.json of the run at '{runDirectory}' has an unreadable \"period\"; rescore that run or point at another.", inner: e);
        }
    }

    private static DateOnly Date(JsonElement period, string name) =>
        DateOnly.ParseExact(period.GetProperty(name).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
