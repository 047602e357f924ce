using Analytics.Core.Data;
using MathNet.Numerics.LinearRegression;

namespace Analytics.Core.EarlyWarning;

/// <summary>
/// Least-squares trends over the last <c>trend_periods</c> statements of a customer (docs/METHODOLOGY.md §5). The window is
/// the last N statements by date; within it a statement whose value is null is skipped, and at least two
/// points are needed. x is the statement date in years (day number / 365.25, shifted to the window's first
/// statement for precision; the slope is unchanged by the shift). Holds scratch buffers so a fit allocates
/// nothing: one instance per worker thread, not thread-safe.
/// </summary>
internal sealed class TrendAnalysis
{
    /// <summary>Days per year of the x axis. Only the sign of the slope matters to the rules.</summary>
    public const double DaysPerYear = 365.25;

    // MathNet's fit takes whole arrays, so keep one pair per point count (2..periods), created on first use.
    private readonly double[]?[] _x;
    private readonly double[]?[] _y;

    /// <summary>Creates an analysis over windows of <paramref name="periods"/> statements (<c>trend_periods</c>).</summary>
    public TrendAnalysis(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        Periods = periods;
        _x = new double[]?[periods + 1];
        _y = new double[]?[periods + 1];
    }

    /// <summary>The window length, <c>trend_periods</c>.</summary>
    public int Periods { get; }

    /// <summary>(last − first) / |first|; NaN when first is 0 or either value is NaN.</summary>
    public static double RelativeChange(double first, double last) =>
        first == 0 || double.IsNaN(first) || double.IsNaN(last) ? double.NaN : (last - first) / Math.Abs(first);

    /// <summary>
    /// The trend of <paramref name="series"/> over the last <see cref="Periods"/> of the statements in rows
    /// <c>[firstRow, endRow)</c> of <paramref name="statements"/> (one customer's statements, sorted by date).
    /// </summary>
    public Trend Of(FinancialTable statements, int firstRow, int endRow, TrendSeries series)
    {
        int start = Math.Max(firstRow, endRow - Periods);
        int count = endRow - start;
        if (count < 2)
        {
            return Trend.None;
        }

        Span<int> dates = count <= 64 ? stackalloc int[count] : new int[count];
        Span<double> values = count <= 64 ? stackalloc double[count] : new double[count];
        for (int i = 0; i < count; i++)
        {
            int row = start + i;
            dates[i] = statements.StatementDate[row];
            values[i] = series switch
            {
                TrendSeries.Dscr => FinancialRatios.Dscr(statements, row),
                TrendSeries.Revenue => statements.Get(row, FinancialItem.Revenue),
                TrendSeries.Leverage => FinancialRatios.Leverage(statements, row),
                _ => throw new ArgumentOutOfRangeException(nameof(series)),
            };
        }

        return Fit(dates, values);
    }

    /// <summary>
    /// Fits a line through the points (date, value) whose value is not NaN. <paramref name="statementDates"/> are
    /// <see cref="DateOnly.DayNumber"/>s in non-decreasing order, one per value; the caller has already cut the window.
    /// </summary>
    public Trend Fit(ReadOnlySpan<int> statementDates, ReadOnlySpan<double> values)
    {
        if (statementDates.Length != values.Length)
        {
            throw new ArgumentException("Each value needs exactly one statement date.", nameof(values));
        }

        int points = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                points++;
            }
        }

        if (points < 2)
        {
            return Trend.None;
        }

        double[] x = Buffer(_x, points);
        double[] y = Buffer(_y, points);
        int origin = int.MinValue;
        int k = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                continue;
            }

            if (k == 0)
            {
                origin = statementDates[i];
            }

            x[k] = (statementDates[i] - origin) / DaysPerYear;
            y[k] = values[i];
            k++;
        }

        // Statements all on one date give no x spread: the slope is undefined, not zero or infinite.
        double slope = x[points - 1] == x[0] ? double.NaN : SimpleRegression.Fit(x, y).B;
        return new Trend(points, slope, y[0], y[points - 1]);
    }

    private static double[] Buffer(double[]?[] pool, int length)
    {
        if (length >= pool.Length)
        {
            return new double[length];
        }

        return pool[length] ??= new double[length];
    }
}
