using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Analytics.IO.Validation;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// <c>manifest.json</c> (docs/METHODOLOGY.md §6): what ran, on what, producing what. Everything but timings and the run id is
/// a function of the inputs and config, so two manifests of the same run differ only there.
/// </summary>
public sealed class RunManifest
{
    /// <summary>Version of the customer_segments schema the pricing desk reads; bump on any breaking change.</summary>
    public const int CustomerSegmentsSchemaVersion = 2;

    private readonly List<(string Stage, double Milliseconds)> _timings = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    /// <summary>The scored period, written as <c>"period"</c> so later runs can annualise and order this one (docs/METHODOLOGY.md
    /// §9).</summary>
    public OverTime.RunPeriod? Period { get; set; }

    /// <summary>Engine version (assembly informational version).</summary>
    public static string EngineVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0";

    /// <summary>Writes host-specific members (the distributed run's workers and partitions) before the timings; null for none.</summary>
    public Action<Utf8JsonWriter>? Extra { get; set; }

    /// <summary>Records an externally measured stage.</summary>
    public void Record(string stage, TimeSpan elapsed) => _timings.Add((stage, elapsed.TotalMilliseconds));

    /// <summary>
    /// Writes the manifest. Hashes of inputs and outputs are taken from <paramref name="knownHashes"/> (full path →
    /// SHA-256 hex, computed while the run wrote or read those files) where present, otherwise computed here from the file.
    /// </summary>
    internal void Write(
        string path,
        string runId,
        string configPath,
        string inputDirectory,
        IReadOnlyList<TableStats> stats,
        IReadOnlyDictionary<string, long> outputRows,
        string outputDirectory,
        int threads,
        string format,
        IReadOnlyDictionary<string, string>? knownHashes = null)
    {
        string Hash(string file) =>
            knownHashes is not null && knownHashes.TryGetValue(Path.GetFullPath(file), out var known) ? known : FileHash.Sha256(file);


        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("engine", "analytics");
        json.WriteString("engine_version", EngineVersion);
        json.WriteString("run_id", runId);
        json.WriteString("format", format);
        json.WriteNumber("threads", threads);
        json.WriteNumber("customer_segments_schema_version", CustomerSegmentsSchemaVersion);
        Period?.WriteJson(json);
        json.WriteStartObject("config");
        json.WriteString("file", Path.GetFileName(configPath));
        json.WriteString("sha256", Hash(configPath));
        json.WriteEndObject();

        json.WriteStartArray("inputs");
        foreach (var s in stats)
        {
            foreach (var (file, rows) in s.Files)
            {
                string full = Path.Combine(inputDirectory, file);
                json.WriteStartObject();
                json.WriteString("table", s.Table);
                json.WriteString("file", file);
                json.WriteNumber("bytes", new FileInfo(full).Length);
                json.WriteString("sha256", Hash(full));
                json.WriteNumber("rows", rows);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("outputs");
        // Top-level files, and the part files of tables written by partitions (NAME/part-NNNNN.parquet), by name.
        var files = new List<(string Name, string Path)>();
        foreach (var file in Directory.GetFiles(outputDirectory)) files.Add((System.IO.Path.GetFileName(file), file));
        foreach (var folder in Directory.GetDirectories(outputDirectory))
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                files.Add((System.IO.Path.GetFileName(folder) + "/" + System.IO.Path.GetFileName(file), file));
            }
        }

        files.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, file) in files)
        {
            if (name == System.IO.Path.GetFileName(path))
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("file", name);
            json.WriteNumber("bytes", new FileInfo(file).Length);
            json.WriteString("sha256", Hash(file));
            if (outputRows.TryGetValue(name[..^System.IO.Path.GetExtension(name).Length], out long rows))
            {
                json.WriteNumber("rows", rows);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        Extra?.Invoke(json);
        json.WriteStartObject("timings_ms");
        foreach (var (stage, ms) in _timings)
        {
            json.WriteNumber(stage, Math.Round(ms, 1));
        }

        json.WriteNumber("total", Math.Round(_total.Elapsed.TotalMilliseconds, 1));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
