namespace Analytics.Core.EarlyWarning;

/// <summary>The statement series docs/METHODOLOGY.md §5 watches for trends.</summary>
public enum TrendSeries
{
    /// <summary>DSCR per statement (<see cref="ReasonCode.DscrDeclining"/>).</summary>
    Dscr,
    /// <summary>Revenue per statement (<see cref="ReasonCode.RevenueDeclining"/>).</summary>
    Revenue,
    /// <summary>Leverage per statement (<see cref="ReasonCode.LeverageRising"/>).</summary>
    Leverage,
}
