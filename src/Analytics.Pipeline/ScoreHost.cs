using System.Text.Json;
using Analytics.Core.Configuration;
using Analytics.IO.Validation;

namespace Analytics.Pipeline;

/// <summary>
/// What a host other than the embedded one supplies to <see cref="ScoringPipeline"/>: the validated input (loaded on a
/// cluster), the SHA-256 of the input files when it already has them, and extra manifest members.
/// </summary>
/// <param name="Load">
/// Loads the validated input for the config; gets the run's staging folder (a scratch area beside it is removed with
/// it) and the cancellation token. Its result must be what <see cref="PortfolioLoader"/> returns for the input folder.
/// </param>
internal sealed record ScoreHost(Func<EngineConfig, string, CancellationToken, Task<LoadedPortfolio>> Load)
{
    /// <summary>Input file (full path) → SHA-256 hex, when the host hashed them while reading; null to hash here.</summary>
    public IReadOnlyDictionary<string, string>? InputHashes { get; set; }

    /// <summary>Writes extra members into manifest.json (workers, partitions); null for none.</summary>
    public Action<Utf8JsonWriter>? ManifestExtra { get; set; }
}
