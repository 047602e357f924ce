using Analytics.Core.Errors;

namespace Analytics.Cluster;

/// <summary>The cluster could not finish a task after every retry; nothing was published.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : AnalyticsException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Environment;
}
