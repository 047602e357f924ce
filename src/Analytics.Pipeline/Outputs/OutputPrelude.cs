using Analytics.Pipeline.Reporting;

namespace Analytics.Pipeline.Outputs;

/// <summary>
/// Output work that needs nothing from scoring, started when scoring starts: the SHA-256 of every input file for the
/// manifest, and a first chart render that loads the chart font and compiles the drawing code. Segmentation trains
/// k-means on one thread (for repeatability), so on two cores the other one is idle for most of the score stage;
/// this fills it instead of lengthening the write stage.
/// </summary>
internal static class OutputPrelude
{
    /// <summary>Starts the work on its own thread; the task's result maps each input's full path to its SHA-256.</summary>
    public static Task<IReadOnlyDictionary<string, string>> Start(IReadOnlyList<string> inputFiles, CancellationToken cancellationToken) =>
        Task.Factory.StartNew<IReadOnlyDictionary<string, string>>(
            () =>
            {
                ReportCharts.WarmUp();
                var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var file in inputFiles)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    hashes[Path.GetFullPath(file)] = FileHash.Sha256(file);
                }

                return hashes;
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
