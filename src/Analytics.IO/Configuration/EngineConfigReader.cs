using System.Globalization;
using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>
/// Builds an <see cref="EngineConfig"/> from the root mapping of a configuration file, section by section in docs/METHODOLOGY.md §2
/// order, validating every value as it is read. The first problem found throws; cross-key rules run once both
/// keys are known.
/// </summary>
internal sealed class EngineConfigReader(ConfigNodeReader reader)
{
    private static readonly string[] RootKeys =
    [
        "as_of", "period", "reporting_currency", "fx_rates", "ftp", "costs", "risk", "capital", "score",
        "segmentation", "pricing", "early_warning", "run", "confidential_columns",
    ];

    private static readonly string[] ProductKeys = ["loan", "overdraft", "deposit", "guarantee"];
    private const string ProductRemedy = "use only the product names loan, overdraft, deposit and guarantee";
    private const string CellExample = "loan_spread_bps, deposit_rate_bps and fee_discount";

    private readonly ConfigNodeReader _r = reader;

    /// <summary>Reads and validates the whole configuration.</summary>
    public EngineConfig Read(YamlMappingNode root)
    {
        MappingReader m = MappingReader.Open(_r, root, "", RootKeys);

        DateOnly asOf = _r.Date(m.Required("as_of", "the run date in yyyy-MM-dd form, such as as_of: 2026-10-31"), "as_of");
        ReportingPeriod period = ReadPeriod(m.Required("period", "start and end dates, such as period: { start: 2026-10-01, end: 2026-10-31 }"));

        string currency = m.Optional("reporting_currency") is { } currencyNode
            ? ReadCurrency(currencyNode, "reporting_currency")
            : "CNY";
        IReadOnlyDictionary<string, double> fx = m.Optional("fx_rates") is { } fxNode
            ? ReadFxRates(fxNode, currency)
            : new Dictionary<string, double>(StringComparer.Ordinal);

        FtpConfig ftp = m.Optional("ftp") is { } ftpNode ? ReadFtp(ftpNode) : new FtpConfig();
        CostConfig costs = m.Optional("costs") is { } costNode ? ReadCosts(costNode) : new CostConfig();
        RiskConfig risk = m.Optional("risk") is { } riskNode ? ReadRisk(riskNode) : new RiskConfig();
        CapitalConfig capital = m.Optional("capital") is { } capitalNode ? ReadCapital(capitalNode) : new CapitalConfig();
        CheckFloorDenominator(capital, risk);
        ScoreConfig score = m.Optional("score") is { } scoreNode ? ReadScore(scoreNode) : new ScoreConfig();
        SegmentationConfig segmentation = m.Optional("segmentation") is { } segNode ? ReadSegmentation(segNode) : new SegmentationConfig();
        PricingConfig pricing = ReadPricing(m.Optional("pricing"), segmentation);
        EarlyWarningConfig earlyWarning = m.Optional("early_warning") is { } ewNode ? ReadEarlyWarning(ewNode) : new EarlyWarningConfig();
        RunConfig run = m.Optional("run") is { } runNode ? ReadRun(runNode) : new RunConfig();

        var config = new EngineConfig
        {
            AsOf = asOf,
            Period = period,
            ReportingCurrency = currency,
            FxRates = fx,
            Ftp = ftp,
            Costs = costs,
            Risk = risk,
            Capital = capital,
            Score = score,
            Segmentation = segmentation,
            Pricing = pricing,
            EarlyWarning = earlyWarning,
            Run = run,
        };
        if (m.Optional("confidential_columns") is { } columnsNode)
            config = config with { ConfidentialColumns = ReadConfidentialColumns(columnsNode) };
        return config;
    }

