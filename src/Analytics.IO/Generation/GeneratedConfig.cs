using System.Globalization;
using System.Text;
using Analytics.Core.Configuration;

namespace Analytics.IO.Generation;

/// <summary>
/// The configuration that <c>analytics generate</c> writes beside its tables as <see cref="FileName"/>, so that
/// <c>analytics score --input DIR --config DIR/_config.yaml</c> works at once: <c>as_of</c> and <c>period</c> are the
/// generation's, <c>fx_rates</c> name every foreign currency the generator writes (USD, EUR), and the pricing grid
/// names every tier × risk band cell of the segmentation it spells out, and <c>costs</c> are the activity-based unit
/// costs of a corporate book that the generator is calibrated to (docs/DATA.md "Calibration"); every other key carries
/// its documented default (docs/CONFIGURATION.md). The text depends only on the dates, so the same generation writes
/// the same bytes; <c>data-samples/config.yaml</c> is this text for the sample's dates.
/// </summary>
public static class GeneratedConfig
{
    /// <summary>The file name beside the tables; a leading '_' makes the input folder ignore it as a table.</summary>
    public const string FileName = "_config.yaml";

    /// <summary>The period a generation covers when only <c>as_of</c> is given: the calendar month of as_of, up to as_of.</summary>
    public static ReportingPeriod MonthTo(DateOnly asOf) => new(new DateOnly(asOf.Year, asOf.Month, 1), asOf);

    /// <summary>The configuration text for data as of <paramref name="asOf"/> over <paramref name="period"/> ('\n' line ends).</summary>
    public static string Text(DateOnly asOf, ReportingPeriod period) => Text(asOf, period, CorporateCosts);

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> (UTF-8, no BOM) and returns its path.</summary>
    public static string Write(string directory, DateOnly asOf, ReportingPeriod period) => Write(directory, asOf, period, CorporateCosts);

    /// <summary>The text with the given <c>costs:</c> block (<see cref="CorporateCosts"/> or <see cref="DocumentedCosts"/>).</summary>
    internal static string Text(DateOnly asOf, ReportingPeriod period, string costs)
    {
        ArgumentNullException.ThrowIfNull(period);
        string dates = string.Create(CultureInfo.InvariantCulture,
            $"as_of: {asOf:yyyy-MM-dd}\nperiod: {{ start: {period.Start:yyyy-MM-dd}, end: {period.End:yyyy-MM-dd} }}\n");
        return Header + dates + Body.Replace(CostsPlaceholder, costs, StringComparison.Ordinal);
    }

