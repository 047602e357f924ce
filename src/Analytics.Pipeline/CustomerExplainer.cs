using System.Globalization;
using Analytics.Core;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Errors;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;

namespace Analytics.Pipeline;

/// <summary>
/// <c>analytics explain</c>: scores the whole portfolio exactly as <c>score</c> does (percentiles and tiers need
/// everyone), then prints one customer's figures from the same result arrays, so the numbers are the run's.
/// </summary>
public static class CustomerExplainer
{
    /// <summary>Explains <paramref name="customerId"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string customerId, string inputDirectory, string configPath, TextWriter output, CancellationToken cancellationToken = default)
    {
        var config = ConfigLoader.Load(configPath);
        var loaded = await PortfolioLoader.LoadAsync(inputDirectory, config, includeConfidential: false, cancellationToken).ConfigureAwait(false);
        int c = Array.BinarySearch(loaded.Data.Customers.Ids, customerId, StringComparer.Ordinal);
        if (c < 0)
        {
            throw new UsageException($"Customer '{customerId}' is not among the accepted customers; check the id (see 'analytics validate' for rejected rows).");
        }

        var result = ScoringKernel.Score(loaded.Data, config, previousTiers: null);
        Write(output, loaded.Data, result, config, c);
        return 0;
    }

    /// <summary>Writes the explanation of dense customer <paramref name="c"/>.</summary>
    public static void Write(TextWriter o, PortfolioData data, ScoringResult result, Core.Configuration.EngineConfig config, int c)
    {
        var ci = CultureInfo.InvariantCulture;
        var p = result.Profitability;
        var a = data.Accounts;
        var cust = data.Customers;
        o.WriteLine(string.Create(ci,
            $"Customer {cust.Ids[c]}  industry {Attribute(config, "industry", cust.Industry[c])}  region {Attribute(config, "region", cust.Region[c])}  rating {Attribute(config, "rating", cust.Rating[c])}  PD {p.Pd[c]:G6}"));
        o.WriteLine(string.Create(ci, $"Period {config.Period.Start:yyyy-MM-dd}..{config.Period.End:yyyy-MM-dd} ({config.PeriodDays} days, Y = {config.YearFraction:G6}), as of {config.AsOf:yyyy-MM-dd}, amounts in {config.ReportingCurrency}"));
        o.WriteLine();
        o.WriteLine("Accounts");
        o.WriteLine(string.Create(ci, $"  {"account_id",-14} {"type",-9} {"avg",16} {"client",9} {"ftp",9} {"nii",14} {"ead",16} {"lgd",6} {"M",6} {"el",12} {"capital",14}"));
        for (int i = a.CustomerStart[c]; i < a.CustomerStart[c + 1]; i++)
        {
            o.WriteLine(string.Create(ci,
                $"  {a.AccountId[i],-14} {ProductTypes.Name(a.Type[i]),-9} {a.AverageBalance[i],16:N2} {Rate(a.ClientRate[i]),9} {Rate(p.AccountFtpRate[i]),9} {p.AccountNii[i],14:N2} {p.AccountEad[i],16:N2} {p.AccountLgd[i],6:G3} {p.AccountMaturityYears[i],6:G3} {p.AccountExpectedLoss[i],12:N2} {p.AccountCreditCapital[i],14:N2}"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(ci, $"Fees: {data.Activity.FeeRows[c]:N0} in-period transactions, {data.Activity.FeeTypesHeld[c]} fee types, income {p.FeeIncome[c]:N2}"));
        o.WriteLine(string.Create(ci, $"Cross-sales: {data.Activity.CrossSellUnits[c]:N0} units over {data.Activity.ProductLinesHeld[c]} product lines, revenue {p.CrossSellRevenue[c]:N2}"));
        o.WriteLine();
        o.WriteLine("Path to EVA");
        Line(o, "  net interest income", p.Nii[c]);
        Line(o, "+ fee income", p.FeeIncome[c]);
        Line(o, "+ cross-sell revenue", p.CrossSellRevenue[c]);
        Line(o, "= revenue", p.Revenue[c]);
        Line(o, "- operating cost", p.OperatingCost[c]);
        Line(o, "- expected loss", p.ExpectedLoss[c]);
        Line(o, "= pre-tax profit", p.PreTaxProfit[c]);
        Line(o, "- tax", p.PreTaxProfit[c] - p.Nopat[c]);
        Line(o, "= NOPAT", p.Nopat[c]);
        Line(o, "- capital charge", p.CapitalCharge[c]);
        Line(o, "= EVA", p.Eva[c]);
        o.WriteLine(string.Create(ci, $"  capital {p.Capital[c]:N2} = credit {p.CreditCapital[c]:N2} + operational {p.OpCapital[c]:N2}; RAROC {(double.IsNaN(p.Raroc[c]) ? "n/a (no capital)" : p.Raroc[c].ToString("P2", ci))}"));
        o.WriteLine(string.Create(ci, $"  products held {p.ProductsHeld[c]}, deposit balance {p.DepositBalance[c]:N2}, contribution score {p.ContributionScore[c]:F2}"));
        o.WriteLine();
        var s = result.Segments;
        o.WriteLine(string.Create(ci, $"Segment: tier {s.Tier[c]}, risk band {s.RiskBand[c]}, cluster {s.ClusterId[c]} ({s.ClusterLabel[c]})"));
        o.WriteLine(string.Create(ci, $"Pricing: loan spread {s.LoanSpreadBps[c]:G} bps, deposit rate {s.DepositRateBps[c]:G} bps, fee discount {s.FeeDiscount[c]:P0}; loan rate floor {Rate(s.LoanRateFloor[c])}, relationship floor {Rate(s.RelationshipFloor[c])}; underpriced loans {s.UnderpricedCount[c]}"));
        o.WriteLine();
        var w = result.EarlyWarnings;
        o.WriteLine(string.Create(ci, $"Early warning: severity {Severities.Name(w.Severity[c])}, five-category {FiveCategories.Name(w.FiveCategory[c])}, IFRS 9 stage {w.Ifrs9Stage[c]}, max DPD {w.MaxDpd[c]}"));
        o.WriteLine(string.Create(ci, $"  DSCR {Num(w.Dscr[c])}  ICR {Num(w.Icr[c])}  leverage {Num(w.Leverage[c])}  current ratio {Num(w.CurrentRatio[c])}  Altman Z'' {Num(w.AltmanZ[c])}"));
        var r = w.Reasons;
        for (int i = 0; i < r.Customer.Length; i++)
        {
            if (r.Customer[i] == c)
            {
                o.WriteLine(string.Create(ci, $"  {r.ReasonCode[i],-18} {Severities.Name(r.Severity[i]),-8} value {Num(r.Value[i])} threshold {Num(r.Threshold[i])}"));
            }
        }
    }

    /// <summary>An attribute's value, or a placeholder when the bank declared the column confidential (SPEC §7: never in logs).</summary>
    private static string Attribute(Core.Configuration.EngineConfig config, string column, string value) =>
        config.ConfidentialColumns.Contains(column) ? "(confidential)" : value;

    private static void Line(TextWriter o, string label, double value) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-24} {value,20:N2}"));

    private static string Rate(double rate) => double.IsNaN(rate) ? "-" : rate.ToString("P3", CultureInfo.InvariantCulture);

    private static string Num(double value) => double.IsNaN(value) ? "null" : value.ToString("G6", CultureInfo.InvariantCulture);
}
