namespace Analytics.Core.OverTime;

/// <summary>One run of a back-test series: each customer's default state and early-warning flags at that run.</summary>
public sealed class BacktestRun
{
    /// <summary>The run's as_of.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>customer_id per row (unique within the run).</summary>
    public required string[] CustomerIds { get; init; }

    /// <summary>In default at this run (docs/METHODOLOGY.md §4).</summary>
    public required bool[] InDefault { get; init; }

    /// <summary>Severity per row: 0 none, 1 watch, 2 warning, 3 critical.</summary>
    public required int[] Severity { get; init; }

    /// <summary>The reason codes that fired per row (empty when none).</summary>
    public required string[][] Reasons { get; init; }
}

/// <summary>One signal's back-test figures (a reason code or a severity threshold).</summary>
/// <param name="Signal">The reason code, or <c>severity&gt;=watch</c>, <c>severity&gt;=warning</c>, <c>severity&gt;=critical</c>.</param>
/// <param name="IsSeverity">True for the three severity rows.</param>
/// <param name="Flagged">Customer-runs (observations of a customer not in default) at which the signal fired.</param>
/// <param name="Defaulted">Of those, the ones whose customer entered default within the horizon.</param>
/// <param name="HitRate">Defaulted / Flagged (precision); NaN when the signal never fired.</param>
/// <param name="Defaults">Default events in the series that had at least one observation within the horizon before them.</param>
/// <param name="Captured">Default events with the signal fired at an observation within the horizon before them.</param>
/// <param name="CaptureRate">Captured / Defaults (recall); NaN when the series has no defaults.</param>
/// <param name="MedianLeadMonths">Median over captured events of months from the first flag in the horizon to the default; NaN when
/// none.</param>
/// <param name="AccuracyRatio">Gini of severity as a ranking of default (severity rows only); NaN when undefined.</param>
/// <param name="LeadMonths">The lead of every captured event, ascending.</param>
/// <param name="Note">Why a figure is empty ("never fired", "no defaults in the series"), or "".</param>
public sealed record BacktestSignal(
    string Signal,
    bool IsSeverity,
    int Flagged,
    int Defaulted,
    double HitRate,
    int Defaults,
    int Captured,
    double CaptureRate,
    double MedianLeadMonths,
    double AccuracyRatio,
    int[] LeadMonths,
    string Note);

/// <summary>The back-test's result: one row per signal and the cumulative accuracy profile of severity.</summary>
/// <param name="Signals">Reason codes in ordinal order, then the three severity rows.</param>
/// <param name="Observations">Customer-runs of customers not in default, each labelled by whether default followed within the
/// horizon.</param>
/// <param name="DefaultingObservations">Observations followed by default within the horizon.</param>
/// <param name="Cap">Points (share of observations, share of defaulting observations) of the CAP curve, ranked by severity, worst
/// first.</param>
/// <param name="HorizonMonths">The horizon.</param>
/// <param name="Runs">Number of runs.</param>
public sealed record BacktestResult(
    IReadOnlyList<BacktestSignal> Signals,
    int Observations,
    int DefaultingObservations,
    IReadOnlyList<(double Population, double Defaults)> Cap,
    int HorizonMonths,
    int Runs);

/// <summary>
/// The early-warning back-test (docs/METHODOLOGY.md §9): over a series of runs ordered by as_of, for every run and
/// every customer not in default at it (an <i>observation</i>), whether it entered default within the horizon.
/// </summary>
/// <remarks>
/// Months between runs are counted by calendar month of as_of ((year₁ − year₀) × 12 + month₁ − month₀), so month-end
/// runs a month apart are 1 month apart whatever their day. An observation at run r is <i>defaulting</i> when the
/// customer is in default at a later run r' with months(r, r') ≤ horizon. A <i>default event</i> is a run at which
/// the customer is in default while at its previous run (where present) it was not. Hit rate is per observation
/// (of the customer-runs flagged, how many were followed by default); capture rate is per default event (of the
/// defaults with an observation in the horizon before them, how many the signal flagged in that window), and the
/// lead time of a captured default runs from the first flag in that window. The accuracy ratio is 2·AUC − 1 of
/// severity (none &lt; watch &lt; warning &lt; critical) over all observations, ties counted half.
/// </remarks>
internal static class Backtest
{
    /// <summary>Signal names of the severity rows, in order.</summary>
    public static readonly string[] SeveritySignals = ["severity>=watch", "severity>=warning", "severity>=critical"];

