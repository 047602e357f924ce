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

    /// <summary>Grade shares: mostly BBB and BB, with B and CCC a few percent between them, as in a bank's performing corporate
    /// book (defaulted customers, about 1 %, are drawn apart).</summary>
    public static readonly double[] RatingCumulative = [0.02, 0.08, 0.24, 0.54, 0.95, 0.985, 1.0];

    /// <summary>Master-scale PD per grade: every customer of a grade shares it, as with a bank's master scale.</summary>
    public static readonly double[] RatingPd = [0.0003, 0.0005, 0.001, 0.004, 0.015, 0.05, 0.2, 1.0];

    /// <summary>
    /// Typical loan spread over FTP per grade (D, then no rating, last). With unit_cost_rate 0.004, the documented tax,
    /// hurdle and LGD 0.45 the EVA-neutral spread (docs/METHODOLOGY.md §4 floor − FTP, M = 2.5) is about 0.61 %, 0.69 %,
    /// 0.84 %, 1.42 %, 2.49 %, 4.68 % and 12.8 % for AAA..CCC and 2.8 % at pd_default 0.02; typical spreads sit 50–75 %
    /// above it, because the whole relationship's operating cost (the sample's activity-based costs, about 30 % of revenue)
    /// is far more than the floor's 0.4 % of the loan. CCC, which a bank cannot price at cost, stays mostly underpriced.
    /// </summary>
    public static readonly double[] RatingLoanSpread = [0.0107, 0.0120, 0.0139, 0.0220, 0.0378, 0.0731, 0.1134, 0.0378, 0.0428];

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

    /// <summary>Median fee in CNY per fee type, whatever the customer's size (bigger customers book more fees, not bigger ones).</summary>
    public static readonly double[] FeeMedianCny = [16, 108, 288, 1_800, 720, 7_200, 540];

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