    /// <summary>Writes the text with the given <c>costs:</c> block; the monthly series (<see cref="SeriesGenerator"/>),
    /// a book of small borrowers, keeps the documented defaults.</summary>
    internal static string Write(string directory, DateOnly asOf, ReportingPeriod period, string costs)
    {
        string path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Text(asOf, period, costs), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private const string CostsPlaceholder = "<costs>\n";

    /// <summary>
    /// Unit costs per monthly period of the corporate book the generator writes: the relationship (coverage, credit
    /// review, KYC), each account's servicing, each fee-bearing transaction (operations, compliance screening and the
    /// systems behind payments, FX and cash management) and each cross-sold unit. With them the sample's cost-to-income
    /// ratio is about 30 % (docs/DATA.md "Calibration").
    /// </summary>
    internal const string CorporateCosts = """
        costs:                                     # activity-based, per period (a corporate book; defaults are far lower)
          per_customer: 5000
          per_account: { loan: 10000, overdraft: 5000, deposit: 1000, guarantee: 5000 }
          per_fee_transaction: 900
          per_cross_sale_unit: 20

        """;

    /// <summary>The documented default unit costs (docs/CONFIGURATION.md).</summary>
    internal const string DocumentedCosts = """
        costs:                                     # activity-based, per period
          per_customer: 500
          per_account: { loan: 300, overdraft: 150, deposit: 40, guarantee: 200 }
          per_fee_transaction: 0.8
          per_cross_sale_unit: 5

        """;

    private const string Header = """
        # Configuration for the synthetic data in this folder, written by `analytics generate`: as_of, period,
        # fx_rates and the pricing grid match the tables. Every key is spelled out, including those whose value
        # equals the documented default, so this file doubles as a reference (docs/CONFIGURATION.md).

        """;

    // Every value below is the documented default (costs apart, see CorporateCosts); a change here moves every figure of
    // the sample.
    private const string Body = """
        reporting_currency: CNY
        fx_rates: { USD: 7.10, EUR: 7.70 }       # reporting units per 1 unit
        ftp:
          curve:
            - { term_years: 0.25, rate: 0.0165 }
            - { term_years: 1, rate: 0.0190 }
            - { term_years: 3, rate: 0.0225 }
            - { term_years: 5, rate: 0.0250 }
            - { term_years: 10, rate: 0.0280 }
          liquidity_premium: { loan: 0.0010, overdraft: 0.0015, deposit: -0.0005, guarantee: 0 }
          non_maturity_term_years: { loan: 1.0, overdraft: 1.0, deposit: 1.0, guarantee: 1.0 }
        <costs>
        risk:
          pd_default: 0.02
          pd_floor: 0.0003
          lgd_default: { loan: 0.45, overdraft: 0.45, guarantee: 0.45 }
          ccf: { loan: 0.50, overdraft: 0.75, guarantee: 0.50 }
          maturity_default_years: 2.5
          capital_multiplier: 1.0
          op_risk_alpha: 0.15
        capital: { hurdle_rate: 0.12, tax_rate: 0.25 }
        score:
          weights: { eva: 0.6, revenue: 0.2, products_held: 0.1, deposit_balance: 0.1 }
        segmentation:
          tiers:
            - { name: strategic, top_share: 0.05 }
            - { name: core, top_share: 0.20 }
            - { name: growth, top_share: 0.50 }
            - { name: basic, top_share: 1.0 }
          risk_bands:
            - { name: low, max_pd: 0.005 }
            - { name: medium, max_pd: 0.03 }
            - { name: high, max_pd: 1.0 }
          clusters: { k: 6, seed: 42 }
        pricing:
          standard_loan_term_years: 1.0
          unit_cost_rate: 0.004
          standard_loan_amount: 1000000
          relationship_share: 0.5
          # tier -> risk band -> adjustments. Better tiers and lower risk earn a lower loan spread, a higher deposit
          # rate and a larger fee discount; the high-risk band of every tier pays a risk premium on loans.
          grid:
            strategic:
              low:    { loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30 }
              medium: { loan_spread_bps: -15, deposit_rate_bps: 10, fee_discount: 0.25 }
              high:   { loan_spread_bps: 10, deposit_rate_bps: 5, fee_discount: 0.15 }
            core:
              low:    { loan_spread_bps: -15, deposit_rate_bps: 10, fee_discount: 0.20 }
              medium: { loan_spread_bps: 0, deposit_rate_bps: 5, fee_discount: 0.15 }
              high:   { loan_spread_bps: 25, deposit_rate_bps: 0, fee_discount: 0.10 }
            growth:
              low:    { loan_spread_bps: 0, deposit_rate_bps: 5, fee_discount: 0.10 }
              medium: { loan_spread_bps: 15, deposit_rate_bps: 0, fee_discount: 0.05 }
              high:   { loan_spread_bps: 40, deposit_rate_bps: 0, fee_discount: 0.0 }
            basic:
              low:    { loan_spread_bps: 15, deposit_rate_bps: 0, fee_discount: 0.0 }
              medium: { loan_spread_bps: 30, deposit_rate_bps: 0, fee_discount: 0.0 }
              high:   { loan_spread_bps: 60, deposit_rate_bps: -5, fee_discount: 0.0 }
        early_warning:
          dscr_min: 1.2
          icr_min: 1.5
          leverage_max: 5.0
          current_ratio_min: 1.0
          altman_distress: 1.1
          altman_grey: 2.6
          trend_periods: 3
          trend_decline: 0.20
          utilization_max: 0.90
          deposit_outflow: 0.30
          stale_months: 15
          maturity_notice_days: 30
          sicr_pd_ratio: 2.0
        run: { max_reject_rate: 0.01 }
        confidential_columns: [customer_name]

        """;
}
