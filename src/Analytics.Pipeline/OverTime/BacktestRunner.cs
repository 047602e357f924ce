using System.Globalization;
using Analytics.Core.Errors;
using Analytics.Core.OverTime;
using Analytics.Core.Segmentation;
using Analytics.IO.Reading;
using Analytics.IO.Writing;
using Analytics.Pipeline.Outputs;

namespace Analytics.Pipeline.OverTime;

/// <summary>
/// <c>analytics backtest --runs DIR… --output DIR [--horizon-months 12]</c> (docs/METHODOLOGY.md §9): reads each run's
/// as_of (manifest.json), early warnings and default state, and writes backtest.parquet and backtest.html.
/// </summary>
/// <remarks>
/// A customer is in default at a run by the engine's one definition (PD 1 after flooring or max days past due over
/// 90): read from customer_segments.pricing_status when the run has it, otherwise from early_warnings.max_dpd &gt; 90
/// or customer_segments.pd ≥ 1 (runs scored before pricing_status existed).
/// </remarks>
public static class BacktestRunner
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private static readonly ColumnSpec[] WarningColumns =
    [
        new("customer_id", ColumnKind.String, true, DistinctValues: true),
        new("severity", ColumnKind.String, true),
        new("reason_codes", ColumnKind.String, true),
        new("max_dpd", ColumnKind.Double, true),
    ];

    private static readonly ColumnSpec[] SegmentColumns =
    [
        new("customer_id", ColumnKind.String, true, DistinctValues: true),
        new("pricing_status", ColumnKind.String, false),
        new("pd", ColumnKind.Double, false),
    ];

    /// <summary>Runs the back-test; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> runDirectories, string outputDirectory, int horizonMonths,
        TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectories);
        ArgumentNullException.ThrowIfNull(output);
        // A shell glob such as out/20* also matches the publisher's history folders (out/2026-05.runs), which hold
        // earlier copies of the same runs: they are skipped, not counted twice.
        runDirectories = runDirectories
            .Where(d => !(Path.TrimEndingDirectorySeparator(d).EndsWith(".runs", StringComparison.Ordinal)
                && !File.Exists(Path.Combine(d, "manifest.json"))))
            .ToList();
        if (runDirectories.Count < 2)
        {
            throw new UsageException("--runs needs at least two run output folders, one per period.");
        }

        if (horizonMonths < 1)
        {
            throw new UsageException("--horizon-months must be 1 or more.");
        }

        var runs = new List<BacktestRun>(runDirectories.Count);
        var seen = new Dictionary<DateOnly, string>();
        foreach (var dir in runDirectories)
        {
            var run = await ReadRunAsync(dir, cancellationToken).ConfigureAwait(false);
            if (seen.TryGetValue(run.AsOf, out var other))
            {
                throw new UsageException(
                    $"The runs at '{other}' and '{dir}' have the same as_of {run.AsOf:yyyy-MM-dd}; give each period once.");
            }

            seen[run.AsOf] = dir;
            runs.Add(run);
        }

        var result = Backtest.Compute(runs, horizonMonths);
        Directory.CreateDirectory(outputDirectory);
        var table = Table(result);
        string parquet = Path.Combine(outputDirectory, "backtest.parquet");
        await ParquetTableWriter.WriteAsync(table, parquet + ".tmp", cancellationToken).ConfigureAwait(false);
        File.Move(parquet + ".tmp", parquet, overwrite: true);
        string html = Path.Combine(outputDirectory, "backtest.html");
        await File.WriteAllTextAsync(html + ".tmp", BacktestPage.Render(result, runs), new System.Text.UTF8Encoding(false),
            cancellationToken).ConfigureAwait(false);
        File.Move(html + ".tmp", html, overwrite: true);

        await output.WriteLineAsync(string.Create(Ci,
            $"Back-tested {result.Runs} runs: {result.Observations:N0} customer-runs, {result.DefaultingObservations:N0} followed by "
                + $"default within {horizonMonths} months, {(result.Signals.Count == 0 ? 0 : result.Signals[^1].Defaults):N0} "
                + $"default events.")).ConfigureAwait(false);
        foreach (var s in result.Signals)
        {
            await output.WriteLineAsync(string.Create(Ci,
                $"  {s.Signal,-22} flagged {s.Flagged,7:N0}  hit {Pct(s.HitRate),7}  capture {Pct(s.CaptureRate),7}  median lead "
                + $"{(double.IsNaN(s.MedianLeadMonths) ? "–" : s.MedianLeadMonths.ToString("0.#", Ci) + " mo"),8}"
                + $"{(s.Note.Length > 0 ? "  (" + s.Note + ")" : "")}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Wrote {parquet} and {html}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The backtest table: one row per signal.</summary>
    internal static OutputTable Table(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int n = result.Signals.Count;
        var signal = new string?[n];
        var kind = new string?[n];
        var flagged = new int[n];
        var defaulted = new int[n];
        var hit = new double[n];
        var defaults = new int[n];
        var captured = new int[n];
        var capture = new double[n];
        var lead = new double[n];
        var ar = new double[n];
        var note = new string?[n];
        for (int i = 0; i < n; i++)
        {
            var s = result.Signals[i];
            (signal[i], kind[i], flagged[i], defaulted[i], hit[i], defaults[i], captured[i], capture[i], lead[i], ar[i], note[i]) =
                (s.Signal, s.IsSeverity ? "severity" : "reason_code", s.Flagged, s.Defaulted, s.HitRate, s.Defaults, s.Captured,
                    s.CaptureRate, s.MedianLeadMonths, s.AccuracyRatio, s.Note);
        }

        return new OutputTable("backtest", n,
        [
            OutputColumn.Text("signal", signal),
            OutputColumn.Text("kind", kind),
            OutputColumn.Integer("flagged", flagged),
            OutputColumn.Integer("defaulted", defaulted),
            OutputColumn.Number("hit_rate", hit),
            OutputColumn.Integer("defaults", defaults),
            OutputColumn.Integer("captured", captured),
            OutputColumn.Number("capture_rate", capture),
            OutputColumn.Number("median_lead_months", lead),
            OutputColumn.Number("accuracy_ratio", ar),
            OutputColumn.Text("note", note),
        ]);
    }

    /// <summary>Reads one run of the series as the back-test sees it (as_of, default state, severity, reasons).</summary>
    public static Task<BacktestRun> ReadRunForTestsAsync(string dir) => ReadRunAsync(dir, CancellationToken.None);

    /// <summary>Reads one run of the series.</summary>
    internal static async Task<BacktestRun> ReadRunAsync(string dir, CancellationToken cancellationToken)
    {
        var period = RunPeriod.Read(dir)
            ?? throw new UsageException(
                $"The run at '{dir}' records no period in manifest.json, so its as_of is unknown; rescore it with this version.");
        var warnings = await RunTable.ReadAsync(dir, OutputTableNames.EarlyWarnings, WarningColumns, cancellationToken)
            .ConfigureAwait(false)
            ?? throw new UsageException(
                $"The run at '{dir}' has no early_warnings table; point --runs at output folders of 'analytics score'.");
        var segments = await RunTable.ReadAsync(dir, OutputTableNames.CustomerSegments, SegmentColumns, cancellationToken)
            .ConfigureAwait(false);

        var status = new Dictionary<string, (string? Status, double Pd)>(StringComparer.Ordinal);
        bool hasStatus = segments is not null && segments.Has("pricing_status");
        if (segments is not null)
        {
            var ids = segments.Text("customer_id");
            var st = segments.Text("pricing_status");
            var pd = segments.Numbers("pd");
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] is { } id) status[id] = (st[i], pd[i]);
            }
        }

        var customer = warnings.Text("customer_id");
        var severity = warnings.Text("severity");
        var reasons = warnings.Text("reason_codes");
        var dpd = warnings.Numbers("max_dpd");
        int n = customer.Length;
        var run = new BacktestRun
        {
            AsOf = period.AsOf,
            CustomerIds = new string[n],
            InDefault = new bool[n],
            Severity = new int[n],
            Reasons = new string[n][],
        };
        for (int i = 0; i < n; i++)
        {
            string id = customer[i] ?? "";
            run.CustomerIds[i] = id;
            run.Severity[i] = severity[i] switch { "watch" => 1, "warning" => 2, "critical" => 3, _ => 0 };
            run.Reasons[i] = string.IsNullOrEmpty(reasons[i]) ? [] : reasons[i]!.Split(';', StringSplitOptions.RemoveEmptyEntries);
            status.TryGetValue(id, out var s);
            run.InDefault[i] = hasStatus
                ? string.Equals(s.Status, DefaultStatus.DefaultName, StringComparison.Ordinal)
                : dpd[i] > DefaultStatus.DaysPastDueThreshold || s.Pd >= 1;
        }

        return run;
    }

    private static string Pct(double v) => double.IsNaN(v) ? "–" : v.ToString("P1", Ci);
}
