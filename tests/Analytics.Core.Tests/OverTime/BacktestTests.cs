using Analytics.Core.OverTime;

namespace Analytics.Tests.OverTime;

/// <summary>The early-warning back-test (docs/METHODOLOGY.md §9) on a hand-built series with known hits, misses and lead times.</summary>
public sealed class BacktestTests
{
    /// <summary>
    /// Six month-end runs, January to June, horizon 3 months.
    /// A: DSCR_LOW (warning) from February, in default from May — a hit with 3 months' lead (Feb → May).
    /// B: DSCR_LOW in January and February, never defaults — a false alarm that recovers.
    /// C: never flagged, in default from April — a miss.
    /// D: DPD_30 (warning) in March only, never defaults.
    /// Observations (customer-runs not in default): A Jan–Apr (Jan is 4 months before May, so not followed by default
    /// within 3; Feb–Apr are), B 6, C Jan–Mar (all followed by default), D 6: 19, of which 6 defaulting.
    /// DSCR_LOW: flagged A Feb–Apr + B Jan–Feb = 5, defaulted 3, hit 3/5; events A (May) and C (Apr), captured A only:
    /// capture 1/2, lead 3. DPD_30: flagged 1, defaulted 0, captured 0. severity≥watch = ≥warning: flagged 6,
    /// defaulted 3. severity≥critical never fired.
    /// Accuracy ratio: defaulting customer-runs are 3 at warning (A) and 3 at none (C); the others 3 at warning (B ×2,
    /// D) and 10 at none. AUC = (3 × (10 + ½·3) + 3 × (½·10)) / (6 × 13) = 49.5 / 78, AR = 2·AUC − 1 = 21 / 78.
    /// </summary>
    [Fact]
    public void HandBuiltSeriesGivesKnownHitsMissesAndLeadTimes()
    {
        var result = Backtest.Compute(Series(), horizonMonths: 3);
        Assert.Equal(6, result.Runs);
        Assert.Equal(19, result.Observations);
        Assert.Equal(6, result.DefaultingObservations);
        Assert.Equal(["DPD_30", "DSCR_LOW", "severity>=watch", "severity>=warning", "severity>=critical"],
            result.Signals.Select(s => s.Signal));

        var dscr = result.Signals.Single(s => s.Signal == "DSCR_LOW");
        Assert.Equal((5, 3, 0.6, 2, 1, 0.5, 3.0), (dscr.Flagged, dscr.Defaulted, dscr.HitRate, dscr.Defaults, dscr.Captured,
            dscr.CaptureRate, dscr.MedianLeadMonths));
        Assert.Equal([3], dscr.LeadMonths);
        Assert.True(double.IsNaN(dscr.AccuracyRatio));
        Assert.Equal("", dscr.Note);

        var dpd = result.Signals.Single(s => s.Signal == "DPD_30");
        Assert.Equal((1, 0, 0.0, 0, 0.0), (dpd.Flagged, dpd.Defaulted, dpd.HitRate, dpd.Captured, dpd.CaptureRate));
        Assert.True(double.IsNaN(dpd.MedianLeadMonths));

        var watch = result.Signals.Single(s => s.Signal == "severity>=watch");
        Assert.Equal((6, 3, 0.5, 1, 3.0), (watch.Flagged, watch.Defaulted, watch.HitRate, watch.Captured, watch.MedianLeadMonths));
        Assert.Equal(21.0 / 78, watch.AccuracyRatio, 12);

        var critical = result.Signals.Single(s => s.Signal == "severity>=critical");
        Assert.Equal(0, critical.Flagged);
        Assert.True(double.IsNaN(critical.HitRate));
        Assert.Equal("never fired", critical.Note);
        Assert.Equal(21.0 / 78, critical.AccuracyRatio, 12);

        // CAP: worst severity first — 6 customer-runs at warning hold 3 of the 6 defaulting ones.
        Assert.Equal((6 / 19.0, 0.5), result.Cap[3]);
        Assert.Equal((1.0, 1.0), result.Cap[^1]);
    }

    [Fact]
    public void RunOrderDoesNotMatter()
    {
        var series = Series();
        var reversed = Enumerable.Reverse(series).ToList();
        var a = Backtest.Compute(series, 3);
        var b = Backtest.Compute(reversed, 3);
        Assert.Equal(a.Signals.Select(s => (s.Signal, s.Flagged, s.Defaulted, s.Captured)),
            b.Signals.Select(s => (s.Signal, s.Flagged, s.Defaulted, s.Captured)));
    }

    [Fact]
    public void ASeriesWithoutDefaultsSaysSo()
    {
        var series = Series().Select(r => new BacktestRun
        {
            AsOf = r.AsOf, CustomerIds = r.CustomerIds,
            InDefault = new bool[r.CustomerIds.Length], Severity = r.Severity, Reasons = r.Reasons
        }).ToList();
        var result = Backtest.Compute(series, 12);
        var dscr = result.Signals.Single(s => s.Signal == "DSCR_LOW");
        Assert.Equal("no defaults in the series", dscr.Note);
        Assert.True(double.IsNaN(dscr.CaptureRate));
        Assert.Equal(0.0, dscr.HitRate);
        Assert.Equal("never fired; no defaults in the series", result.Signals.Single(s => s.Signal == "severity>=critical").Note);
        Assert.True(double.IsNaN(result.Signals[^1].AccuracyRatio));
    }

    private static List<BacktestRun> Series()
    {
        var runs = new List<BacktestRun>();
        for (int m = 1; m <= 6; m++)
        {
            var asOf = new DateOnly(2026, m, DateTime.DaysInMonth(2026, m));
            string[] a = m is >= 2 and <= 4 ? ["DSCR_LOW"] : [];
            string[] b = m <= 2 ? ["DSCR_LOW"] : [];
            string[] d = m == 3 ? ["DPD_30"] : [];
            runs.Add(new BacktestRun
            {
                AsOf = asOf,
                CustomerIds = ["A", "B", "C", "D"],
                InDefault = [m >= 5, false, m >= 4, false],
                Severity = [a.Length > 0 ? 2 : 0, b.Length > 0 ? 2 : 0, 0, d.Length > 0 ? 2 : 0],
                Reasons = [a, b, [], d],
            });
        }

        return runs;
    }
}