    /// <summary>Runs the back-test.</summary>
    public static BacktestResult Compute(IReadOnlyList<BacktestRun> runs, int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonMonths, 1);
        var ordered = OrderByAsOf(runs);
        var (codes, timelines) = Timelines(ordered);
        var tally = new Tally(codes, horizonMonths);
        var ids = new List<string>(timelines.Keys);
        ids.Sort(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            tally.Customer(timelines[id]);
        }

        return tally.Result(ordered.Count);
    }

    /// <summary>The runs sorted by as_of; two runs of one as_of are refused.</summary>
    private static List<BacktestRun> OrderByAsOf(IReadOnlyList<BacktestRun> runs)
    {
        var ordered = new List<BacktestRun>(runs);
        ordered.Sort((a, b) => a.AsOf.CompareTo(b.AsOf));
        for (int r = 1; r < ordered.Count; r++)
        {
            if (ordered[r].AsOf == ordered[r - 1].AsOf)
            {
                throw new ArgumentException($"Two runs have the same as_of {ordered[r].AsOf:yyyy-MM-dd}; give each period once.");
            }
        }

        return ordered;
    }

    /// <summary>Every reason code that fired anywhere, and each customer's states over the runs in as_of order.</summary>
    private static (SortedSet<string> Codes, Dictionary<string, List<State>> Timelines) Timelines(List<BacktestRun> ordered)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var timelines = new Dictionary<string, List<State>>(StringComparer.Ordinal);
        foreach (var run in ordered)
        {
            for (int i = 0; i < run.CustomerIds.Length; i++)
            {
                foreach (var code in run.Reasons[i])
                {
                    codes.Add(code);
                }

                if (!timelines.TryGetValue(run.CustomerIds[i], out var states))
                {
                    timelines[run.CustomerIds[i]] = states = [];
                }

                states.Add(new State(MonthIndex(run.AsOf), run.InDefault[i], run.Severity[i], run.Reasons[i]));
            }
        }

        return (codes, timelines);
    }

    /// <summary>Calendar-month index of a date: year × 12 + month.</summary>
    public static int MonthIndex(DateOnly date) => date.Year * 12 + date.Month - 1;

    /// <summary>The counts of one back-test: customers are added one at a time, then the rows are built.</summary>
    private sealed class Tally
    {
        private readonly List<string> _signals;
        private readonly int _codeCount;
        private readonly int _horizon;
        private readonly int[] _flagged, _defaulted, _captured, _firstFlag;
        private readonly List<int>[] _leads;
        private readonly bool[] _fires;
        private readonly long[,] _severityCounts = new long[4, 2];   // [severity, label]
        private int _observations, _positives, _events;

        public Tally(SortedSet<string> codes, int horizonMonths)
        {
            _signals = new List<string>(codes);
            _codeCount = codes.Count;
            _signals.AddRange(SeveritySignals);
            _horizon = horizonMonths;
            int s = _signals.Count;
            _flagged = new int[s];
            _defaulted = new int[s];
            _captured = new int[s];
            _firstFlag = new int[s];
            _fires = new bool[s];
            _leads = new List<int>[s];
            for (int k = 0; k < s; k++)
            {
                _leads[k] = [];
            }
        }

        /// <summary>Adds one customer's states (in as_of order): its observations and its default events.</summary>
        public void Customer(List<State> states)
        {
            for (int r = 0; r < states.Count; r++)
            {
                var st = states[r];
                if (st.InDefault)
                {
                    // A default event: in default now, not at the previous run it appears in.
                    if (r > 0 && !states[r - 1].InDefault)
                    {
                        CountEvent(states, r);
                    }

                    continue;
                }

                bool label = false;
                for (int q = r + 1; q < states.Count && states[q].Month - st.Month <= _horizon; q++)
                {
                    if (states[q].InDefault)
                    {
                        label = true;
                        break;
                    }
                }

                _observations++;
                if (label) _positives++;
                _severityCounts[Math.Clamp(st.Severity, 0, 3), label ? 1 : 0]++;
                for (int k = 0; k < _signals.Count; k++)
                {
                    if (Fires(_signals[k], k - _codeCount, st))
                    {
                        _flagged[k]++;
                        if (label) _defaulted[k]++;
                    }
                }
            }
        }

        /// <summary>One row per signal and the CAP curve.</summary>
        public BacktestResult Result(int runs)
        {
            double ar = AccuracyRatio(_severityCounts);
            var rows = new List<BacktestSignal>(_signals.Count);
            for (int k = 0; k < _signals.Count; k++)
            {
                bool isSeverity = k >= _codeCount;
                var lead = _leads[k].ToArray();
                Array.Sort(lead);
                string note = _flagged[k] == 0 && _events == 0 ? "never fired; no defaults in the series"
                    : _flagged[k] == 0 ? "never fired"
                    : _events == 0 ? "no defaults in the series"
                    : "";
                rows.Add(new BacktestSignal(
                    _signals[k], isSeverity, _flagged[k], _defaulted[k],
                    _flagged[k] == 0 ? double.NaN : (double)_defaulted[k] / _flagged[k],
                    _events, _captured[k],
                    _events == 0 ? double.NaN : (double)_captured[k] / _events,
                    Median(lead),
                    isSeverity ? ar : double.NaN,
                    lead, note));
            }

            return new BacktestResult(rows, _observations, _positives, CapCurve(_severityCounts, _observations, _positives), _horizon,
                runs);
        }

        /// <summary>Counts the default event at state <paramref name="d"/>: which signals fired in the horizon before it, and
        /// how early.</summary>
        private void CountEvent(List<State> states, int d)
        {
            int month = states[d].Month;
            Array.Clear(_fires);
            bool observed = false;
            // Observations (not in default) in the horizon before the default, earliest first.
            for (int q = 0; q < d; q++)
            {
                var st = states[q];
                if (st.InDefault || month - st.Month > _horizon)
                {
                    continue;
                }

                observed = true;
                for (int k = 0; k < _signals.Count; k++)
                {
                    if (!_fires[k] && Fires(_signals[k], k - _codeCount, st))
                    {
                        _fires[k] = true;
                        _firstFlag[k] = st.Month;
                    }
                }
            }

            if (!observed)
            {
                return;
            }

            _events++;
            for (int k = 0; k < _signals.Count; k++)
            {
                if (_fires[k])
                {
                    _captured[k]++;
                    _leads[k].Add(month - _firstFlag[k]);
                }
            }
        }
    }

    /// <summary>Whether signal <paramref name="signal"/> fires on <paramref name="state"/>; severity rows have index ≥ 0.</summary>
    private static bool Fires(string signal, int severityIndex, State state)
    {
        if (severityIndex >= 0)
        {
            return state.Severity >= severityIndex + 1;
        }

        foreach (var code in state.Reasons)
        {
            if (string.Equals(code, signal, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static double AccuracyRatio(long[,] counts)
    {
        long pos = 0, neg = 0;
        for (int v = 0; v < 4; v++)
        {
            neg += counts[v, 0];
            pos += counts[v, 1];
        }

        if (pos == 0 || neg == 0)
        {
            return double.NaN;
        }

        // AUC = P(severity of a defaulter > that of a non-defaulter) + ½ P(equal).
        double wins = 0;
        long negBelow = 0;
        for (int v = 0; v < 4; v++)
        {
            wins += counts[v, 1] * (negBelow + 0.5 * counts[v, 0]);
            negBelow += counts[v, 0];
        }

        double auc = wins / ((double)pos * neg);
        return 2 * auc - 1;
    }

    private static List<(double, double)> CapCurve(long[,] counts, int observations, int positives)
    {
        var points = new List<(double, double)> { (0, 0) };
        if (observations == 0)
        {
            return points;
        }

        long n = 0, d = 0;
        for (int v = 3; v >= 0; v--)
        {
            n += counts[v, 0] + counts[v, 1];
            d += counts[v, 1];
            points.Add(((double)n / observations, positives == 0 ? 0 : (double)d / positives));
        }

        return points;
    }

    private static double Median(int[] sorted)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    private sealed record State(int Month, bool InDefault, int Severity, string[] Reasons);
}
