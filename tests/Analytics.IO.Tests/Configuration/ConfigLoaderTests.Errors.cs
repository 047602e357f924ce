using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.IO.Configuration;

namespace Analytics.Tests.Configuration;

public partial class ConfigLoaderTests
{
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
