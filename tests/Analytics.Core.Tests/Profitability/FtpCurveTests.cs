using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Tests.Profitability;

public class FtpCurveTests
{
    // docs/METHODOLOGY.md §2 default curve: 0.25 → 1.65 %, 1 → 1.90 %, 3 → 2.25 %, 5 → 2.50 %, 10 → 2.80 %.
    private static readonly FtpConfig Ftp = new();
    private static readonly FtpCurve Curve = new(Ftp.Curve);

    [Theory]
    [InlineData(0.25, 0.0165)]
    [InlineData(1, 0.0190)]
    [InlineData(3, 0.0225)]
    [InlineData(5, 0.0250)]
    [InlineData(10, 0.0280)]
    public void Nodes_return_their_rate_exactly(double term, double rate) => Assert.Equal(rate, Curve.Interpolate(term));

    [Theory]
    [InlineData(2, 0.02075)]      // 0.019 + 0.0035 · (2 − 1)/(3 − 1)
    [InlineData(0.625, 0.01775)]  // 0.0165 + 0.0025 · 0.375/0.75
    [InlineData(7.5, 0.0265)]     // 0.025 + 0.003 · 2.5/5
    [InlineData(4, 0.02375)]      // 0.0225 + 0.0025 · 1/2
    public void Between_nodes_is_linear(double term, double rate) => Assert.Equal(rate, Curve.Interpolate(term), 1e-15);

    [Theory]
    [InlineData(0.1, 0.0165)]
    [InlineData(0, 0.0165)]
    [InlineData(-3, 0.0165)]
    [InlineData(10.01, 0.0280)]
    [InlineData(30, 0.0280)]
    public void Outside_the_curve_is_flat(double term, double rate) => Assert.Equal(rate, Curve.Interpolate(term));

    [Fact]
    public void Single_point_curve_is_flat_everywhere()
    {
        var curve = new FtpCurve([new CurvePoint(1, 0.02)]);
        Assert.Equal(0.02, curve.Interpolate(0));
        Assert.Equal(0.02, curve.Interpolate(1));
        Assert.Equal(0.02, curve.Interpolate(50));
    }

    [Fact]
    public void Bad_curves_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FtpCurve([]));
        Assert.Throws<ArgumentException>(() => new FtpCurve([new CurvePoint(1, 0.02), new CurvePoint(1, 0.03)]));
        Assert.Throws<ArgumentException>(() => new FtpCurve([new CurvePoint(2, 0.02), new CurvePoint(1, 0.03)]));
        Assert.Throws<ArgumentException>(() => new FtpCurve([new CurvePoint(1, double.NaN)]));
    }

    [Fact]
    public void Term_is_act_365()
    {
        Assert.Equal(2.0, FtpCurve.TermYears(new DateOnly(2026, 1, 1).DayNumber, new DateOnly(2028, 1, 1).DayNumber));
        Assert.Equal(366 / 365.0, FtpCurve.TermYears(new DateOnly(2027, 6, 1).DayNumber, new DateOnly(2028, 6, 1).DayNumber)); // leap day
        Assert.Equal(-1.0, FtpCurve.TermYears(new DateOnly(2026, 1, 1).DayNumber, new DateOnly(2025, 1, 1).DayNumber));
    }

    [Fact]
    public void Account_rate_uses_dates_and_liquidity_premium()
    {
        int open = new DateOnly(2026, 1, 1).DayNumber, maturity = new DateOnly(2028, 1, 1).DayNumber;
        // Term 2 → 2.075 %, + loan premium 0.10 % = 2.175 %; deposit premium −0.05 % gives 2.025 %.
        Assert.Equal(0.02175, Curve.AccountRate(ProductType.Loan, double.NaN, open, maturity, Ftp), 1e-15);
        Assert.Equal(0.02025, Curve.AccountRate(ProductType.Deposit, double.NaN, open, maturity, Ftp), 1e-15);
        Assert.Equal(0.02225, Curve.AccountRate(ProductType.Overdraft, double.NaN, open, maturity, Ftp), 1e-15);
    }

    [Fact]
    public void Override_wins_even_when_zero()
    {
        int open = new DateOnly(2026, 1, 1).DayNumber;
        Assert.Equal(0.031, Curve.AccountRate(ProductType.Loan, 0.031, open, AccountTable.NoDate, Ftp));
        Assert.Equal(0.0, Curve.AccountRate(ProductType.Loan, 0.0, open, open + 700, Ftp));
    }

    [Fact]
    public void Non_maturity_term_is_taken_per_product()
    {
        var ftp = new FtpConfig { NonMaturityTermYears = new ProductMap(3, 1, 5, 1) };
        int open = new DateOnly(2026, 1, 1).DayNumber;
        Assert.Equal(0.0225 + 0.0010, Curve.AccountRate(ProductType.Loan, double.NaN, open, AccountTable.NoDate, ftp), 1e-15);
        Assert.Equal(0.0250 - 0.0005, Curve.AccountRate(ProductType.Deposit, double.NaN, open, AccountTable.NoDate, ftp), 1e-15);
    }

    [Fact]
    public void Maturity_before_open_takes_the_first_rate()
    {
        int open = new DateOnly(2026, 1, 1).DayNumber;
        Assert.Equal(0.0165 + 0.0010, Curve.AccountRate(ProductType.Loan, double.NaN, open, open - 30, Ftp), 1e-15);
    }

    [Fact]
    public void The_neighbour_search_agrees_with_Array_BinarySearch_bit_for_bit()
    {
        // The lookup the curve used before its own binary search: Array.BinarySearch, then the neighbours of ~i.
        static double Reference(double[] x, double[] y, double t)
        {
            if (t <= x[0]) return y[0];
            if (t >= x[^1]) return y[^1];
            int i = Array.BinarySearch(x, t);
            if (i >= 0) return y[i];
            int hi = ~i, lo = hi - 1;
            return y[lo] + (y[hi] - y[lo]) * (t - x[lo]) / (x[hi] - x[lo]);
        }

        var random = new Random(17);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 12);
            var x = new double[n];
            var y = new double[n];
            double term = random.NextDouble() - 0.5;
            for (int i = 0; i < n; i++)
            {
                term += 0.01 + random.NextDouble() * random.Next(1, 5);
                x[i] = Math.Round(term, random.Next(0, 4));
                if (i > 0 && x[i] <= x[i - 1]) x[i] = x[i - 1] + 0.25;
                y[i] = random.NextDouble() * 0.05;
            }

            var curve = new FtpCurve([.. Enumerable.Range(0, n).Select(i => new CurvePoint(x[i], y[i]))]);
            for (int k = 0; k < 60; k++)
            {
                // Points, points' neighbours and anything in between or outside.
                double t = random.Next(4) == 0 ? x[random.Next(n)] : x[0] - 1 + random.NextDouble() * (x[^1] - x[0] + 2);
                if (random.Next(5) == 0) t = Math.BitIncrement(t);
                Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(x, y, t)), BitConverter.DoubleToInt64Bits(curve.Interpolate(t)));
            }
        }
    }
}
