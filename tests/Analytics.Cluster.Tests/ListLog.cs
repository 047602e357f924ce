using Analytics.Pipeline;

namespace Analytics.Cluster.Tests;

/// <summary>A run log that keeps every line, so a test can assert what the coordinator said (losses, retries) and
/// what it never said (names).</summary>
internal sealed class ListLog : IRunLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public void Info(string message)
    {
        lock (_lines) _lines.Add(message);
    }

    public void Verbose(string message) => Info(message);

    public void StageDone(string stage, long rows, TimeSpan elapsed)
    {
    }
}
