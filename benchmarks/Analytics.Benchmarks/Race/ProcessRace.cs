using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.Benchmarks.Peers;
using Analytics.IO.Validation;
using DuckDB.NET.Data;

namespace Analytics.Benchmarks.Race;

/// <summary>
/// The whole-process race (<c>benchmarks/race.sh</c>): the cold <c>analytics score</c> process against a process
/// running DuckDB's SQL over the same Parquet files, each under <c>/usr/bin/time</c> for wall time, CPU and peak RSS,
/// the processes alternating round by round so that both see the same machine; the ratios are taken within a round.
/// </summary>
public sealed class ProcessRace
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string _cli;
    private readonly int _rounds;
    private readonly string _work;
    private readonly List<string> _log = [];

    private ProcessRace(string cli, int rounds, string work)
    {
        _cli = cli;
        _rounds = rounds;
        _work = work;
    }

    /// <summary>
    /// Runs the race: <c>--race --cli PATH [--rounds N] [--report FILE] [--profiles duckdb,heavy]</c>; sizes from
    /// <c>ANALYTICS_BENCH_SIZES</c> (default 200000,1000000). Writes the Markdown report and returns the exit code.
    /// </summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string? cli = Value(args, "--cli");
        if (cli is null || !File.Exists(cli))
        {
            Console.Error.WriteLine("--race needs --cli PATH, the built analytics executable (benchmarks/race.sh passes it).");
            return 2;
        }

        if (!File.Exists(TimeTool))
        {
            Console.Error.WriteLine($"{TimeTool} is missing; install it (Debian package 'time') to measure peak memory.");
            return 2;
        }

        int rounds = int.Parse(Value(args, "--rounds") ?? "3", NumberStyles.Integer, Inv);
        string report = Value(args, "--report") ?? Path.Combine("BenchmarkDotNet.Artifacts", "process-race.md");
        var profiles = new List<RaceProfile>();
        string profileList = Value(args, "--profiles") ?? "duckdb,heavy";
        foreach (string p in profileList.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            profiles.Add(p == "heavy" ? RaceProfile.HeavyTail : RaceProfile.DuckDb);
        }

        var sizes = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ANALYTICS_BENCH_SIZES"))
            ? [200_000, 1_000_000]
            : BenchmarkData.Sizes().ToList();
        // Per process, so that two races on one machine do not overwrite each other's outputs and timing files.
        string work = Path.Combine(BenchmarkData.Root, "race-out-" + Environment.ProcessId.ToString(Inv));
        Directory.CreateDirectory(work);
        var race = new ProcessRace(Path.GetFullPath(cli), rounds, work);
        var results = new List<Case>();
        var noop = race.Measure(race.Peer("noop"), null);
        foreach (int size in sizes)
        {
            foreach (var profile in profiles)
            {
                string folder = RaceData.Folder(size, profile);
                results.Add(race.RunCase(size, profile, folder));
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
        File.WriteAllText(report, race.Report(results, noop, Value(args, "--commit")));
        Directory.Delete(work, recursive: true);
        Console.WriteLine($"Report: {Path.GetFullPath(report)}");
        return 0;
    }

    private const string TimeTool = "/usr/bin/time";

    private Case RunCase(int customers, RaceProfile profile, string folder)
    {
        var (accounts, fees) = Counts(folder);
        var c = new Case(customers, profile, accounts, fees);
        string config = BenchmarkData.ConfigPath(folder);
        string engineOut = Path.Combine(_work, "engine");
        string peerOut = Path.Combine(_work, "peer.parquet");
        for (int round = 0; round < _rounds; round++)
        {
            // Alternate who goes first, so a drift of the machine's load does not always favour the same side.
            var engine = () => Measure(
                [_cli, "score", "--input", folder, "--config", config, "--output", engineOut, "--quiet"], engineOut);
            var aggregate = () => Measure(Peer("aggregate", folder), null);
            var parquet = () => Measure(Peer("parquet", folder, peerOut), null);
            Sample e, a, p;
            if (round % 2 == 0)
            {
                e = engine();
                a = aggregate();
                p = parquet();
            }
            else
            {
                p = parquet();
                a = aggregate();
                e = engine();
            }

            c.Rounds.Add(new Round(e, a, p));
            Console.WriteLine(string.Create(Inv,
                $"{customers} {profile} round {round + 1}: engine {e.Wall:F2} s {e.PeakMiB:F0} MiB, "
                + $"DuckDB {a.Wall:F2} s {a.PeakMiB:F0} MiB, DuckDB→Parquet {p.Wall:F2} s {p.PeakMiB:F0} MiB, load {e.Load}"));
        }

        return c;
    }

    private string[] Peer(params string[] args)
    {
        // The apphost when there is one (as for the engine), else the dotnet host running this assembly.
        string apphost = Path.Combine(AppContext.BaseDirectory, "Analytics.Benchmarks");
        string[] start = File.Exists(apphost)
            ? [apphost]
            : [Environment.ProcessPath!, typeof(ProcessRace).Assembly.Location];
        return [.. start, "--duckdb-peer", .. args];
    }

    private Sample Measure(string[] command, string? engineOut)
    {
        string timeFile = Path.Combine(_work, "time.txt");
        var start = new ProcessStartInfo(TimeTool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in (string[])["-f", "%e %M %U %S", "-o", timeFile, "--", .. command])
        {
            start.ArgumentList.Add(a);
        }

        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        double wall = sw.Elapsed.TotalSeconds;
        _ = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed with exit {process.ExitCode}: {stderr}");
        }

        // /usr/bin/time's line: elapsed seconds, max RSS in KiB, user and system CPU seconds.
        string[] f = File.ReadAllLines(timeFile)[^1].Split(' ');
        var timings = engineOut is null ? null : Timings(Path.Combine(engineOut, "manifest.json"));
        double cpu = double.Parse(f[2], Inv) + double.Parse(f[3], Inv);
        return new Sample(wall, double.Parse(f[1], Inv) / 1024, cpu, load, timings);
    }

    private static Dictionary<string, double> Timings(string manifest)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("timings_ms").EnumerateObject())
        {
            timings[p.Name] = p.Value.GetDouble() / 1000;
        }

        return timings;
    }

    private static (long Accounts, long Fees) Counts(string folder)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        long Count(string table)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM read_parquet({TableFiles.DuckDbList(folder, table)})";
            return Convert.ToInt64(command.ExecuteScalar(), Inv);
        }

        return (Count(InputTables.Accounts), Count(InputTables.Fees));
    }

    private string Report(List<Case> cases, Sample noop, string? commit)
    {
        var md = new StringBuilder();
        md.AppendLine("# Whole-process race: `analytics score` against DuckDB");
        md.AppendLine();
        string at = commit is null ? "" : $", engine at commit {commit}";
        double gib = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        md.AppendLine(string.Create(Inv,
            $"Recorded {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `benchmarks/race.sh` ({_rounds} rounds{at})."));
        md.AppendLine(string.Create(Inv,
            $"Machine: {Cpu()}, {Environment.ProcessorCount} cores, {gib:F1} GiB, .NET {Environment.Version}."));
        md.AppendLine();
        md.AppendLine("""
            Each round runs the three processes one after another (the order reversed every other round), each under
            `/usr/bin/time`: **engine** = `analytics score` as race.sh publishes it (ReadyToRun, framework-dependent;
            cold process, all cores, every output written and published); **DuckDB** = the aggregation SQL of
            `DuckDbPeer.Portfolio` (per-customer fees, NII and EAD, fetched into .NET); **DuckDB→Parquet** =
            `DuckDbPeer.PortfolioToParquet` (all five tables, the row rules, one table written). Ratios are engine ÷
            peer within a round; the tables give their median (and range).
            Load is the 1-minute load average before each engine run: the machine is shared, so only ratios compare
            across rows, and when the load exceeds the cores every process gets a share of them, so the wall ratio
            tends to the CPU ratio.
            """);
        md.AppendLine(string.Create(Inv,
            $"The peers run in a .NET process (DuckDB.NET); that process alone (open DuckDB, `SELECT 1`) took {noop.Wall:F2} s "
            + $"and {noop.PeakMiB:F0} MiB."));
        md.AppendLine();
        md.AppendLine("| profile | customers | accounts | fee rows | load | engine wall | DuckDB wall | **wall ÷ DuckDB** "
            + "| DuckDB→Parquet wall | wall ÷ DuckDB→Parquet |");
        md.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            string load = string.Join("–", c.Rounds.Select(r => r.Engine.Load).Distinct());
            md.AppendLine(string.Create(Inv,
                $"| {Name(c.Profile)} | {c.Customers:N0} | {c.Accounts:N0} | {c.Fees:N0} | {load} "
                + $"| {Median(c, r => r.Engine.Wall):F2} s | {Median(c, r => r.Aggregate.Wall):F2} s "
                + $"| **{RatioText(c, r => r.Engine.Wall / r.Aggregate.Wall)}** "
                + $"| {Median(c, r => r.Parquet.Wall):F2} s | {RatioText(c, r => r.Engine.Wall / r.Parquet.Wall)} |"));
        }

        md.AppendLine();
        md.AppendLine("Peak RSS and CPU time (user + system), medians:");
        md.AppendLine();
        md.AppendLine("| profile | customers | engine peak | DuckDB peak | DuckDB→Parquet peak | **peak ÷ DuckDB** "
            + "| engine CPU | DuckDB CPU | DuckDB→Parquet CPU | **CPU ÷ DuckDB** |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            md.AppendLine(string.Create(Inv,
                $"| {Name(c.Profile)} | {c.Customers:N0} | {Gib(c, r => r.Engine)} | {Gib(c, r => r.Aggregate)} "
                + $"| {Gib(c, r => r.Parquet)} | **{RatioText(c, r => r.Engine.PeakMiB / r.Aggregate.PeakMiB)}** "
                + $"| {Median(c, r => r.Engine.Cpu):F1} s | {Median(c, r => r.Aggregate.Cpu):F1} s "
                + $"| {Median(c, r => r.Parquet.Cpu):F1} s | **{RatioText(c, r => r.Engine.Cpu / r.Aggregate.Cpu)}** |"));
        }

        md.AppendLine();
        md.AppendLine("Where the engine's wall time goes (medians, seconds; stages from the run's manifest.json `timings_ms`;");
        md.AppendLine("*outside* = wall − the manifest's total: process start-up, command-line parsing, publication and exit):");
        md.AppendLine();
        md.AppendLine("| profile | customers | config | read and validate | score | write | outside | wall |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            md.AppendLine(string.Create(Inv,
                $"| {Name(c.Profile)} | {c.Customers:N0} | {Stage(c, "config"):F2} | {Stage(c, "read_and_validate"):F2} "
                + $"| {Stage(c, "score"):F2} | {Stage(c, "write"):F2} "
                + $"| {Median(c, r => r.Engine.Wall - r.Engine.Timings!["total"]):F2} | {Median(c, r => r.Engine.Wall):F2} |"));
        }

        md.AppendLine();
        md.AppendLine("Every round:");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var c in cases)
        {
            for (int i = 0; i < c.Rounds.Count; i++)
            {
                var r = c.Rounds[i];
                md.AppendLine(string.Create(Inv,
                    $"{Name(c.Profile),-14} {c.Customers,9} #{i + 1} load {r.Engine.Load,-5} "
                    + $"engine {r.Engine.Wall,6:F2} s {r.Engine.PeakMiB,6:F0} MiB "
                    + $"| DuckDB {r.Aggregate.Wall,6:F2} s {r.Aggregate.PeakMiB,6:F0} MiB "
                    + $"| DuckDB→Parquet {r.Parquet.Wall,6:F2} s {r.Parquet.PeakMiB,6:F0} MiB"));
            }
        }

        md.AppendLine("```");
        return md.ToString();
    }

    private static string Gib(Case c, Func<Round, Sample> side) => string.Create(Inv, $"{Median(c, r => side(r).PeakMiB) / 1024:F2} GiB");

    private static string Name(RaceProfile p) => p == RaceProfile.DuckDb ? "DuckDB-written" : "heavy tail";

    private static double Stage(Case c, string stage) => Median(c, r => r.Engine.Timings!.GetValueOrDefault(stage));

    private static string RatioText(Case c, Func<Round, double> ratio)
    {
        var values = c.Rounds.Select(ratio).Order().ToList();
        return string.Create(Inv, $"{Median(values):F2}× ({values[0]:F2}–{values[^1]:F2})");
    }

    private static double Median(Case c, Func<Round, double> f) => Median(c.Rounds.Select(f).Order().ToList());

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Cpu()
    {
        foreach (string line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return "unknown CPU";
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        for (int i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private sealed record Sample(double Wall, double PeakMiB, double Cpu, string Load, Dictionary<string, double>? Timings);

    private sealed record Round(Sample Engine, Sample Aggregate, Sample Parquet);

    private sealed record Case(int Customers, RaceProfile Profile, long Accounts, long Fees)
    {
        public List<Round> Rounds { get; } = [];
    }
}
