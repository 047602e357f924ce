namespace Analytics.IO.Generation.Internal;

/// <summary>
/// Categories and their shares. Cumulative arrays end at 1.0 and feed <see cref="DeterministicRandom.Pick"/>.
/// The shares are plausible for a Chinese commercial bank's corporate book, not calibrated to any real bank.
/// </summary>
internal static class SyntheticVocabulary
{
    /// <summary>Rating grades; index 7 is the defaulted grade.</summary>
    public static readonly string[] Ratings = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "D"];

    public const byte DefaultedRating = 7;

    public const byte NullRating = 255;

    public static readonly double[] RatingCumulative = [0.02, 0.08, 0.24, 0.54, 0.80, 0.94, 1.0];

    /// <summary>Master-scale PD per grade: every customer of a grade shares it, as with a bank's master scale.</summary>
    public static readonly double[] RatingPd = [0.0003, 0.0005, 0.001, 0.004, 0.015, 0.05, 0.2, 1.0];

    /// <summary>
    /// Typical loan spread over FTP per grade (D, then no rating, last). With the documented default costs, tax, hurdle
    /// and LGD 0.45 the EVA-neutral spread (docs/METHODOLOGY.md §4 floor − FTP, M = 2.5) is about 0.61 %, 0.69 %, 0.84 %, 1.42 %,
    /// 2.49 %, 4.68 % and 12.8 % for AAA..CCC and 2.8 % at pd_default 0.02; typical spreads sit 20–40 % above it,
    /// except CCC, which a bank cannot price at cost, so most CCC loans come out underpriced.
    /// </summary>
    public static readonly double[] RatingLoanSpread = [0.0085, 0.0095, 0.0110, 0.0175, 0.0300, 0.0580, 0.0900, 0.0300, 0.0340];

    public static readonly string[] Industries =
    [
        "manufacturing", "wholesale_retail", "construction", "real_estate", "transportation_logistics",
        "information_technology", "energy_utilities", "agriculture", "healthcare", "hospitality", "professional_services", "mining",
    ];

    public static readonly double[] IndustryCumulative = [0.24, 0.40, 0.50, 0.57, 0.65, 0.73, 0.79, 0.84, 0.89, 0.93, 0.98, 1.0];

    public static readonly string[] Regions = ["east", "north", "south", "central", "southwest", "northwest", "northeast"];

    public static readonly double[] RegionCumulative = [0.32, 0.52, 0.70, 0.82, 0.91, 0.96, 1.0];

    public static readonly string[] FeeTypes = ["settlement", "cash_management", "fx", "guarantee", "custody", "advisory", "wealth"];

    public static readonly double[] FeeTypeCumulative = [0.35, 0.55, 0.70, 0.80, 0.85, 0.90, 1.0];

    /// <summary>Median fee in CNY per fee type, for a customer of median size.</summary>
    public static readonly double[] FeeMedianCny = [45, 300, 800, 5_000, 2_000, 20_000, 1_500];

    public static readonly double[] FeeSigma = [1.0, 0.9, 1.2, 1.0, 0.8, 1.0, 1.1];

    public static readonly string[] ProductLines = ["payroll", "cards", "personal_loans", "wealth"];

    public static readonly double[] ProductLineChance = [0.35, 0.25, 0.12, 0.18];

    public static readonly double[] ProductLineUnitsMedian = [80, 15, 4, 3];

    public static readonly double[] ProductLineRevenuePerUnitLow = [3, 15, 150, 200];

    public static readonly double[] ProductLineRevenuePerUnitHigh = [10, 60, 600, 1_500];

    // Currencies and the rates (CNY per unit) that size foreign amounts; they match data-samples/config.yaml.
    public const string Usd = "USD";

    public const string Eur = "EUR";

    public const string Cny = "CNY";

    public const double UsdRate = 7.10;

    public const double EurRate = 7.70;
}
