using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.IO.Validation;
using Analytics.IO.Writing;

namespace Analytics.Pipeline.Reporting;

/// <summary>Everything report.html shows: the validated input, the kernel's results and the run's checks.</summary>
/// <param name="Loaded">Validated input, with row counts per table and file.</param>
/// <param name="Result">The scoring kernel's results.</param>
/// <param name="Config">The run's configuration.</param>
/// <param name="Tables">The output tables, for their row counts.</param>
/// <param name="Reconciliation">Row and money checks.</param>
/// <param name="IncludeNames">The run was asked to carry confidential columns (--include-names).</param>
internal sealed record ReportInput(
    LoadedPortfolio Loaded,
    ScoringResult Result,
    EngineConfig Config,
    IReadOnlyList<OutputTable> Tables,
    ReconciliationReport Reconciliation,
    bool IncludeNames)
{
    /// <summary>Config file name shown in the run summary (no folder, which may name a person).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>SHA-256 of the config file, as in manifest.json.</summary>
    public string? ConfigSha256 { get; init; }

    /// <summary>The profit bridge from the previous run (score --previous), or null (docs/METHODOLOGY.md §9).</summary>
    public Core.OverTime.BridgeResult? Bridge { get; init; }

    /// <summary>What the bridge could not split or had to infer about the previous run, or null.</summary>
    public string? BridgeNote { get; init; }

    private ReportFacts? _facts;

    /// <summary>
    /// What the report shows about the customers: given (a distributed run merges its partitions' facts), or taken from
    /// <see cref="Loaded"/> and <see cref="Result"/> on first use.
    /// </summary>
    public ReportFacts Facts
    {
        get => _facts ??= ReportFacts.Of(Loaded.Data, Result, Config,
            IncludeNames && Loaded.ConfidentialValues.TryGetValue("customer_name", out var names) ? names : null, 0, 0);
        init => _facts = value;
    }
}