    private ReportingPeriod ReadPeriod(YamlNode node)
    {
        const string Path = "period";
        MappingReader m = Open(node, Path, "start and end dates, such as { start: 2026-10-01, end: 2026-10-31 }", ["start", "end"]);
        DateOnly start = _r.Date(m.Required("start", "the first day of the period in yyyy-MM-dd form"), "period.start");
        YamlNode endNode = m.Required("end", "the last day of the period in yyyy-MM-dd form");
        DateOnly end = _r.Date(endNode, "period.end");
        if (end < start)
        {
            throw _r.Error("period.end", endNode,
                $"key 'period.end' is {Iso(end)}, before period.start {Iso(start)}",
                "make the period end on or after its start (both days are included)");
        }
        return new ReportingPeriod(start, end);
    }

    private string ReadCurrency(YamlNode node, string path)
    {
        string code = _r.Text(node, path, "a three-letter currency code such as CNY");
        if (!ConfigNodeReader.IsCurrencyCode(code))
            throw _r.Error(path, node, $"key '{path}' is '{code}' but must be a currency code of three upper-case letters", "write an ISO 4217 code such as CNY");
        return code;
    }

    private Dictionary<string, double> ReadFxRates(YamlNode node, string reportingCurrency)
    {
        const string Path = "fx_rates";
        YamlMappingNode map = _r.Mapping(node, Path, "a mapping of currency code to rate, such as { USD: 7.10, EUR: 7.70 }");
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string code, YamlNode keyNode, YamlNode value) in MappingReader.Entries(_r, map, Path))
        {
            string key = ConfigNodeReader.Child(Path, code);
            if (!ConfigNodeReader.IsCurrencyCode(code))
                throw _r.Error(key, keyNode, $"key '{key}' names '{code}', which is not a currency code of three upper-case letters", "write an ISO 4217 code such as USD");
            double rate = _r.Number(value, key, Bound.Positive);
            if (code == reportingCurrency && rate != 1.0)
                throw _r.Error(key, value, $"key '{key}' gives a rate for the reporting currency {code}, which is 1 by definition", "remove the entry");
            rates.Add(code, rate);
        }
        return rates;
    }

    private FtpConfig ReadFtp(YamlNode node)
    {
        const string Path = "ftp";
        MappingReader m = Open(node, Path, "a mapping with curve, liquidity_premium and non_maturity_term_years", ["curve", "liquidity_premium", "non_maturity_term_years"]);
        var ftp = new FtpConfig();
        if (m.Optional("curve") is { } curve)
            ftp = ftp with { Curve = ReadCurve(curve) };
        if (m.Optional("liquidity_premium") is { } premium)
            ftp = ftp with { LiquidityPremium = ReadProductMap(premium, "ftp.liquidity_premium", ftp.LiquidityPremium, Bound.Any) };
        if (m.Optional("non_maturity_term_years") is { } terms)
            ftp = ftp with { NonMaturityTermYears = ReadProductMap(terms, "ftp.non_maturity_term_years", ftp.NonMaturityTermYears, Bound.NonNegative) };
        return ftp;
    }

    private List<CurvePoint> ReadCurve(YamlNode node)
    {
        const string Path = "ftp.curve";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list of points such as [ {term_years: 1, rate: 0.019} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one {term_years, rate} point");
        var points = new List<CurvePoint>(list.Children.Count);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a point such as {term_years: 1, rate: 0.019}", ["term_years", "rate"]);
            YamlNode termNode = m.Required("term_years", "the point's term in years");
            double term = _r.Number(termNode, itemPath + ".term_years", Bound.NonNegative);
            double rate = _r.Number(m.Required("rate", "the point's annual rate as a decimal fraction"), itemPath + ".rate", Bound.Any);
            if (i > 0 && term <= points[i - 1].TermYears)
            {
                throw _r.Error(itemPath + ".term_years", termNode,
                    $"key '{itemPath}.term_years' is {Show(term)}, not greater than the previous point's term {Show(points[i - 1].TermYears)}",
                    "list the curve points in strictly increasing term order without repeats");
            }
            points.Add(new CurvePoint(term, rate));
        }
        return points;
    }

    private CostConfig ReadCosts(YamlNode node)
    {
        const string Path = "costs";
        MappingReader m = Open(node, Path, "a mapping with per_customer, per_account, per_fee_transaction and per_cross_sale_unit",
            ["per_customer", "per_account", "per_fee_transaction", "per_cross_sale_unit"]);
        var d = new CostConfig();
        return new CostConfig
        {
            PerCustomer = Number(m, "per_customer", d.PerCustomer, Bound.NonNegative),
            PerAccount = m.Optional("per_account") is { } perAccount
                ? ReadProductMap(perAccount, "costs.per_account", d.PerAccount, Bound.NonNegative)
                : d.PerAccount,
            PerFeeTransaction = Number(m, "per_fee_transaction", d.PerFeeTransaction, Bound.NonNegative),
            PerCrossSaleUnit = Number(m, "per_cross_sale_unit", d.PerCrossSaleUnit, Bound.NonNegative),
        };
    }

    private RiskConfig ReadRisk(YamlNode node)
    {
        const string Path = "risk";
        MappingReader m = Open(node, Path, "a mapping of risk parameters",
            ["pd_default", "pd_floor", "lgd_default", "ccf", "maturity_default_years", "capital_multiplier", "op_risk_alpha"]);
        var d = new RiskConfig();
        return new RiskConfig
        {
            PdDefault = Number(m, "pd_default", d.PdDefault, Bound.Unit),
            // Basel's maturity adjustment divides by 1 − 1.5·b, which reaches 0 near PD = 2.9e-6; 1e-5 keeps every PD well clear.
            PdFloor = Number(m, "pd_floor", d.PdFloor, new Bound(0.00001, true, 1, true), "because the IRB maturity adjustment breaks down for PD below about 3e-6"),
            LgdDefault = m.Optional("lgd_default") is { } lgd ? ReadProductMap(lgd, "risk.lgd_default", d.LgdDefault, Bound.Unit) : d.LgdDefault,
            Ccf = m.Optional("ccf") is { } ccf ? ReadProductMap(ccf, "risk.ccf", d.Ccf, Bound.Unit) : d.Ccf,
            MaturityDefaultYears = Number(m, "maturity_default_years", d.MaturityDefaultYears, Bound.Positive),
            CapitalMultiplier = Number(m, "capital_multiplier", d.CapitalMultiplier, Bound.NonNegative),
            OpRiskAlpha = Number(m, "op_risk_alpha", d.OpRiskAlpha, Bound.Unit),
        };
    }

    private CapitalConfig ReadCapital(YamlNode node)
    {
        MappingReader m = Open(node, "capital", "a mapping with hurdle_rate and tax_rate", ["hurdle_rate", "tax_rate"]);
        var d = new CapitalConfig();
        return new CapitalConfig
        {
            HurdleRate = Number(m, "hurdle_rate", d.HurdleRate, Bound.Unit),
            TaxRate = Number(m, "tax_rate", d.TaxRate, Bound.UnitExcludingOne),
        };
    }

    // The loan rate floor of docs/METHODOLOGY.md §4 divides by (1 − t) − h·α; at or below zero no lending rate reaches EVA = 0.
    private void CheckFloorDenominator(CapitalConfig capital, RiskConfig risk)
    {
        double denominator = (1 - capital.TaxRate) - capital.HurdleRate * risk.OpRiskAlpha;
        if (denominator > 0)
            return;
        throw _r.Error("capital.hurdle_rate", null,
            $"key 'capital.hurdle_rate' ({Show(capital.HurdleRate)}) times risk.op_risk_alpha ({Show(risk.OpRiskAlpha)}) must be below 1 − capital.tax_rate ({Show(1 - capital.TaxRate)}), otherwise no loan rate can earn EVA of zero",
            "lower the hurdle rate, the operational risk alpha or the tax rate");
    }

    private ScoreConfig ReadScore(YamlNode node)
    {
        MappingReader m = Open(node, "score", "a mapping with weights", ["weights"]);
        var d = new ScoreConfig();
        if (m.Optional("weights") is not { } weightsNode)
            return d;
        const string Path = "score.weights";
        MappingReader w = Open(weightsNode, Path, "a mapping such as { eva: 0.6, revenue: 0.2, products_held: 0.1, deposit_balance: 0.1 }",
            ["eva", "revenue", "products_held", "deposit_balance"]);
        var score = new ScoreConfig
        {
            EvaWeight = Number(w, "eva", d.EvaWeight, Bound.NonNegative),
            RevenueWeight = Number(w, "revenue", d.RevenueWeight, Bound.NonNegative),
            ProductsHeldWeight = Number(w, "products_held", d.ProductsHeldWeight, Bound.NonNegative),
            DepositBalanceWeight = Number(w, "deposit_balance", d.DepositBalanceWeight, Bound.NonNegative),
        };
        if (score.EvaWeight + score.RevenueWeight + score.ProductsHeldWeight + score.DepositBalanceWeight == 0)
            throw _r.Error(Path, weightsNode, $"every weight in '{Path}' is 0, so no customer could be ranked", "give at least one weight a positive value");
        return score;
    }

    private SegmentationConfig ReadSegmentation(YamlNode node)
    {
        MappingReader m = Open(node, "segmentation", "a mapping with tiers, risk_bands and clusters", ["tiers", "risk_bands", "clusters"]);
        var seg = new SegmentationConfig();
        if (m.Optional("tiers") is { } tiers)
            seg = seg with { Tiers = ReadTiers(tiers) };
        if (m.Optional("risk_bands") is { } bands)
            seg = seg with { RiskBands = ReadRiskBands(bands) };
        if (m.Optional("clusters") is { } clusters)
        {
            MappingReader c = Open(
                clusters, "segmentation.clusters", "a mapping such as { k: 6, seed: 42 }", ["k", "seed", "sample_size", "max_iterations"]);
            var d = new ClusterConfig();
            int k = c.Optional("k") is { } kNode ? _r.Integer(kNode, "segmentation.clusters.k", Bound.AtLeast(1)) : d.K;
            int seed = c.Optional("seed") is { } seedNode ? _r.Integer(seedNode, "segmentation.clusters.seed", Bound.AtLeast(0)) : d.Seed;
            int sampleSize = c.Optional("sample_size") is { } sampleNode
                ? _r.Integer(sampleNode, "segmentation.clusters.sample_size", Bound.AtLeast(1))
                : d.SampleSize;
            int maxIterations = c.Optional("max_iterations") is { } iterationsNode
                ? _r.Integer(iterationsNode, "segmentation.clusters.max_iterations", Bound.AtLeast(1))
                : d.MaxIterations;
            seg = seg with { Clusters = new ClusterConfig(k, seed, sampleSize, maxIterations) };
        }
        return seg;
    }

    private List<TierDefinition> ReadTiers(YamlNode node)
    {
        const string Path = "segmentation.tiers";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list such as [ {name: core, top_share: 0.2}, {name: basic, top_share: 1.0} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one tier, the last with top_share: 1.0");
        var tiers = new List<TierDefinition>(list.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        YamlNode? lastShareNode = null;
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a tier such as {name: core, top_share: 0.2}", ["name", "top_share"]);
            string name = ReadName(m, itemPath, names, "tier");
            YamlNode shareNode = m.Required("top_share", "the cumulative share of ranked customers up to this tier, in (0, 1]");
            double share = _r.Number(shareNode, itemPath + ".top_share", Bound.UnitExcludingZero);
            if (i > 0 && share <= tiers[i - 1].TopShare)
            {
                throw _r.Error(itemPath + ".top_share", shareNode,
                    $"key '{itemPath}.top_share' is {Show(share)}, not greater than the previous tier's {Show(tiers[i - 1].TopShare)}",
                    "list tiers with strictly increasing top_share ending at 1.0");
            }
            tiers.Add(new TierDefinition(name, share));
            lastShareNode = shareNode;
        }
        if (tiers[^1].TopShare != 1.0)
        {
            string key = ConfigNodeReader.Item(Path, tiers.Count - 1) + ".top_share";
            throw _r.Error(key, lastShareNode, $"key '{key}' is {Show(tiers[^1].TopShare)}, but the last tier must take every remaining customer",
                "set the last tier's top_share to exactly 1.0");
        }
        return tiers;
    }

    private List<RiskBandDefinition> ReadRiskBands(YamlNode node)
    {
        const string Path = "segmentation.risk_bands";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list such as [ {name: low, max_pd: 0.005}, {name: high, max_pd: 1.0} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one risk band");
        var bands = new List<RiskBandDefinition>(list.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a band such as {name: low, max_pd: 0.005}", ["name", "max_pd"]);
            string name = ReadName(m, itemPath, names, "risk band");
            YamlNode pdNode = m.Required("max_pd", "the highest PD in this band, in (0, 1]");
            double maxPd = _r.Number(pdNode, itemPath + ".max_pd", Bound.UnitExcludingZero);
            if (i > 0 && maxPd <= bands[i - 1].MaxPd)
            {
                throw _r.Error(itemPath + ".max_pd", pdNode,
                    $"key '{itemPath}.max_pd' is {Show(maxPd)}, not greater than the previous band's {Show(bands[i - 1].MaxPd)}",
                    "list risk bands with strictly increasing max_pd");
            }
            bands.Add(new RiskBandDefinition(name, maxPd));
        }
        return bands;
    }

    private string ReadName(MappingReader m, string itemPath, HashSet<string> seen, string what)
    {
        string key = itemPath + ".name";
        YamlNode nameNode = m.Required("name", $"the {what}'s name");
        string name = _r.Text(nameNode, key, $"the {what}'s name");
        if (!seen.Add(name))
            throw _r.Error(key, nameNode, $"key '{key}' repeats the {what} name '{name}'", $"give every {what} a different name");
        return name;
    }

    private PricingConfig ReadPricing(YamlNode? node, SegmentationConfig segmentation)
    {
        const string GridExpected = "a cell for every tier and risk band, such as grid: { strategic: { low: {loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30}, … }, … }";
        if (node is null)
            throw _r.Missing("pricing.grid", GridExpected);
        MappingReader m = Open(node, "pricing", "a mapping with the pricing settings and grid",
            ["standard_loan_term_years", "unit_cost_rate", "standard_loan_amount", "relationship_share", "grid"]);
        // Grid is required, so the defaults of the other settings come from a record with an empty grid.
        var d = new PricingConfig { Grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>() };
        double term = Number(m, "standard_loan_term_years", d.StandardLoanTermYears, Bound.Positive);
        double unitCost = Number(m, "unit_cost_rate", d.UnitCostRate, Bound.Unit);
        double amount = Number(m, "standard_loan_amount", d.StandardLoanAmount, Bound.Positive);
        double share = Number(m, "relationship_share", d.RelationshipShare, Bound.Unit);
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, PricingCell>> grid =
            ReadGrid(m.Required("grid", GridExpected), segmentation);
        return new PricingConfig
        {
            StandardLoanTermYears = term,
            UnitCostRate = unitCost,
            StandardLoanAmount = amount,
            RelationshipShare = share,
            Grid = grid,
        };
    }

    private Dictionary<string, IReadOnlyDictionary<string, PricingCell>> ReadGrid(YamlNode node, SegmentationConfig segmentation)
    {
        const string Path = "pricing.grid";
        YamlMappingNode map = _r.Mapping(node, Path, "a mapping of tier to risk band to cell");
        string tierList = JoinNames(segmentation.Tiers.Select(t => t.Name));
        string bandList = JoinNames(segmentation.RiskBands.Select(b => b.Name));
        var tierNames = segmentation.Tiers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var bandNames = segmentation.RiskBands.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);

        // Read what is there in document order first, so a misspelt tier is reported as unknown before its
        // correctly spelt twin is reported as missing.
        var cells = new Dictionary<string, Dictionary<string, PricingCell>>(StringComparer.Ordinal);
        foreach ((string tier, YamlNode tierKey, YamlNode tierValue) in MappingReader.Entries(_r, map, Path))
        {
            string tierPath = ConfigNodeReader.Child(Path, tier);
            if (!tierNames.Contains(tier))
                throw _r.Error(tierPath, tierKey, $"unknown key '{tierPath}': '{tier}' is not a tier in segmentation.tiers ({tierList})", "remove it, correct the name or add the tier");
            YamlMappingNode row = _r.Mapping(tierValue, tierPath, $"a mapping of risk band ({bandList}) to cell");
            var rowCells = new Dictionary<string, PricingCell>(StringComparer.Ordinal);
            foreach ((string band, YamlNode bandKey, YamlNode bandValue) in MappingReader.Entries(_r, row, tierPath))
            {
                string cellPath = ConfigNodeReader.Child(tierPath, band);
                if (!bandNames.Contains(band))
                    throw _r.Error(cellPath, bandKey, $"unknown key '{cellPath}': '{band}' is not a risk band in segmentation.risk_bands ({bandList})", "remove it, correct the name or add the band");
                rowCells.Add(band, ReadCell(bandValue, cellPath));
            }
            cells.Add(tier, rowCells);
        }

        // Then insist on the full tier × band cross, in configured order.
        var grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>(StringComparer.Ordinal);
        foreach (TierDefinition tier in segmentation.Tiers)
        {
            string tierPath = ConfigNodeReader.Child(Path, tier.Name);
            if (!cells.TryGetValue(tier.Name, out Dictionary<string, PricingCell>? row))
                throw _r.Missing(tierPath, $"a cell for each risk band ({bandList}), each with {CellExample}");
            var ordered = new Dictionary<string, PricingCell>(StringComparer.Ordinal);
            foreach (RiskBandDefinition band in segmentation.RiskBands)
            {
                if (!row.TryGetValue(band.Name, out PricingCell? cell))
                    throw _r.Missing(ConfigNodeReader.Child(tierPath, band.Name), $"the cell for tier '{tier.Name}' and risk band '{band.Name}' with {CellExample}");
                ordered.Add(band.Name, cell);
            }
            grid.Add(tier.Name, ordered);
        }
        return grid;
    }

    private PricingCell ReadCell(YamlNode node, string path)
    {
        MappingReader m = Open(node, path, "a cell such as {loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30}",
            ["loan_spread_bps", "deposit_rate_bps", "fee_discount"]);
        double loan = _r.Number(m.Required("loan_spread_bps", "the loan spread adjustment in basis points"), path + ".loan_spread_bps", Bound.Any);
        double deposit = _r.Number(m.Required("deposit_rate_bps", "the deposit rate adjustment in basis points"), path + ".deposit_rate_bps", Bound.Any);
        double fee = _r.Number(m.Required("fee_discount", "the fee discount as a fraction between 0 and 1"), path + ".fee_discount", Bound.Unit);
        return new PricingCell(loan, deposit, fee);
    }

    private EarlyWarningConfig ReadEarlyWarning(YamlNode node)
    {
        const string Path = "early_warning";
        MappingReader m = Open(node, Path, "a mapping of early-warning thresholds",
        [
            "dscr_min", "icr_min", "leverage_max", "current_ratio_min", "altman_distress", "altman_grey", "trend_periods",
            "trend_decline", "utilization_max", "deposit_outflow", "stale_months", "maturity_notice_days", "sicr_pd_ratio",
        ]);
        var d = new EarlyWarningConfig();
        var ew = new EarlyWarningConfig
        {
            DscrMin = Number(m, "dscr_min", d.DscrMin, Bound.NonNegative),
            IcrMin = Number(m, "icr_min", d.IcrMin, Bound.NonNegative),
            LeverageMax = Number(m, "leverage_max", d.LeverageMax, Bound.NonNegative),
            CurrentRatioMin = Number(m, "current_ratio_min", d.CurrentRatioMin, Bound.NonNegative),
            AltmanDistress = Number(m, "altman_distress", d.AltmanDistress, Bound.NonNegative),
            AltmanGrey = Number(m, "altman_grey", d.AltmanGrey, Bound.NonNegative),
            TrendPeriods = Integer(m, "trend_periods", d.TrendPeriods, Bound.AtLeast(2), "because a trend needs at least two statements"),
            TrendDecline = Number(m, "trend_decline", d.TrendDecline, Bound.Unit),
            UtilizationMax = Number(m, "utilization_max", d.UtilizationMax, Bound.Unit),
            DepositOutflow = Number(m, "deposit_outflow", d.DepositOutflow, Bound.Unit),
            StaleMonths = Integer(m, "stale_months", d.StaleMonths, Bound.AtLeast(0)),
            MaturityNoticeDays = Integer(m, "maturity_notice_days", d.MaturityNoticeDays, Bound.AtLeast(0)),
            SicrPdRatio = Number(m, "sicr_pd_ratio", d.SicrPdRatio, Bound.Positive),
        };
        if (ew.AltmanDistress > ew.AltmanGrey)
        {
            throw _r.Error("early_warning.altman_distress", null,
                $"key 'early_warning.altman_distress' is {Show(ew.AltmanDistress)}, above early_warning.altman_grey {Show(ew.AltmanGrey)}",
                "set altman_distress at or below altman_grey, since the grey zone lies between them");
        }
        return ew;
    }

    private RunConfig ReadRun(YamlNode node)
    {
        MappingReader m = Open(node, "run", "a mapping such as { max_reject_rate: 0.01 }", ["max_reject_rate"]);
        return new RunConfig { MaxRejectRate = Number(m, "max_reject_rate", new RunConfig().MaxRejectRate, Bound.Unit) };
    }

    private List<string> ReadConfidentialColumns(YamlNode node)
    {
        const string Path = "confidential_columns";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list of column names such as [customer_name]");
        var columns = new List<string>(list.Children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            string column = _r.Text(list.Children[i], itemPath, "a column name");
            if (!seen.Add(column))
                throw _r.Error(itemPath, list.Children[i], $"key '{itemPath}' repeats the column '{column}'", "list each column once");
            columns.Add(column);
        }
        return columns;
    }

    private ProductMap ReadProductMap(YamlNode node, string path, ProductMap defaults, Bound bound)
    {
        MappingReader m = Open(node, path, "a mapping of product to value, such as { loan: 0.45, overdraft: 0.45 }", ProductKeys, ProductRemedy);
        return new ProductMap(
            Number(m, "loan", defaults.Loan, bound),
            Number(m, "overdraft", defaults.Overdraft, bound),
            Number(m, "deposit", defaults.Deposit, bound),
            Number(m, "guarantee", defaults.Guarantee, bound));
    }

    private MappingReader Open(YamlNode node, string path, string expected, IReadOnlyCollection<string> keys, string? unknownRemedy = null) =>
        MappingReader.Open(_r, _r.Mapping(node, path, expected), path, keys, unknownRemedy);

    private double Number(MappingReader m, string key, double fallback, Bound bound, string? reason = null) =>
        m.Optional(key) is { } node ? _r.Number(node, ConfigNodeReader.Child(m.Path, key), bound, reason) : fallback;

    private int Integer(MappingReader m, string key, int fallback, Bound bound, string? reason = null) =>
        m.Optional(key) is { } node ? _r.Integer(node, ConfigNodeReader.Child(m.Path, key), bound, reason) : fallback;

    private static string JoinNames(IEnumerable<string> names) => string.Join(", ", names);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
