namespace Analytics.Pipeline;

/// <summary>Options of <c>analytics score</c>.</summary>
public sealed record ScoreOptions
{
    /// <summary>Data folder (docs/METHODOLOGY.md §1).</summary>
    public required string InputDirectory { get; init; }

    /// <summary>YAML config file (docs/METHODOLOGY.md §2).</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Output path; after a successful run the tables are readable there (a symbolic link to the newest run).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Output table format.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Parquet;

    /// <summary>Previous run's output folder, for tier migration; null for none.</summary>
    public string? PreviousDirectory { get; init; }

    /// <summary>Worker threads; 0 = all cores. Output is identical for any value.</summary>
    public int Threads { get; init; }

    /// <summary>Carry confidential columns (customer names) in the outputs that allow them.</summary>
    public bool IncludeNames { get; init; }
}
