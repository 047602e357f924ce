namespace Analytics.Benchmarks;

/// <summary>
/// The benchmark runs' configuration: the generator's period and currencies with docs/METHODOLOGY.md §2 defaults for
/// everything else and a full pricing grid. A file of its own, with no dependencies, so the test kit compiles the
/// same text (tests/Analytics.TestKit links this file) without referencing the benchmark suite.
/// </summary>
internal static class BenchmarkConfig
{
    public const string Yaml = """
        as_of: 2026-10-31
        period: { start: 2026-10-01, end: 2026-10-31 }
        reporting_currency: CNY
        fx_rates: { USD: 7.10, EUR: 7.70 }
        pricing:
          grid:
            strategic:
              low:    { loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30 }
              medium: { loan_spread_bps: -20, deposit_rate_bps: 10, fee_discount: 0.25 }
              high:   { loan_spread_bps: 0,   deposit_rate_bps: 5,  fee_discount: 0.10 }
            core:
              low:    { loan_spread_bps: -20, deposit_rate_bps: 10, fee_discount: 0.20 }
              medium: { loan_spread_bps: -10, deposit_rate_bps: 5,  fee_discount: 0.15 }
              high:   { loan_spread_bps: 10,  deposit_rate_bps: 0,  fee_discount: 0.05 }
            growth:
              low:    { loan_spread_bps: -10, deposit_rate_bps: 5,  fee_discount: 0.10 }
              medium: { loan_spread_bps: 0,   deposit_rate_bps: 0,  fee_discount: 0.05 }
              high:   { loan_spread_bps: 25,  deposit_rate_bps: 0,  fee_discount: 0 }
            basic:
              low:    { loan_spread_bps: 0,   deposit_rate_bps: 0,  fee_discount: 0 }
              medium: { loan_spread_bps: 15,  deposit_rate_bps: 0,  fee_discount: 0 }
              high:   { loan_spread_bps: 50,  deposit_rate_bps: 0,  fee_discount: 0 }
        """;
}
