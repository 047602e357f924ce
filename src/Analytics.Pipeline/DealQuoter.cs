using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;

namespace Analytics.Pipeline;

/// <summary>
/// <c>analytics quote</c> as a library call (docs/METHODOLOGY.md §4.6): loads a data folder and its config, checks the
/// same gates as a score run, and quotes a proposed loan to one customer with that customer's PD, annual sales, EVA and
/// days past due — the figures <c>analytics score</c> gives it. A desk application that already holds the customer's
/// figures can skip the loading and call <see cref="DealPricing.Quote"/> directly.
/// </summary>
public static class DealQuoter
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>
    /// Quotes a loan of <paramref name="amount"/> (reporting currency) for <paramref name="termYears"/> years to
    /// <paramref name="customerId"/>, and with <paramref name="rate"/> what it earns at that rate. A customer in default
    /// comes back with <see cref="DealQuote.InDefault"/> set and <see cref="DealQuote.Refusal"/> saying why.
    /// </summary>
    /// <exception cref="UsageException">The customer is unknown or was rejected, or an argument is out of range (exit code 2).</exception>
    /// <exception cref="ConfigurationException">The configuration is invalid (exit code 2).</exception>
    /// <exception cref="AnalyticsException">The data failed the run's gates (exit code 1).</exception>
    public static async Task<DealQuote> QuoteAsync(
        string customerId, string inputDirectory, string configPath, double amount, double termYears, double? rate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        // Arguments first: a mistyped amount should not wait for the data to load.
        DealPricing.CheckArguments(amount, termYears, rate);
        var config = ConfigLoader.Load(configPath);
        var pricing = new DealPricing(config);
        var loaded = await PortfolioLoader.LoadAsync(inputDirectory, config, includeConfidential: false, threads: 0, traceCustomerId: customerId, cancellationToken).ConfigureAwait(false);
        int c = Array.BinarySearch(loaded.Data.Customers.Ids, customerId, StringComparer.Ordinal);
        if (c < 0)
        {
            throw new UsageException(CustomerExplainer.NotAccepted(customerId, loaded.Trace!));
        }

        // The same gates as a score run: a quote from data that would fail the run would be a believable wrong number.
        PortfolioLoader.EnforceGates(loaded, config);
        var data = loaded.Data;
        // The per-customer figures depend only on the customer's own rows, so this one customer's EVA is the run's.
        var figures = new ProfitabilityResult(data.Customers.Count, data.Accounts.Count);
        ProfitabilityCalculator.ComputeCustomers(data, config, figures, c, c + 1);
        return pricing.Quote(
            customerId, figures.Pd[c], data.Customers.AnnualSales[c], figures.Eva[c],
            DefaultStatus.MaxDaysPastDue(data.Accounts, c), amount, termYears, rate);
    }

    /// <summary>The quote as one JSON object with the keys of docs/METHODOLOGY.md §8 (the rate keys only with a rate).</summary>
    public static string ToJson(DealQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("customer_id", quote.CustomerId);
            json.WriteString("pricing_status", quote.PricingStatus);
            Number(json, "amount", quote.Amount);
            Number(json, "term_years", quote.TermYears);
            Number(json, "loan_rate_floor", quote.LoanRateFloor);
            Number(json, "relationship_floor", quote.RelationshipFloor);
            Number(json, "rate_for_target_raroc", quote.RateForTargetRaroc);
            if (quote.AtRate is { } r)
            {
                Number(json, "rate", r.Rate);
                Number(json, "revenue", r.Revenue);
                Number(json, "operating_cost", r.OperatingCost);
                Number(json, "expected_loss", r.ExpectedLoss);
                Number(json, "capital", r.Capital);
                Number(json, "nopat", r.Nopat);
                Number(json, "eva", r.Eva);
                Number(json, "raroc", r.Raroc);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A NaN is null: JSON has no NaN, and no output of the engine ever holds one.</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    /// <summary>The quote for a person, laid out like <c>analytics explain</c>: inputs, the floors and how they arise, then the year at the offered rate.</summary>
    public static void Write(TextWriter o, DealQuote quote, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(config);
        var q = quote;
        string cur = config.ReportingCurrency;
        double c = config.Pricing.UnitCostRate, t = config.Capital.TaxRate, h = config.Capital.HurdleRate;
        double m = config.Risk.CapitalMultiplier, alpha = config.Risk.OpRiskAlpha;
        Line(o, $"Deal quote for customer {q.CustomerId}: {q.Amount:N2} {cur}, term {q.TermYears:0.###} years");
        Line(o, $"PD {Pct(q.Pd, "0.####")}, LGD {Pct(q.Lgd, "0.##")} (lgd_default.loan), max DPD {q.MaxDaysPastDue}; pricing status {q.PricingStatus}");
        o.WriteLine();
        o.WriteLine("What the loan must pay");
        Row(o, string.Create(Ci, $"FTP at T = {q.TermYears:0.###}"), Pct(q.FtpRate, "0.000"), "interp(curve, T) + liquidity_premium.loan");
        Row(o, string.Create(Ci, $"IRB K at M = {q.Maturity:0.###}"), q.K.ToString("0.000000", Ci), "capital per unit of exposure (M = T clamped to [1, 5])");
        Row(o, "cost floor", Pct(q.CostFloor, "0.000"), string.Create(Ci, $"FTP + unit cost {Pct(c, "0.###")} + PD × LGD: the direct cost"));
        Row(o, "loan rate floor", Pct(q.LoanRateFloor, "0.000"), "FTP + [(c + PD·LGD)(1 − t) + h·m·K] / ((1 − t) − h·α): EVA = 0");
        Row(o, "relationship floor", Pct(q.RelationshipFloor, "0.000"),
            string.Create(Ci, $"floor less {Pct(config.Pricing.RelationshipShare, "0.##")} of the relationship's EVA ({q.RelationshipEva:N2} this period), not below the cost floor"));
        Row(o, string.Create(Ci, $"rate for RAROC = {Pct(h, "0.##")}"), Pct(q.RateForTargetRaroc, "0.000"), "the hurdle rate on capital: the loan rate floor");
        o.WriteLine();
        if (q.AtRate is not { } r)
        {
            o.WriteLine("Give --rate R to see what the loan earns at the rate offered.");
            return;
        }

        string verdict = r.Eva >= 0 ? "earns at least the hurdle" : "falls short of the hurdle";
        Line(o, $"One year at {Pct(r.Rate, "0.000")} ({(r.Rate - q.LoanRateFloor) * 10_000:+0.0;-0.0;0.0} bps against the floor): {verdict}");
        Line(o, $"  {"revenue",-22} {r.Revenue,16:N2}  amount × (rate − FTP)");
        Line(o, $"  {"- operating cost",-22} {-r.OperatingCost,16:N2}  unit cost × amount");
        Line(o, $"  {"- expected loss",-22} {-r.ExpectedLoss,16:N2}  PD × LGD × amount");
        Line(o, $"  {"= pre-tax profit",-22} {r.Revenue - r.OperatingCost - r.ExpectedLoss,16:N2}");
        Line(o, $"  {"- tax",-22} {r.Nopat - (r.Revenue - r.OperatingCost - r.ExpectedLoss),16:N2}  pre-tax profit × {t:0.####}");
        Line(o, $"  {"= NOPAT",-22} {r.Nopat,16:N2}");
        Line(o, $"  {"- capital charge",-22} {-(h * r.Capital),16:N2}  hurdle × capital {r.Capital:N2} (= {m:0.##} × K × amount + {alpha:0.####} × max(0, revenue))");
        Line(o, $"  {"= EVA",-22} {r.Eva,16:N2}");
        Line(o, $"  RAROC = NOPAT / capital = {(double.IsNaN(r.Raroc) ? "n/a (no capital)" : Pct(r.Raroc, "0.00"))} against a hurdle of {Pct(h, "0.##")}");
    }

    private static void Line(TextWriter o, FormattableString text) => o.WriteLine(text.ToString(Ci));

    private static void Row(TextWriter o, string label, string value, string how) =>
        o.WriteLine(string.Create(Ci, $"  {label,-22} {value,10}   {how}"));

    private static string Pct(double rate, string format) =>
        double.IsNaN(rate) ? "-" : (100 * rate).ToString(format, Ci) + "%";
}
