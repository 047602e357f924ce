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

