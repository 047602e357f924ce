namespace Analytics.Pipeline;

/// <summary>
/// Where a run reports progress. Messages never carry values of confidential columns: they name stages,
/// tables, files and counts only.
/// </summary>
public interface IRunLog
{
    /// <summary>A normal progress line (hidden by <c>--quiet</c>).</summary>
    void Info(string message);

    /// <summary>Detail shown only with <c>--verbose</c>.</summary>
    void Verbose(string message);

    /// <summary>A stage finished: <paramref name="rows"/> rows processed in <paramref name="elapsed"/>.</summary>
    void StageDone(string stage, long rows, TimeSpan elapsed);

    /// <summary>A stage began (a live display shows it as running); line-oriented logs ignore it.</summary>
    void StageStarted(string stage)
    {
    }
}

/// <summary>A log that discards everything (tests, embedding).</summary>
public sealed class NullRunLog : IRunLog
{
    /// <summary>The shared instance.</summary>
    public static NullRunLog Instance { get; } = new();

    /// <inheritdoc />
    public void Info(string message) { }

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void StageDone(string stage, long rows, TimeSpan elapsed) { }
}
