namespace Analytics.Core.EarlyWarning;

/// <summary>Text forms of <see cref="Severity"/>.</summary>
public static class Severities
{
    /// <summary>The output name: <c>none</c>, <c>watch</c>, <c>warning</c> or <c>critical</c>.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Watch => "watch",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
