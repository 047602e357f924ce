using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.IO.Configuration;

namespace Analytics.Tests.Configuration;

public class ConfigLoaderTests
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

    [Fact]
    public void Last_risk_band_may_stop_below_one()
    {
        string yaml = Head + "segmentation: { risk_bands: [ {name: ok, max_pd: 0.02}, {name: bad, max_pd: 0.5} ] }\n"
            + Pricing(DefaultTiers, ["ok", "bad"]);
        EngineConfig c = ConfigLoader.Parse(yaml, Source);
        Assert.Equal(0.5, c.Segmentation.RiskBands[^1].MaxPd);
    }

    [Fact]
    public void Dates_may_be_quoted_and_numbers_may_carry_a_sign_or_exponent()
    {
        string yaml = "as_of: '2026-10-31'\nperiod: { start: \"2026-10-01\", end: 2026-10-31 }\ncosts: { per_customer: +5e2 }\n"
            + Pricing(DefaultTiers, DefaultBands);
        EngineConfig c = ConfigLoader.Parse(yaml, Source);
        Assert.Equal(new DateOnly(2026, 10, 31), c.AsOf);
        Assert.Equal(500, c.Costs.PerCustomer);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        string dir = Directory.CreateTempSubdirectory("cfg").FullName;
        try
        {
            string good = Path.Combine(dir, "good.yaml");
            File.WriteAllText(good, Minimal);
            Assert.Equal(new DateOnly(2026, 10, 31), ConfigLoader.Load(good).AsOf);

            string bad = Path.Combine(dir, "bad.yaml");
            File.WriteAllText(bad, Minimal + "colour: red\n");
            var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(bad));
            Assert.Equal("colour", e.Key);
            Assert.StartsWith(bad + ": unknown key 'colour'", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // ---------- file-level errors ----------

    [Fact]
    public void Missing_file_is_a_configuration_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "config.yaml");
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Equal("", e.Key);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Equal(ErrorKind.Configuration, e.Kind);
    }

    [Fact]
    public void A_folder_is_not_a_configuration_file()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Path.GetTempPath()));
        Assert.Equal("", e.Key);
        Assert.Contains("is a folder", e.Message);
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        var e = Fails(Minimal + "ftp: { curve: [ {term_years: 1, rate: 0.01}\n", "");
        Assert.Contains("not valid YAML at line ", e.Message);
    }

    [Fact]
    public void Unknown_key_message_is_one_plain_sentence()
    {
        // Minimal has 8 lines, so the appended costs mapping starts on line 9 and its key sits on line 10.
        var e = Fails(Minimal + "costs:\n  per_custmer: 500\n", "costs.per_custmer");
        Assert.Equal("test.yaml: unknown key 'costs.per_custmer' (line 10); remove it or check the spelling against the "
            + "configuration reference.", e.Message);
    }

    [Fact]
    public void Missing_grid_cell_message_names_the_cell_and_what_to_add()
    {
        string yaml = Head + Pricing(DefaultTiers, DefaultBands).Replace("    growth: { low: " + Cell + ", medium: " + Cell + ", ",
            "    growth: { low: " + Cell + ", ");
        var e = Fails(yaml, "pricing.grid.growth.medium");
        Assert.Equal("test.yaml: required key 'pricing.grid.growth.medium' is missing; add it with the cell for tier 'growth' and risk "
            + "band 'medium' with loan_spread_bps, deposit_rate_bps and fee_discount.", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    public void File_without_a_settings_mapping_is_refused(string yaml) => Fails(yaml, "");

    [Fact]
    public void Several_documents_are_refused()
    {
        var e = Fails(Minimal + "---\n" + Minimal, "");
        Assert.Contains("2 YAML documents", e.Message);
    }

    // ---------- key errors: each case appends to the minimal config ----------

    [Theory]
    // unknown keys at every level
    [InlineData("colour: red", "colour")]
    [InlineData("costs: { per_custmer: 500 }", "costs.per_custmer")]
    [InlineData("costs: { per_account: { loans: 3 } }", "costs.per_account.loans")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: 0.01, note: x} ] }", "ftp.curve[0].note")]
    [InlineData("score: { weights: { evaa: 1 } }", "score.weights.evaa")]
    [InlineData("segmentation: { clusters: { k: 3, seeds: 1 } }", "segmentation.clusters.seeds")]
    [InlineData("run: { max_reject: 0.1 }", "run.max_reject")]
    [InlineData("early_warning: { dscr: 1 }", "early_warning.dscr")]
    [InlineData("? [a, b]\n: 1", "")]
    // duplicates, including inside lists
    [InlineData("as_of: 2026-10-30", "as_of")]
    [InlineData("costs: { per_customer: 1, per_customer: 2 }", "costs.per_customer")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: 0.1}, {term_years: 2, term_years: 3, rate: 0.1} ] }", "ftp.curve[1].term_years")]
    [InlineData("fx_rates: { USD: 7, EUR: 8, USD: 7 }", "fx_rates.USD")]
    // wrong types and empty values
    [InlineData("costs: { per_customer: abc }", "costs.per_customer")]
    [InlineData("costs: { per_customer: '500' }", "costs.per_customer")]
    [InlineData("costs: { per_customer: [500] }", "costs.per_customer")]
    [InlineData("costs:\n  per_customer: 1,5", "costs.per_customer")]
    [InlineData("costs: { per_customer: }", "costs.per_customer")]
    [InlineData("costs:", "costs")]
    [InlineData("costs: 5", "costs")]
    [InlineData("ftp: { curve: { term_years: 1, rate: 0.01 } }", "ftp.curve")]
    [InlineData("ftp: { curve: [ 1 ] }", "ftp.curve[0]")]
    [InlineData("ftp: { curve: [ {term_years: 1} ] }", "ftp.curve[0].rate")]
    [InlineData("ftp: { curve: [ {rate: 0.01} ] }", "ftp.curve[0].term_years")]
    [InlineData("segmentation: { clusters: { k: 2.5 } }", "segmentation.clusters.k")]
    [InlineData("early_warning: { trend_periods: 3.0 }", "early_warning.trend_periods")]
    [InlineData("confidential_columns: customer_name", "confidential_columns")]
    [InlineData("confidential_columns: [customer_name, '']", "confidential_columns[1]")]
    [InlineData("confidential_columns: [customer_name, [a]]", "confidential_columns[1]")]
    [InlineData("confidential_columns: [tax_id, tax_id]", "confidential_columns[1]")]
    // non-finite numbers
    [InlineData("costs: { per_customer: .nan }", "costs.per_customer")]
    [InlineData("costs: { per_customer: .inf }", "costs.per_customer")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: -.inf} ] }", "ftp.curve[0].rate")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: NaN} ] }", "ftp.curve[0].rate")]
    [InlineData("costs: { per_customer: Infinity }", "costs.per_customer")]
    [InlineData("costs: { per_customer: 1e400 }", "costs.per_customer")]
    // currencies and fx
    [InlineData("reporting_currency: cny", "reporting_currency")]
    [InlineData("reporting_currency: CNYX", "reporting_currency")]
    [InlineData("reporting_currency: 123", "reporting_currency")]
    [InlineData("fx_rates: { usd: 7.1 }", "fx_rates.usd")]
    [InlineData("fx_rates: { USD: 0 }", "fx_rates.USD")]
    [InlineData("fx_rates: { USD: -7.1 }", "fx_rates.USD")]
    [InlineData("fx_rates: { USD: .nan }", "fx_rates.USD")]
    [InlineData("fx_rates: { CNY: 2 }", "fx_rates.CNY")]
    [InlineData("fx_rates: [USD]", "fx_rates")]
    // ftp
    [InlineData("ftp: { curve: [] }", "ftp.curve")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: 0.01}, {term_years: 1, rate: 0.02} ] }", "ftp.curve[1].term_years")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: 0.01}, {term_years: 3, rate: 0.02}, {term_years: 2, rate: 0.03} ] }",
        "ftp.curve[2].term_years")]
    [InlineData("ftp: { curve: [ {term_years: 1, rate: 0.01}, {term_years: 3, rate: 0.02}, {term_years: 5, rate: x} ] }",
        "ftp.curve[2].rate")]
    [InlineData("ftp: { curve: [ {term_years: -1, rate: 0.01} ] }", "ftp.curve[0].term_years")]
    [InlineData("ftp: { non_maturity_term_years: { deposit: -1 } }", "ftp.non_maturity_term_years.deposit")]
    [InlineData("ftp: { liquidity_premium: { cards: 0 } }", "ftp.liquidity_premium.cards")]
    // costs
    [InlineData("costs: { per_customer: -1 }", "costs.per_customer")]
    [InlineData("costs: { per_account: { guarantee: -0.01 } }", "costs.per_account.guarantee")]
    [InlineData("costs: { per_fee_transaction: -0.1 }", "costs.per_fee_transaction")]
    [InlineData("costs: { per_cross_sale_unit: -5 }", "costs.per_cross_sale_unit")]
    // risk
    [InlineData("risk: { pd_default: 1.5 }", "risk.pd_default")]
    [InlineData("risk: { pd_default: -0.01 }", "risk.pd_default")]
    [InlineData("risk: { pd_floor: 0 }", "risk.pd_floor")]
    [InlineData("risk: { pd_floor: 0.000009 }", "risk.pd_floor")]
    [InlineData("risk: { pd_floor: 1.01 }", "risk.pd_floor")]
    [InlineData("risk: { lgd_default: { loan: 1.2 } }", "risk.lgd_default.loan")]
    [InlineData("risk: { lgd_default: { overdraft: -0.1 } }", "risk.lgd_default.overdraft")]
    [InlineData("risk: { ccf: { guarantee: 1.01 } }", "risk.ccf.guarantee")]
    [InlineData("risk: { maturity_default_years: 0 }", "risk.maturity_default_years")]
    [InlineData("risk: { capital_multiplier: -1 }", "risk.capital_multiplier")]
    [InlineData("risk: { op_risk_alpha: -0.01 }", "risk.op_risk_alpha")]
    // capital
    [InlineData("capital: { hurdle_rate: -0.01 }", "capital.hurdle_rate")]
    [InlineData("capital: { tax_rate: 1 }", "capital.tax_rate")]
    [InlineData("capital: { tax_rate: -0.1 }", "capital.tax_rate")]
    // (1 − 0.5) − 1·0.5 = 0: the loan floor's denominator vanishes
    [InlineData("capital: { hurdle_rate: 1, tax_rate: 0.5 }\nrisk: { op_risk_alpha: 0.5 }", "capital.hurdle_rate")]
    // score
    [InlineData("score: { weights: { eva: -0.1 } }", "score.weights.eva")]
    [InlineData("score: { weights: { eva: 0, revenue: 0, products_held: 0, deposit_balance: 0 } }", "score.weights")]
    // tiers
    [InlineData("segmentation: { tiers: [] }", "segmentation.tiers")]
    [InlineData("segmentation: { tiers: [ {name: '', top_share: 1} ] }", "segmentation.tiers[0].name")]
    [InlineData("segmentation: { tiers: [ {top_share: 1} ] }", "segmentation.tiers[0].name")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0.5}, {name: a, top_share: 1} ] }", "segmentation.tiers[1].name")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0.5}, {name: b, top_share: 0.5}, {name: c, top_share: 1} ] }",
        "segmentation.tiers[1].top_share")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0}, {name: b, top_share: 1} ] }", "segmentation.tiers[0].top_share")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0.5}, {name: b, top_share: 1.2} ] }", "segmentation.tiers[1].top_share")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0.5}, {name: b, top_share: 0.9} ] }", "segmentation.tiers[1].top_share")]
    [InlineData("segmentation: { tiers: [ {name: a, top_share: 0.5}, {name: b} ] }", "segmentation.tiers[1].top_share")]
    // risk bands
    [InlineData("segmentation: { risk_bands: [] }", "segmentation.risk_bands")]
    [InlineData("segmentation: { risk_bands: [ {name: x, max_pd: 0.1}, {name: x, max_pd: 1} ] }", "segmentation.risk_bands[1].name")]
    [InlineData("segmentation: { risk_bands: [ {name: x, max_pd: 0.1}, {name: y, max_pd: 0.1} ] }", "segmentation.risk_bands[1].max_pd")]
    [InlineData("segmentation: { risk_bands: [ {name: x, max_pd: 0} ] }", "segmentation.risk_bands[0].max_pd")]
    [InlineData("segmentation: { risk_bands: [ {name: x, max_pd: 1.5} ] }", "segmentation.risk_bands[0].max_pd")]
    // clusters
    [InlineData("segmentation: { clusters: { k: 0 } }", "segmentation.clusters.k")]
    [InlineData("segmentation: { clusters: { seed: -1 } }", "segmentation.clusters.seed")]
    [InlineData("segmentation: { clusters: { sample_size: 0 } }", "segmentation.clusters.sample_size")]
    [InlineData("segmentation: { clusters: { sample_size: 100.5 } }", "segmentation.clusters.sample_size")]
    [InlineData("segmentation: { clusters: { max_iterations: 0 } }", "segmentation.clusters.max_iterations")]
    [InlineData("segmentation: { clusters: { max_iterations: -3 } }", "segmentation.clusters.max_iterations")]
    [InlineData("segmentation: { clusters: { sample: 100 } }", "segmentation.clusters.sample")]
    // early warning
    [InlineData("early_warning: { dscr_min: -1 }", "early_warning.dscr_min")]
    [InlineData("early_warning: { icr_min: -1 }", "early_warning.icr_min")]
    [InlineData("early_warning: { leverage_max: -1 }", "early_warning.leverage_max")]
    [InlineData("early_warning: { current_ratio_min: -1 }", "early_warning.current_ratio_min")]
    [InlineData("early_warning: { trend_decline: -0.2 }", "early_warning.trend_decline")]
    [InlineData("early_warning: { utilization_max: -0.9 }", "early_warning.utilization_max")]
    [InlineData("early_warning: { deposit_outflow: -0.3 }", "early_warning.deposit_outflow")]
    [InlineData("early_warning: { trend_periods: 1 }", "early_warning.trend_periods")]
    [InlineData("early_warning: { stale_months: -1 }", "early_warning.stale_months")]
    [InlineData("early_warning: { maturity_notice_days: -1 }", "early_warning.maturity_notice_days")]
    [InlineData("early_warning: { sicr_pd_ratio: 0 }", "early_warning.sicr_pd_ratio")]
    [InlineData("early_warning: { altman_distress: 3 }", "early_warning.altman_distress")]
    [InlineData("early_warning: { altman_distress: 1.1, altman_grey: 1.0 }", "early_warning.altman_distress")]
    // run
    [InlineData("run: { max_reject_rate: 1.5 }", "run.max_reject_rate")]
    [InlineData("run: { max_reject_rate: -0.01 }", "run.max_reject_rate")]
    public void Bad_setting_names_its_key(string extra, string expectedKey) => Fails(Minimal + extra + "\n", expectedKey);

    // ---------- errors in the required sections ----------

    public static TheoryData<string, string> RequiredSectionCases()
    {
        string grid = Pricing(DefaultTiers, DefaultBands);
        string period = "period: { start: 2026-10-01, end: 2026-10-31 }\n";
        return new TheoryData<string, string>
        {
            { period + grid, "as_of" },
            { "as_of:\n" + period + grid, "as_of" },
            { "as_of: 2026-13-01\n" + period + grid, "as_of" },
            { "as_of: 31/10/2026\n" + period + grid, "as_of" },
            { "as_of: 20261031\n" + period + grid, "as_of" },
            { "as_of: 2026-10-31\n" + grid, "period" },
            { "as_of: 2026-10-31\nperiod: 2026-10\n" + grid, "period" },
            { "as_of: 2026-10-31\nperiod: { end: 2026-10-31 }\n" + grid, "period.start" },
            { "as_of: 2026-10-31\nperiod: { start: 2026-10-01 }\n" + grid, "period.end" },
            { "as_of: 2026-10-31\nperiod: { start: 2026-10-01, end: 2026-09-30 }\n" + grid, "period.end" },
            { "as_of: 2026-10-31\nperiod: { start: 2026-10-01, end: 2026-10-31, length: 31 }\n" + grid, "period.length" },
            { Head, "pricing.grid" },
            { Head + "pricing: { unit_cost_rate: 0.004 }\n", "pricing.grid" },
            { Head + "pricing: { grid: {} }\n", "pricing.grid.strategic" },
            { Head + "pricing: { grid: [] }\n", "pricing.grid" },
            { Head + Pricing(["strategic", "core", "basic"], DefaultBands), "pricing.grid.growth" },
            { Head + Pricing(["strategic", "core", "growth", "basic", "platinum"], DefaultBands), "pricing.grid.platinum" },
            { Head + Pricing(["strategic", "core", "growht", "basic"], DefaultBands), "pricing.grid.growht" },
            { Head + Pricing(DefaultTiers, ["low", "medium", "high", "severe"]), "pricing.grid.strategic.severe" },
            { Head + Pricing(DefaultTiers, ["low", "high"]), "pricing.grid.strategic.medium" },
            { Head + grid.Replace("    core: { low: " + Cell, "    core: { low: {loan_spread_bps: 0, deposit_rate_bps: 0}"),
                "pricing.grid.core.low.fee_discount" },
            { Head + grid.Replace("    core: { low: " + Cell,
                "    core: { low: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: 1.5}"), "pricing.grid.core.low.fee_discount" },
            { Head + grid.Replace("    core: { low: " + Cell,
                "    core: { low: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: -0.1}"), "pricing.grid.core.low.fee_discount" },
            { Head + grid.Replace("    core: { low: " + Cell,
                "    core: { low: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discout: 0.1}"), "pricing.grid.core.low.fee_discout" },
            { Head + grid.Replace("    core: { low: " + Cell,
                "    core: { low: {loan_spread_bps: wide, deposit_rate_bps: 0, fee_discount: 0}"),
                "pricing.grid.core.low.loan_spread_bps" },
            { Head + grid.Replace("    core: { low: " + Cell,
                "    core: { low: {loan_spread_bps: 0, deposit_rate_bps: 0, fee_discount: 0, fee_discount: 0}"),
                "pricing.grid.core.low.fee_discount" },
            { Head + grid.Replace("    core: { low: " + Cell, "    core: { low: 5"), "pricing.grid.core.low" },
            { Head + grid.Replace("    core: { low: " + Cell + ", medium: " + Cell + ", high: " + Cell + " }", "    core: 0"),
                "pricing.grid.core" },
            { Head + grid.Replace("  grid:", "  standard_loan_term_years: 0\n  grid:"), "pricing.standard_loan_term_years" },
            { Head + grid.Replace("  grid:", "  unit_cost_rate: -0.001\n  grid:"), "pricing.unit_cost_rate" },
            { Head + grid.Replace("  grid:", "  standard_loan_amount: 0\n  grid:"), "pricing.standard_loan_amount" },
            { Head + grid.Replace("  grid:", "  relationship_share: 1.1\n  grid:"), "pricing.relationship_share" },
            { Head + grid.Replace("  grid:", "  relationship_share: -0.1\n  grid:"), "pricing.relationship_share" },
        };
    }

    [Theory]
    [MemberData(nameof(RequiredSectionCases))]
    public void Bad_required_section_names_its_key(string yaml, string expectedKey) => Fails(yaml, expectedKey);

    [Fact]
    public void Grid_follows_configured_tiers_and_bands_not_the_defaults()
    {
        // With custom tiers the default tier names become unknown grid keys.
        string yaml = Head + "segmentation: { tiers: [ {name: top, top_share: 0.3}, {name: rest, top_share: 1} ] }\n"
            + Pricing(["top", "rest", "core"], DefaultBands);
        Fails(yaml, "pricing.grid.core");
    }

    [Fact]
    public void Range_errors_state_the_value_and_the_allowed_range()
    {
        var e = Fails(Minimal + "risk: { pd_floor: 0 }\n", "risk.pd_floor");
        Assert.Equal("test.yaml: key 'risk.pd_floor' is 0 but must be between 0.00001 and 1 because the IRB maturity adjustment breaks "
            + "down for PD below about 3e-6 (line 9); set a value that is between 0.00001 and 1.", e.Message);
    }

    // ---------- percents typed as whole numbers ----------

    [Theory]
    [InlineData("capital: { hurdle_rate: 4 }", "capital.hurdle_rate", "4", "0.04")]
    [InlineData("capital: { hurdle_rate: 12 }", "capital.hurdle_rate", "12", "0.12")]
    [InlineData("early_warning: { utilization_max: 90 }", "early_warning.utilization_max", "90", "0.9")]
    [InlineData("early_warning: { deposit_outflow: 30 }", "early_warning.deposit_outflow", "30", "0.3")]
    [InlineData("capital: { tax_rate: 25 }", "capital.tax_rate", "25", "0.25")]
    [InlineData("risk: { op_risk_alpha: 15 }", "risk.op_risk_alpha", "15", "0.15")]
    [InlineData("risk: { lgd_default: { loan: 45 } }", "risk.lgd_default.loan", "45", "0.45")]
    [InlineData("risk: { ccf: { overdraft: 75 } }", "risk.ccf.overdraft", "75", "0.75")]
    [InlineData("risk: { pd_default: 2 }", "risk.pd_default", "2", "0.02")]
    [InlineData("early_warning: { trend_decline: 20 }", "early_warning.trend_decline", "20", "0.2")]
    [InlineData("run: { max_reject_rate: 1.5 }", "run.max_reject_rate", "1.5", "0.015")]
    [InlineData("segmentation: { risk_bands: [ {name: x, max_pd: 3} ] }", "segmentation.risk_bands[0].max_pd", "3", "0.03")]
    public void A_percent_typed_as_a_whole_number_suggests_the_fraction(string extra, string key, string typed, string fraction)
    {
        var e = Fails(Minimal + extra + "\n", key);
        Assert.Equal($"test.yaml: {key}: {typed} — rates are fractions; did you mean {fraction}?", e.Message);
    }

    [Fact]
    public void Hurdle_rate_12_is_refused_as_a_percent_not_through_op_risk_alpha()
    {
        // Before rates were bounded by 1, 12 passed the range check and failed later on the floor's denominator
        // ((1 − 0.25) − 12 · 0.15 < 0), with a message about op_risk_alpha that did not point at the typo.
        var e = Fails(Minimal + "capital: { hurdle_rate: 12 }\n", "capital.hurdle_rate");
        Assert.Equal("test.yaml: capital.hurdle_rate: 12 — rates are fractions; did you mean 0.12?", e.Message);
        Assert.DoesNotContain("op_risk_alpha", e.Message);
    }

    [Theory]
    [InlineData("capital: { hurdle_rate: 1 }\nrisk: { op_risk_alpha: 0 }")]
    [InlineData("early_warning: { utilization_max: 1, deposit_outflow: 1, trend_decline: 1 }")]
    [InlineData("pricing_extra")]
    public void One_is_still_a_valid_fraction(string extra)
    {
        string yaml = extra == "pricing_extra"
            ? Head + Pricing(DefaultTiers, DefaultBands).Replace("  grid:", "  unit_cost_rate: 1\n  relationship_share: 1\n  grid:")
            : Minimal + extra + "\n";
        _ = ConfigLoader.Parse(yaml, Source);
    }

    [Fact]
    public void A_value_that_is_no_percent_either_states_the_range()
    {
        // 150 / 100 = 1.5 is still above 1, so no fraction is suggested; the interval is stated instead.
        var e = Fails(Minimal + "capital: { hurdle_rate: 150 }\n", "capital.hurdle_rate");
        Assert.Equal("test.yaml: key 'capital.hurdle_rate' is 150 but must be between 0 and 1 (line 9); set a value that is "
            + "between 0 and 1.", e.Message);
    }

    private static string RepoRoot() => RepoPaths.Root();
}
