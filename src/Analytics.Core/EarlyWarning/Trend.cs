namespace Analytics.Core.EarlyWarning;

/// <summary>
/// A fitted trend over a customer's recent statements: the points used (non-null values only), the
/// least-squares slope per year, and the first and last values used. With fewer than 2 points the slope,
/// first and last are NaN and no trend reason can fire.
/// </summary>
/// <param name="Points">Statements with a non-null value among the last <c>trend_periods</c>.</param>
/// <param name="Slope">Least-squares slope in value units per year (x = days / 365.25); NaN when undefined.</param>
/// <param name="First">Value of the earliest point used.</param>
/// <param name="Last">Value of the latest point used.</param>
public readonly record struct Trend(int Points, double Slope, double First, double Last)
{
    /// <summary>A trend with no usable points.</summary>
    public static Trend None => new(0, double.NaN, double.NaN, double.NaN);

    /// <summary>(last − first) / |first|; NaN when undefined (first = 0 or fewer than 2 points).</summary>
    public double RelativeChange => TrendAnalysis.RelativeChange(First, Last);

    /// <summary>Slope &lt; 0 and the relative fall is at least <paramref name="trendDecline"/>: (last − first)/|first| ≤
    /// −trend_decline.</summary>
    public bool IsDecline(double trendDecline)
    {
        double change = RelativeChange;
        return Points >= 2 && Slope < 0 && change <= -trendDecline;
    }

    /// <summary>Slope &gt; 0 and the relative rise is at least <paramref name="trendDecline"/>: (last − first)/|first| ≥
    /// trend_decline.</summary>
    public bool IsRise(double trendDecline)
    {
        double change = RelativeChange;
        return Points >= 2 && Slope > 0 && change >= trendDecline;
    }
}
