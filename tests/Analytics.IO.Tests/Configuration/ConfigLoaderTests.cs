using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.IO.Configuration;

namespace Analytics.Tests.Configuration;

public partial class ConfigLoaderTests
{
    private const string Source = "test.yaml";
    private const string Cell = "{loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: 0}";
    private static readonly string[] DefaultTiers = ["strategic", "core", "growth", "basic"];
    private static readonly string[] DefaultBands = ["low", "medium", "high"];

    private const string Head = "as_of: 2026-10-31\nperiod: { start: 2026-10-01, end: 2026-10-31 }\n";

    /// <summary>A pricing section whose grid has one row per tier, in flow style, one line each.</summary>
    private static string Pricing(string[] tiers, string[] bands) =>
        "pricing:\n  grid:\n" + string.Concat(tiers.Select(t =>
            $"    {t}: {{ {string.Join(", ", bands.Select(b => $"{b}: {Cell}"))} }}\n"));

    private static readonly string Minimal = Head + Pricing(DefaultTiers, DefaultBands);

    private static ConfigurationException Fails(string yaml, string expectedKey)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml, Source));
        Assert.Equal(expectedKey, e.Key);
        Assert.StartsWith(Source + ": ", e.Message);
        Assert.Contains(expectedKey, e.Message);
        Assert.True(e.Message.EndsWith('.') || e.Message.EndsWith('?'), e.Message);
        Assert.Equal(ErrorKind.Configuration, e.Kind);
        return e;
    }

    // ---------- values ----------

    [Fact]
    public void Minimal_config_gets_every_default()
    {
        EngineConfig c = ConfigLoader.Parse(Minimal, Source);

        Assert.Equal(new DateOnly(2026, 10, 31), c.AsOf);
        Assert.Equal(new ReportingPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), c.Period);
        Assert.Equal("CNY", c.ReportingCurrency);
        Assert.Empty(c.FxRates);
        var ftp = new FtpConfig();
        Assert.Equal(ftp.Curve, c.Ftp.Curve);
        Assert.Equal(new ProductMap(0.0010, 0.0015, -0.0005, 0), c.Ftp.LiquidityPremium);
        Assert.Equal(new ProductMap(1, 1, 1, 1), c.Ftp.NonMaturityTermYears);
        Assert.Equal(new CostConfig(), c.Costs);
        Assert.Equal(new RiskConfig(), c.Risk);
        Assert.Equal(new CapitalConfig(), c.Capital);
        Assert.Equal(new ScoreConfig(), c.Score);
        var seg = new SegmentationConfig();
        Assert.Equal(seg.Tiers, c.Segmentation.Tiers);
        Assert.Equal(seg.RiskBands, c.Segmentation.RiskBands);
        Assert.Equal(new ClusterConfig(6, 42, SampleSize: 20_000, MaxIterations: 100), c.Segmentation.Clusters);
        Assert.Equal(1.0, c.Pricing.StandardLoanTermYears);
        Assert.Equal(0.004, c.Pricing.UnitCostRate);
        Assert.Equal(1_000_000, c.Pricing.StandardLoanAmount);
        Assert.Equal(0.5, c.Pricing.RelationshipShare);
        Assert.Equal(DefaultTiers, c.Pricing.Grid.Keys);
        Assert.All(c.Pricing.Grid.Values, row => Assert.Equal(DefaultBands, row.Keys));
        Assert.Equal(new EarlyWarningConfig(), c.EarlyWarning);
        Assert.Equal(new RunConfig(), c.Run);
        Assert.Equal(["customer_name"], c.ConfidentialColumns);
        // D = 31 days (Oct 1..31 inclusive); Y = 31 / 365.
        Assert.Equal(31, c.PeriodDays);
    }

    private const string NonDefault = """
        as_of: 2025-06-30
        period:
          start: 2025-01-01
          end: 2025-06-30
        reporting_currency: USD
        fx_rates:
          CNY: 0.14
          EUR: 1.08
        ftp:
          curve:
            - { term_years: 0, rate: -0.001 }
            - { term_years: 2, rate: 0.01 }
            - { term_years: 7, rate: 2.5e-2 }
          liquidity_premium: { loan: 0.002, overdraft: 0.003, deposit: -0.001, guarantee: 0.0005 }
          non_maturity_term_years: { loan: 0.5, overdraft: 0.25, deposit: 2, guarantee: 3 }
        costs:
          per_customer: 600
          per_account: { loan: 310, overdraft: 160, deposit: 50, guarantee: 210 }
          per_fee_transaction: 1.25
          per_cross_sale_unit: 7
        risk:
          pd_default: 0.03
          pd_floor: 0.0005
          lgd_default: { loan: 0.4, overdraft: 0.5, deposit: 0.6, guarantee: 0.35 }
          ccf: { loan: 0.6, overdraft: 0.8, deposit: 0.1, guarantee: 0.4 }
          maturity_default_years: 3
          capital_multiplier: 1.06
          op_risk_alpha: 0.12
        capital:
          hurdle_rate: 0.10
          tax_rate: 0.30
        score:
          weights:
            eva: 0.5
            revenue: 0.3
            products_held: 0.15
            deposit_balance: 0.05
        segmentation:
          tiers:
            - name: top
              top_share: 0.1
            - name: rest
              top_share: 1
          risk_bands:
            - { name: a, max_pd: 0.01 }
            - { name: b, max_pd: 0.2 }
          clusters: { k: 4, seed: 7, sample_size: 500, max_iterations: 30 }
        pricing:
          standard_loan_term_years: 2.0
          unit_cost_rate: 0.005
          standard_loan_amount: 500000
          relationship_share: 0.25
          grid:
            top:
              a: { loan_spread_bps: -40, deposit_rate_bps: 20, fee_discount: 0.5 }
              b: { loan_spread_bps: -12.5, deposit_rate_bps: 8, fee_discount: 0.2 }
            rest:
              a: { loan_spread_bps: 5, deposit_rate_bps: -3, fee_discount: 0 }
              b: { loan_spread_bps: 60, deposit_rate_bps: 0, fee_discount: 1 }
        early_warning:
          dscr_min: 1.3
          icr_min: 1.6
          leverage_max: 4.5
          current_ratio_min: 1.1
          altman_distress: 1.0
          altman_grey: 2.5
          trend_periods: 4
          trend_decline: 0.25
          utilization_max: 0.85
          deposit_outflow: 0.35
          stale_months: 12
          maturity_notice_days: 60
          sicr_pd_ratio: 2.5
        run:
          max_reject_rate: 0.05
        confidential_columns: [customer_name, tax_id]
        """;

    [Fact]
    public void Every_key_is_read_when_it_differs_from_its_default()
    {
        EngineConfig c = ConfigLoader.Parse(NonDefault, Source);

        Assert.Equal(new DateOnly(2025, 6, 30), c.AsOf);
        Assert.Equal(new ReportingPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)), c.Period);
        // 2025-01-01..2025-06-30 = 31+28+31+30+31+30 = 181 days.
        Assert.Equal(181, c.PeriodDays);
        Assert.Equal("USD", c.ReportingCurrency);
        Assert.Equal(new Dictionary<string, double> { ["CNY"] = 0.14, ["EUR"] = 1.08 }, c.FxRates);
        Assert.Equal([new CurvePoint(0, -0.001), new CurvePoint(2, 0.01), new CurvePoint(7, 0.025)], c.Ftp.Curve);
        Assert.Equal(new ProductMap(0.002, 0.003, -0.001, 0.0005), c.Ftp.LiquidityPremium);
        Assert.Equal(new ProductMap(0.5, 0.25, 2, 3), c.Ftp.NonMaturityTermYears);
        Assert.Equal(new CostConfig
        {
            PerCustomer = 600, PerAccount = new(310, 160, 50, 210), PerFeeTransaction = 1.25,
            PerCrossSaleUnit = 7
        }, c.Costs);
        Assert.Equal(new RiskConfig
        {
            PdDefault = 0.03, PdFloor = 0.0005, LgdDefault = new(0.4, 0.5, 0.6, 0.35), Ccf = new(0.6, 0.8, 0.1, 0.4),
            MaturityDefaultYears = 3, CapitalMultiplier = 1.06, OpRiskAlpha = 0.12,
        }, c.Risk);
        Assert.Equal(new CapitalConfig { HurdleRate = 0.10, TaxRate = 0.30 }, c.Capital);
        Assert.Equal(new ScoreConfig { EvaWeight = 0.5, RevenueWeight = 0.3, ProductsHeldWeight = 0.15, DepositBalanceWeight = 0.05 },
            c.Score);
        Assert.Equal([new TierDefinition("top", 0.1), new TierDefinition("rest", 1.0)], c.Segmentation.Tiers);
        Assert.Equal([new RiskBandDefinition("a", 0.01), new RiskBandDefinition("b", 0.2)], c.Segmentation.RiskBands);
        Assert.Equal(new ClusterConfig(4, 7, SampleSize: 500, MaxIterations: 30), c.Segmentation.Clusters);
        Assert.Equal(2.0, c.Pricing.StandardLoanTermYears);
        Assert.Equal(0.005, c.Pricing.UnitCostRate);
        Assert.Equal(500_000, c.Pricing.StandardLoanAmount);
        Assert.Equal(0.25, c.Pricing.RelationshipShare);
        Assert.Equal(new PricingCell(-40, 20, 0.5), c.Pricing.Grid["top"]["a"]);
        Assert.Equal(new PricingCell(-12.5, 8, 0.2), c.Pricing.Grid["top"]["b"]);
        Assert.Equal(new PricingCell(5, -3, 0), c.Pricing.Grid["rest"]["a"]);
        Assert.Equal(new PricingCell(60, 0, 1), c.Pricing.Grid["rest"]["b"]);
        Assert.Equal(new EarlyWarningConfig
        {
            DscrMin = 1.3, IcrMin = 1.6, LeverageMax = 4.5, CurrentRatioMin = 1.1, AltmanDistress = 1.0, AltmanGrey = 2.5,
            TrendPeriods = 4, TrendDecline = 0.25, UtilizationMax = 0.85, DepositOutflow = 0.35, StaleMonths = 12,
            MaturityNoticeDays = 60, SicrPdRatio = 2.5,
        }, c.EarlyWarning);
        Assert.Equal(0.05, c.Run.MaxRejectRate);
        Assert.Equal(["customer_name", "tax_id"], c.ConfidentialColumns);
    }

    [Fact]
    public void Contract_example_in_flow_style_parses_to_the_documented_values()
    {
        // The contract's example configuration (docs/METHODOLOGY.md §2) verbatim, with its elided grid written out and no
        // deposit entry in lgd/ccf, as in that example.
        string yaml = """
            as_of: 2026-10-31
            period: { start: 2026-10-01, end: 2026-10-31 }
            reporting_currency: CNY
            fx_rates: { USD: 7.10, EUR: 7.70 }       # reporting units per 1 unit
            ftp:
              curve: [ {term_years: 0.25, rate: 0.0165}, {term_years: 1, rate: 0.0190},
                       {term_years: 3, rate: 0.0225}, {term_years: 5, rate: 0.0250}, {term_years: 10, rate: 0.0280} ]
              liquidity_premium: { loan: 0.0010, overdraft: 0.0015, deposit: -0.0005, guarantee: 0 }
              non_maturity_term_years: { loan: 1.0, overdraft: 1.0, deposit: 1.0, guarantee: 1.0 }
            costs:
              per_customer: 500
              per_account: { loan: 300, overdraft: 150, deposit: 40, guarantee: 200 }
              per_fee_transaction: 0.8
              per_cross_sale_unit: 5
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
              tiers: [ {name: strategic, top_share: 0.05}, {name: core, top_share: 0.20},
                       {name: growth, top_share: 0.50}, {name: basic, top_share: 1.0} ]
              risk_bands: [ {name: low, max_pd: 0.005}, {name: medium, max_pd: 0.03}, {name: high, max_pd: 1.0} ]
              clusters: { k: 6, seed: 42 }
            pricing:
              standard_loan_term_years: 1.0
              unit_cost_rate: 0.004
              standard_loan_amount: 1000000
              relationship_share: 0.5
              grid:
                strategic:
                  low: {loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30}
                  medium: {loan_spread_bps: -20, deposit_rate_bps: 10, fee_discount: 0.25}
                  high: {loan_spread_bps: 0, deposit_rate_bps: 5, fee_discount: 0.10}
                core:
                  low: {loan_spread_bps: -20, deposit_rate_bps: 10, fee_discount: 0.20}
                  medium: {loan_spread_bps: -10, deposit_rate_bps: 5, fee_discount: 0.15}
                  high: {loan_spread_bps: 10, deposit_rate_bps: 0, fee_discount: 0.05}
                growth:
                  low: {loan_spread_bps: -10, deposit_rate_bps: 5, fee_discount: 0.10}
                  medium: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: 0.05}
                  high: {loan_spread_bps: 25, deposit_rate_bps: 0, fee_discount: 0}
                basic:
                  low: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: 0}
                  medium: {loan_spread_bps: 15, deposit_rate_bps: 0, fee_discount: 0}
                  high: {loan_spread_bps: 50, deposit_rate_bps: 0, fee_discount: 0}
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
            """;
        EngineConfig c = ConfigLoader.Parse(yaml, Source);
        AssertContractExample(c);
    }

    [Fact]
    public void Docs_example_file_loads_with_every_default_and_a_full_grid()
    {
        string path = Path.Combine(RepoRoot(), "docs", "config.example.yaml");
        EngineConfig c = ConfigLoader.Load(path);
        AssertContractExample(c);
        Assert.Equal(["customer_name"], c.ConfidentialColumns);
    }

    private static void AssertContractExample(EngineConfig c)
    {
        Assert.Equal(new DateOnly(2026, 10, 31), c.AsOf);
        Assert.Equal(new ReportingPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), c.Period);
        Assert.Equal("CNY", c.ReportingCurrency);
        Assert.Equal(new Dictionary<string, double> { ["USD"] = 7.10, ["EUR"] = 7.70 }, c.FxRates);
        Assert.Equal([new CurvePoint(0.25, 0.0165), new CurvePoint(1, 0.0190), new CurvePoint(3, 0.0225), new CurvePoint(5, 0.0250),
            new CurvePoint(10, 0.0280)], c.Ftp.Curve);
        Assert.Equal(new ProductMap(0.0010, 0.0015, -0.0005, 0), c.Ftp.LiquidityPremium);
        Assert.Equal(new ProductMap(1, 1, 1, 1), c.Ftp.NonMaturityTermYears);
        Assert.Equal(new CostConfig
        {
            PerCustomer = 500, PerAccount = new(300, 150, 40, 200), PerFeeTransaction = 0.8,
            PerCrossSaleUnit = 5
        }, c.Costs);
        Assert.Equal(new RiskConfig
        {
            PdDefault = 0.02, PdFloor = 0.0003, LgdDefault = new(0.45, 0.45, 0.45, 0.45), Ccf = new(0.50, 0.75, 0, 0.50),
            MaturityDefaultYears = 2.5, CapitalMultiplier = 1.0, OpRiskAlpha = 0.15,
        }, c.Risk);
        Assert.Equal(new CapitalConfig { HurdleRate = 0.12, TaxRate = 0.25 }, c.Capital);
        Assert.Equal(new ScoreConfig { EvaWeight = 0.6, RevenueWeight = 0.2, ProductsHeldWeight = 0.1, DepositBalanceWeight = 0.1 },
            c.Score);
        Assert.Equal([new TierDefinition("strategic", 0.05), new TierDefinition("core", 0.20), new TierDefinition("growth", 0.50),
            new TierDefinition("basic", 1.0)], c.Segmentation.Tiers);
        Assert.Equal([new RiskBandDefinition("low", 0.005), new RiskBandDefinition("medium", 0.03), new RiskBandDefinition("high", 1.0)],
            c.Segmentation.RiskBands);
        Assert.Equal(new ClusterConfig(6, 42, SampleSize: 20_000, MaxIterations: 100), c.Segmentation.Clusters);
        Assert.Equal(1.0, c.Pricing.StandardLoanTermYears);
        Assert.Equal(0.004, c.Pricing.UnitCostRate);
        Assert.Equal(1_000_000, c.Pricing.StandardLoanAmount);
        Assert.Equal(0.5, c.Pricing.RelationshipShare);
        Assert.Equal(DefaultTiers, c.Pricing.Grid.Keys);
        Assert.Equal(new PricingCell(-30, 15, 0.30), c.Pricing.Grid["strategic"]["low"]);
        Assert.Equal(new PricingCell(-10, 5, 0.15), c.Pricing.Grid["core"]["medium"]);
        Assert.Equal(new PricingCell(25, 0, 0), c.Pricing.Grid["growth"]["high"]);
        Assert.Equal(new PricingCell(50, 0, 0), c.Pricing.Grid["basic"]["high"]);
        Assert.Equal(new EarlyWarningConfig
        {
            DscrMin = 1.2, IcrMin = 1.5, LeverageMax = 5.0, CurrentRatioMin = 1.0, AltmanDistress = 1.1, AltmanGrey = 2.6,
            TrendPeriods = 3, TrendDecline = 0.20, UtilizationMax = 0.90, DepositOutflow = 0.30, StaleMonths = 15,
            MaturityNoticeDays = 30, SicrPdRatio = 2.0,
        }, c.EarlyWarning);
        Assert.Equal(0.01, c.Run.MaxRejectRate);
    }

    [Fact]
    public void Partial_product_maps_keep_the_defaults_of_missing_products()
    {
        EngineConfig c = ConfigLoader.Parse(Minimal + "risk: { ccf: { overdraft: 1 } }\ncosts: { per_account: { deposit: 0 } }\n", Source);
        Assert.Equal(new ProductMap(0.50, 1, 0, 0.50), c.Risk.Ccf);
        Assert.Equal(new ProductMap(300, 150, 0, 200), c.Costs.PerAccount);
    }

    [Fact]
    public void Boundary_values_that_are_allowed_parse()
    {
        string yaml = Minimal + """
            risk: { pd_default: 0, pd_floor: 1, op_risk_alpha: 0, capital_multiplier: 0 }
            capital: { hurdle_rate: 0, tax_rate: 0 }
            score: { weights: { eva: 0, revenue: 0, products_held: 0, deposit_balance: 1e-9 } }
            early_warning:
              { trend_periods: 2, stale_months: 0, maturity_notice_days: 0, altman_distress: 2.6, altman_grey: 2.6, dscr_min: 0 }
            run: { max_reject_rate: 1 }
            confidential_columns: []
            ftp: { curve: [ {term_years: 0, rate: -0.5} ] }
            """;
        EngineConfig c = ConfigLoader.Parse(yaml, Source);
        Assert.Equal(1, c.Risk.PdFloor);
        Assert.Equal(1e-9, c.Score.DepositBalanceWeight);
        Assert.Equal(2, c.EarlyWarning.TrendPeriods);
        Assert.Equal(2.6, c.EarlyWarning.AltmanDistress);
        Assert.Empty(c.ConfidentialColumns);
        Assert.Equal([new CurvePoint(0, -0.5)], c.Ftp.Curve);
    }
}
