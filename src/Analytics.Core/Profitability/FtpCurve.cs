using Analytics.Core.Configuration;
using Analytics.Core.Data;

namespace Analytics.Core.Profitability;

/// <summary>
/// The funds transfer pricing curve of docs/METHODOLOGY.md §3.1: linear in term between points, flat outside the curve.
/// </summary>
/// <remarks>
/// A hand-written lookup rather than MathNet's <c>LinearSpline</c>: the spline extrapolates linearly outside
/// its knots, whereas docs/METHODOLOGY.md §3.1 wants the end rates held flat, and a node lookup here returns the node's rate
/// bit for bit (<c>t − x_i = 0</c>), which golden tests rely on. Immutable and thread-safe.
/// </remarks>
public sealed class FtpCurve
{
    private readonly double[] _terms;
    private readonly double[] _rates;

    /// <summary>Builds the curve from points with finite rates and finite, strictly increasing terms.</summary>
    /// <exception cref="ArgumentException">The curve is empty, unsorted, or holds a non-finite value.</exception>
    public FtpCurve(IReadOnlyList<CurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("The FTP curve needs at least one point.", nameof(points));
        }

        _terms = new double[points.Count];
        _rates = new double[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            double term = points[i].TermYears, rate = points[i].Rate;
            if (!double.IsFinite(term) || !double.IsFinite(rate))
            {
                throw new ArgumentException($"FTP curve point {i} is not finite.", nameof(points));
            }

            if (i > 0 && !(term > _terms[i - 1]))
            {
                throw new ArgumentException($"FTP curve point {i} does not have a term greater than point {i - 1}.", nameof(points));
            }

            _terms[i] = term;
            _rates[i] = rate;
        }
    }

    /// <summary>Number of curve points.</summary>
    public int Count => _terms.Length;

    /// <summary>
    /// The curve rate at <paramref name="termYears"/>: linear between the neighbouring points, the first rate
    /// at or below the first term (a negative term included), the last rate at or above the last term.
    /// NaN gives NaN.
    /// </summary>
    public double Interpolate(double termYears)
    {
        double[] x = _terms;
        int last = x.Length - 1;
        if (double.IsNaN(termYears))
        {
            return double.NaN;
        }

        if (termYears <= x[0])
        {
            return _rates[0];
        }

        if (termYears >= x[last])
        {
            return _rates[last];
        }

        // x[lo] < termYears < x[hi] by the flat checks above; narrow to neighbours, x[lo] < termYears <= x[hi]. Written out
        // rather than Array.BinarySearch, whose helper for double is CoreLib generic code that a ReadyToRun publish
        // cannot precompile for this assembly (it ran unoptimised once per account).
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < termYears)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        if (x[hi] == termYears)
        {
            return _rates[hi];
        }

        return _rates[lo] + (_rates[hi] - _rates[lo]) * (termYears - x[lo]) / (x[hi] - x[lo]);
    }

    /// <summary>Contractual term in years, ACT/365: <c>(maturity − open) days / 365</c>; negative when maturity precedes open.</summary>
    public static double TermYears(int openDay, int maturityDay) => ((long)maturityDay - openDay) / 365.0;

    /// <summary>
    /// The account's FTP rate per docs/METHODOLOGY.md §3.1: <paramref name="ftpRateOverride"/> when it is not NaN; else
    /// <c>interp(curve, term) + liquidity_premium[type]</c> with the term from the dates, or
    /// <c>non_maturity_term_years[type]</c> when <paramref name="maturityDay"/> is <see cref="AccountTable.NoDate"/>.
    /// </summary>
    public double AccountRate(ProductType type, double ftpRateOverride, int openDay, int maturityDay, FtpConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return AccountRate(ftpRateOverride, openDay, maturityDay, config.LiquidityPremium[type], config.NonMaturityTermYears[type]);
    }

    /// <summary>§3.1 with the product's premium and non-maturity term already looked up (the calculator's hot path).</summary>
    internal double AccountRate(double ftpRateOverride, int openDay, int maturityDay, double liquidityPremium, double nonMaturityTermYears)
    {
        if (!double.IsNaN(ftpRateOverride))
        {
            return ftpRateOverride;
        }

        double term = maturityDay == AccountTable.NoDate ? nonMaturityTermYears : TermYears(openDay, maturityDay);
        return Interpolate(term) + liquidityPremium;
    }
}
