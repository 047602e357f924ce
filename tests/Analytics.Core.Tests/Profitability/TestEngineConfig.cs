using Analytics.Core.Configuration;

namespace Analytics.Tests;

/// <summary>An <see cref="EngineConfig"/> with docs/METHODOLOGY.md §2 defaults for tests.</summary>
public static class TestEngineConfig
{
    /// <summary>
    /// Defaults everywhere; as_of 2026-10-31 and period 2026-10-01..2026-10-31 (D = 31, Y = 31/365) unless given;
    /// a pricing grid of zero adjustments for every default tier × risk band.
    /// </summary>
    public static EngineConfig Create(DateOnly? asOf = null, DateOnly? periodStart = null, DateOnly? periodEnd = null)
    {
        var bands = new Dictionary<string, PricingCell>(StringComparer.Ordinal)
        {
            ["low"] = new(0, 0, 0), ["medium"] = new(0, 0, 0), ["high"] = new(0, 0, 0),
        };
        var grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>(StringComparer.Ordinal)
        {
            ["strategic"] = bands, ["core"] = bands, ["growth"] = bands, ["basic"] = bands,
        };
        return new EngineConfig
        {
            AsOf = asOf ?? new DateOnly(2026, 10, 31),
            Period = new ReportingPeriod(periodStart ?? new DateOnly(2026, 10, 1), periodEnd ?? new DateOnly(2026, 10, 31)),
            Pricing = new PricingConfig { Grid = grid },
        };
    }
}
