using Analytics.Core.Configuration;

namespace Analytics.Core.Profitability;

/// <summary>The FTP curve of SPEC §3.1: linear in term between points, flat outside the curve.</summary>
public sealed class FtpCurve
{
    private readonly double[] _terms;
    private readonly double[] _rates;

    /// <summary>Creates the curve from points sorted by strictly increasing term (validated by the config loader).</summary>
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
            _terms[i] = points[i].TermYears;
            _rates[i] = points[i].Rate;
        }
    }

    /// <summary>The curve rate at <paramref name="termYears"/>: linear between points, the end rate beyond either end.</summary>
    public double Interpolate(double termYears)
    {
        if (termYears <= _terms[0])
        {
            return _rates[0];
        }

        int last = _terms.Length - 1;
        if (termYears >= _terms[last])
        {
            return _rates[last];
        }

        int hi = 1;
        while (_terms[hi] < termYears)
        {
            hi++;
        }

        int lo = hi - 1;
        double w = (termYears - _terms[lo]) / (_terms[hi] - _terms[lo]);
        return _rates[lo] + w * (_rates[hi] - _rates[lo]);
    }
}
