using System.Globalization;
using System.Text;
using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Segmentation;
using Analytics.Core.Errors;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;

namespace Analytics.Pipeline;

/// <summary>
/// <c>analytics explain</c>: scores the whole portfolio exactly as <c>score</c> does (percentiles, tiers and clusters
/// need everyone), then tells one customer's story from the same result arrays, so every figure is the run's.
/// The loader traces that one customer to give fees by type and cross-sales by product line, which a run does not keep.
/// </summary>
public static class CustomerExplainer
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Width of the text bars of the EVA waterfall.</summary>
    private const int BarWidth = 32;

    /// <summary>Explains <paramref name="customerId"/>; returns the exit code.</summary>
    /// <exception cref="UsageException">The customer is unknown or was rejected (exit code 2).</exception>
    public static Task<int> RunAsync(string customerId, string inputDirectory, string configPath, TextWriter output,
        CancellationToken cancellationToken = default) =>
        RunAsync(customerId, inputDirectory, configPath, output, previousDirectory: null, cancellationToken);

    /// <summary>
    /// Explains <paramref name="customerId"/>, and with <paramref name="previousDirectory"/> (an earlier run's output
    /// folder) also its profit bridge since that run (docs/METHODOLOGY.md §9); returns the exit code.
    /// </summary>
    /// <exception cref="UsageException">The customer is unknown or was rejected (exit code 2).</exception>
    public static async Task<int> RunAsync(string customerId, string inputDirectory, string configPath, TextWriter output,
        string? previousDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var config = ConfigLoader.Load(configPath);
        var previous = previousDirectory is null
            ? null
            : await OverTime.BridgeInputs.ReadAsync(previousDirectory, "--previous", config.Capital.HurdleRate, cancellationToken)
                .ConfigureAwait(false);
        var loaded = await PortfolioLoader.LoadAsync(inputDirectory, config, includeConfidential: false, threads: 0,
            traceCustomerId: customerId, cancellationToken).ConfigureAwait(false);
        int c = Array.BinarySearch(loaded.Data.Customers.Ids, customerId, StringComparer.Ordinal);
        if (c < 0)
        {
            throw new UsageException(NotAccepted(customerId, loaded.Trace!));
        }

        // The same gates as a score run: explaining figures of a run that would fail would explain nothing.
        PortfolioLoader.EnforceGates(loaded, config);
        var result = ScoringKernel.Score(loaded.Data, config, previousTiers: null);
        Write(output, loaded.Data, result, config, c, loaded.Trace);
        if (previous is not null)
        {
            var bridge = Core.OverTime.ProfitBridge.Compute(previous.Snapshot,
                OverTime.BridgeInputs.FromRun(loaded.Data, result.Profitability, config));
            Bridge(output, bridge, customerId, previous.Note);
        }

        return 0;
    }

    /// <summary>Writes the customer's profit bridge row: both EVAs and each component as a signed text bar.</summary>
    internal static void Bridge(TextWriter o, Core.OverTime.BridgeResult bridge, string customerId, string? note)
    {
        int r = Array.BinarySearch(bridge.CustomerIds, customerId, StringComparer.Ordinal);
        Line(o, $"Profit bridge since the previous run");
        if (note is not null)
        {
            Line(o, $"  note: {note}");
        }

        if (r < 0)
        {
            o.WriteLine("  none");
            return;
        }

        if (bridge.Presence[r] == Core.OverTime.BridgePresence.New)
        {
            o.WriteLine("  new customer: not in the previous run, so its whole EVA is new_or_lost");
        }

        var components = bridge.Components;
        double scale = 0;
        foreach (var column in components)
        {
            scale = Math.Max(scale, Math.Abs(column[r]));
        }

        Line(o, $"  {"eva_previous",-16} {bridge.EvaPrevious[r],16:N2}");
        for (int k = 0; k < components.Length; k++)
        {
            double v = components[k][r];
            int len = scale == 0 ? 0 : (int)Math.Round(Math.Abs(v) / scale * BarWidth);
            Line(o, $"  {Core.OverTime.BridgeResult.ComponentNames[k],-16} {v,16:+#,##0.00;-#,##0.00;0.00}  "
                + $"{new string(v < 0 ? '-' : '+', len)}");
        }

        Line(o, $"  {"eva_current",-16} {bridge.EvaCurrent[r],16:N2}   main driver: {bridge.MainDriver(r)}");
        o.WriteLine();
    }

    /// <summary>The sentence for a customer that is not among the accepted ones: where it was rejected, or that it is unknown.</summary>
    internal static string NotAccepted(string customerId, CustomerTrace trace)
    {
        if (trace.CustomerRejects.Count == 0)
        {
            return $"Customer '{customerId}' is not in the customers table; check the id.";
        }

        var where = new StringBuilder();
        foreach (var r in trace.CustomerRejects)
        {
            if (where.Length > 0) where.Append("; ");
            where.Append(Ci, $"{r.File}:{r.Row}");
            if (r.Column.Length > 0) where.Append(Ci, $" column {r.Column}");
            where.Append(Ci, $" ({RejectReasons.Code(r.Reason)})");
        }

        return $"Customer '{customerId}' was rejected at {where} and takes no part in the run; fix the row (see 'analytics "
            + $"validate') and rerun.";
    }

    /// <summary>Writes the explanation of dense customer <paramref name="c"/>.</summary>
    internal static void Write(TextWriter o, PortfolioData data, ScoringResult result, EngineConfig config, int c,
        CustomerTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        var p = result.Profitability;
        var a = data.Accounts;
        var cust = data.Customers;
        string cur = config.ReportingCurrency;

        Line(o, $"Customer {cust.Ids[c]}  industry {Attribute(config, "industry", cust.Industry[c])}  region "
            + $"{Attribute(config, "region", cust.Region[c])}  RM {Attribute(config, "rm_id", cust.RmId[c])}  rating "
            + $"{Attribute(config, "rating", cust.Rating[c])}");
        string sales = double.IsNaN(cust.AnnualSales[c]) ? "" : string.Create(Ci, $"  annual sales {cust.AnnualSales[c]:0.##}M EUR");
        Line(o, $"PD {Pct(p.Pd[c], "0.####")} (floor {Pct(config.Risk.PdFloor, "0.####")}){sales}");
        Line(o, $"Period {config.Period.Start:yyyy-MM-dd}..{config.Period.End:yyyy-MM-dd} ({config.PeriodDays} days, Y = "
            + $"{config.YearFraction:0.######}), as of {config.AsOf:yyyy-MM-dd}; amounts in {cur}");
        o.WriteLine();

        Accounts(o, data, result, c);
        Activity(o, data, result, c, trace);
        Costs(o, data, config, result, c);
        Waterfall(o, result, config, c);
        Segment(o, data, result, config, c);
        Warnings(o, result, config, c);
    }

    private static void Accounts(TextWriter o, PortfolioData data, ScoringResult result, int c)
    {
        var p = result.Profitability;
        var a = data.Accounts;
        int from = a.CustomerStart[c], to = a.CustomerStart[c + 1];
        Line(o, $"Accounts ({to - from})");
        if (to == from)
        {
            o.WriteLine("  none");
            o.WriteLine();
            return;
        }

        Line(o, $"  {"account_id",-12} {"type",-9} {"avg balance",15} {"end balance",15} {"client",8} {"FTP",8} {"NII",12} {"EAD",15} "
            + $"{"LGD",5} {"M",5} {"EL",10} {"capital",13} {"DPD",4}");
        for (int i = from; i < to; i++)
        {
            Line(o, $"  {a.AccountId[i],-12} {ProductTypes.Name(a.Type[i]),-9} {a.AverageBalance[i],15:N2} {a.EndBalance[i],15:N2} "
                + $"{Pct(a.ClientRate[i], "0.000"),8} {Pct(p.AccountFtpRate[i], "0.000"),8} {p.AccountNii[i],12:N2} "
                + $"{p.AccountEad[i],15:N2} {p.AccountLgd[i],5:0.##} {p.AccountMaturityYears[i],5:0.##} {p.AccountExpectedLoss[i],10:N2} "
                + $"{p.AccountCreditCapital[i],13:N2} {a.DaysPastDue[i],4}");
        }

        Line(o, $"  {"total",-22} {"",15} {"",15} {"",8} {"",8} {p.Nii[c],12:N2} {p.Ead[c],15:N2} {"",5} {"",5} "
            + $"{p.ExpectedLoss[c],10:N2} {p.CreditCapital[c],13:N2}");
        o.WriteLine();
    }

    private static void Activity(TextWriter o, PortfolioData data, ScoringResult result, int c, CustomerTrace? trace)
    {
        var p = result.Profitability;
        var act = data.Activity;
        Line(o, $"Fees in the period: {act.FeeRows[c]:N0} transactions, {act.FeeTypesHeld[c]} fee types, income {p.FeeIncome[c]:N2}");
        if (trace is not null)
        {
            foreach (var f in trace.FeesByType)
            {
                Line(o, $"  {f.Name,-24} {f.Rows,8:N0} rows {f.Amount,16:N2}");
            }
        }

        Line(o, $"Cross-sales: {act.CrossSellUnits[c]:N0} units over {act.ProductLinesHeld[c]} product lines held, revenue "
            + $"{p.CrossSellRevenue[c]:N2}");
        if (trace is not null)
        {
            foreach (var l in trace.CrossSalesByLine)
            {
                Line(o, $"  {l.Name,-24} {l.Units,8:N0} units {l.Amount,15:N2}{(l.Units > 0 ? "" : "  (no units: not a product held)")}");
            }
        }

        o.WriteLine();
    }

    private static void Costs(TextWriter o, PortfolioData data, EngineConfig config, ScoringResult result, int c)
    {
        var costs = config.Costs;
        var a = data.Accounts;
        var count = new int[ProductTypes.Count];
        for (int i = a.CustomerStart[c]; i < a.CustomerStart[c + 1]; i++)
        {
            count[(int)a.Type[i]]++;
        }

        o.WriteLine("Operating cost (activity-based)");
        CostLine(o, "per customer", 1, costs.PerCustomer);
        foreach (ProductType type in ProductTypes.All)
        {
            if (count[(int)type] > 0)
            {
                CostLine(o, ProductTypes.Name(type) + " accounts", count[(int)type], costs.PerAccount[type]);
            }
        }

        CostLine(o, "fee transactions", data.Activity.FeeRows[c], costs.PerFeeTransaction);
        CostLine(o, "cross-sale units", data.Activity.CrossSellUnits[c], costs.PerCrossSaleUnit);
        Line(o, $"  {"= operating cost",-42} {result.Profitability.OperatingCost[c],16:N2}");
        o.WriteLine();
    }

    private static void CostLine(TextWriter o, string label, long units, double rate) =>
        Line(o, $"  {label,-20} {units,8:N0} × {rate,10:N2} {units * rate,16:N2}");

    private static void Waterfall(TextWriter o, ScoringResult result, EngineConfig config, int c)
    {
        var p = result.Profitability;
        double tax = p.PreTaxProfit[c] - p.Nopat[c];
        // (label, step, running total after the step, is a subtotal)
        var steps = new (string Label, double Value, double After, bool Total)[]
        {
            ("net interest income", p.Nii[c], p.Nii[c], false),
            ("+ fee income", p.FeeIncome[c], p.Nii[c] + p.FeeIncome[c], false),
            ("+ cross-sell revenue", p.CrossSellRevenue[c], p.Revenue[c], false),
            ("= revenue", p.Revenue[c], p.Revenue[c], true),
            ("- operating cost", -p.OperatingCost[c], p.Revenue[c] - p.OperatingCost[c], false),
            ("- expected loss", -p.ExpectedLoss[c], p.PreTaxProfit[c], false),
            ("= pre-tax profit", p.PreTaxProfit[c], p.PreTaxProfit[c], true),
            ("- tax", -tax, p.Nopat[c], false),
            ("= NOPAT", p.Nopat[c], p.Nopat[c], true),
            ("- capital charge", -p.CapitalCharge[c], p.Eva[c], false),
            ("= EVA", p.Eva[c], p.Eva[c], true),
        };

        double low = 0, high = 0, before = 0;
        foreach (var s in steps)
        {
            low = Math.Min(low, Math.Min(s.After, s.Total ? 0 : before));
            high = Math.Max(high, Math.Max(s.After, s.Total ? 0 : before));
            before = s.After;
        }

        o.WriteLine("Path to EVA");
        before = 0;
        foreach (var s in steps)
        {
            double from = s.Total ? 0 : before;
            string bar = Bar(from, s.After, low, high, s.Total ? '█' : s.Value >= 0 ? '▓' : '░');
            Line(o, $"  {s.Label,-22} {s.Value,16:N2}  {bar}");
            before = s.After;
        }

        double y = config.YearFraction;
        Line(o, $"  tax = pre-tax profit × {config.Capital.TaxRate:0.####}; capital charge = hurdle "
            + $"{Pct(config.Capital.HurdleRate, "0.##")} × capital {p.Capital[c]:N2} × Y");
        Line(o, $"  capital {p.Capital[c]:N2} = credit {p.CreditCapital[c]:N2} + operational {p.OpCapital[c]:N2} (= "
            + $"{config.Risk.OpRiskAlpha:0.####} × max(0, revenue / Y))");
        string raroc = double.IsNaN(p.Raroc[c])
            ? "n/a (no capital)"
            : string.Create(Ci, $"{p.Nopat[c] / y:N2} / {p.Capital[c]:N2} = {Pct(p.Raroc[c], "0.00")}");
        Line(o, $"  RAROC = (NOPAT / Y) / capital = {raroc}");
        o.WriteLine();
    }

    /// <summary>A text bar from <paramref name="from"/> to <paramref name="to"/> on a [low, high] axis, with │ at zero.</summary>
    internal static string Bar(double from, double to, double low, double high, char fill)
    {
        var cells = new char[BarWidth];
        Array.Fill(cells, ' ');
        double span = high - low;
        if (span <= 0)
        {
            return new string(cells).TrimEnd();
        }

        int Cell(double v) => Math.Clamp((int)Math.Round((v - low) / span * BarWidth), 0, BarWidth);
        int a = Cell(Math.Min(from, to)), b = Cell(Math.Max(from, to));
        if (b == a && from != to) b = Math.Min(BarWidth, a + 1);
        for (int i = a; i < b; i++) cells[Math.Min(i, BarWidth - 1)] = fill;
        int zero = Cell(0);
        if (zero < BarWidth && cells[zero] == ' ') cells[zero] = '│';
        return new string(cells).TrimEnd();
    }

    private static void Segment(TextWriter o, PortfolioData data, ScoringResult result, EngineConfig config, int c)
    {
        var p = result.Profitability;
        var s = result.Segments;
        var bands = config.Segmentation.RiskBands;
        int pdBand = RiskBands.Assign(p.Pd[c], Severity.None, bands);
        Line(o, $"Contribution score {p.ContributionScore[c]:0.00} (products held {p.ProductsHeld[c]}, deposit balance "
            + $"{p.DepositBalance[c]:N2})");
        string bandSource = pdBand == s.RiskBandIndex[c]
            ? " (by PD)"
            : string.Create(Ci, $" (PD alone gives {bands[pdBand].Name}; raised by early-warning severity "
                + $"{Severities.Name(result.EarlyWarnings.Severity[c])})");
        Line(o, $"Segment: tier {s.Tier[c]}, risk band {s.RiskBand[c]}{bandSource}, cluster {s.ClusterId[c]} ({s.ClusterLabel[c]})");
        if (s.TierChange is not null)
        {
            Line(o, $"  previous tier {s.PreviousTier![c] ?? "none"}, change {s.TierChange[c]}");
        }

        Line(o, $"Pricing cell {s.Tier[c]} × {s.RiskBand[c]}: loan spread {s.LoanSpreadBps[c]:0.##} bps, deposit rate "
            + $"{s.DepositRateBps[c]:0.##} bps, fee discount {Pct(s.FeeDiscount[c], "0.##")}");
        if (s.InDefault[c])
        {
            Line(o, $"Floors: none — the customer is in default (PD {Pct(p.Pd[c], "0.####")}, max DPD {result.EarlyWarnings.MaxDpd[c]}), "
                + $"so it is not priced and none of its loans is listed as underpriced");
        }
        else
        {
            Line(o, $"Floors: loan rate floor {Pct(s.LoanRateFloor[c], "0.000")}, relationship floor "
                + $"{Pct(s.RelationshipFloor[c], "0.000")}; underpriced loans {s.UnderpricedCount[c]}");
        }

        foreach (var u in s.UnderpricedLoans)
        {
            if (u.Customer == c)
            {
                Line(o, $"  {data.Accounts.AccountId[u.Account],-12} client rate {Pct(u.ClientRate, "0.000")} < floor "
                    + $"{Pct(u.FloorRate, "0.000")} ({(u.FloorRate - u.ClientRate) * 10000:0.0} bps short)");
            }
        }

        o.WriteLine();
    }

    private static void Warnings(TextWriter o, ScoringResult result, EngineConfig config, int c)
    {
        var w = result.EarlyWarnings;
        var ew = config.EarlyWarning;
        Line(o, $"Early warning: severity {Severities.Name(w.Severity[c])}, five-category {FiveCategories.Name(w.FiveCategory[c])}, IFRS "
            + $"9 stage {w.Ifrs9Stage[c]}, max DPD {w.MaxDpd[c]}");
        Line(o, $"  DSCR {Num(w.Dscr[c])} (min {ew.DscrMin:0.###})  ICR {Num(w.Icr[c])} (min {ew.IcrMin:0.###})  leverage "
            + $"{Num(w.Leverage[c])} (max {ew.LeverageMax:0.###})  current ratio {Num(w.CurrentRatio[c])} (min "
            + $"{ew.CurrentRatioMin:0.###})  Altman Z'' {Num(w.AltmanZ[c])} (grey < {ew.AltmanGrey:0.###}, distress < "
            + $"{ew.AltmanDistress:0.###})");
        var r = w.Reasons;
        bool any = false;
        for (int i = 0; i < r.Count; i++)
        {
            if (r.Customer[i] == c)
            {
                any = true;
                Line(o, $"  {r.ReasonCode[i],-18} {Severities.Name(r.Severity[i]),-8} value {Num(r.Value[i]),12}  threshold "
                    + $"{Num(r.Threshold[i])}");
            }
        }

        if (!any)
        {
            o.WriteLine("  no reason fired");
        }

        var m = w.MaturityNotices;
        for (int i = 0; i < m.Count; i++)
        {
            if (m.Customer[i] == c)
            {
                Line(o, $"  maturity notice: loan matures {DateOnly.FromDayNumber(m.MaturityDate[i]):yyyy-MM-dd}, amount due "
                    + $"{m.AmountDue[i]:N2}");
            }
        }
    }

    private static void Line(TextWriter o, ref InvariantString text) => o.WriteLine(text.ToStringAndClear());

    /// <summary>An attribute's value, or a placeholder when the bank declared the column confidential (docs/METHODOLOGY.md §7: never in
    /// logs).</summary>
    private static string Attribute(Core.Configuration.EngineConfig config, string column, string value) =>
        config.IsConfidential(column) ? "(confidential)" : value;

    private static string Pct(double rate, string format) =>
        double.IsNaN(rate) ? "-" : (100 * rate).ToString(format, Ci) + "%";

    private static string Num(double value) => double.IsNaN(value) ? "null" : value.ToString("0.####", Ci);
}
