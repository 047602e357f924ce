namespace Analytics.Core.EarlyWarning;

/// <summary>The statement series docs/METHODOLOGY.md §5 watches for trends.</summary>
public enum TrendSeries
{
    /// <summary>DSCR per statement (DSCR_DECLINING).</summary>
    Dscr,
    /// <summary>Revenue per statement (REVENUE_DECLINING).</summary>
    Revenue,
    /// <summary>Leverage per statement (LEVERAGE_RISING).</summary>
    Leverage,
}
