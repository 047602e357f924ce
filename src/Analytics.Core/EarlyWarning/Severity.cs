namespace Analytics.Core.EarlyWarning;

/// <summary>Early-warning severity, ordered: none &lt; watch &lt; warning &lt; critical.</summary>
public enum Severity : byte
{
    /// <summary>No reason fired.</summary>
    None = 0,
    /// <summary>Watch.</summary>
    Watch = 1,
    /// <summary>Warning.</summary>
    Warning = 2,
    /// <summary>Critical.</summary>
    Critical = 3,
}

/// <summary>Text names of <see cref="Severity"/> as written in outputs.</summary>
public static class Severities
{
    /// <summary><c>none</c>, <c>watch</c>, <c>warning</c> or <c>critical</c>.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Watch => "watch",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
