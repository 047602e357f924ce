namespace Analytics.Core.Errors;

/// <summary>
/// What kind of failure an <see cref="AnalyticsException"/> reports. The engine says what went wrong; the host
/// (the command line maps kinds to exit codes) decides what that means for the process.
/// </summary>
public enum ErrorKind
{
    /// <summary>The command was used wrongly: unknown flag, missing folder, bad argument.</summary>
    Usage,

    /// <summary>The configuration is invalid; the error names the key path.</summary>
    Configuration,

    /// <summary>An input file cannot be used: unreadable, corrupt, a missing column or table.</summary>
    Input,

    /// <summary>The data as a whole failed a gate: too many rejects, a reconciliation break, an overflow.</summary>
    DataQuality,

    /// <summary>The environment the run depends on failed, such as a cluster without live workers.</summary>
    Environment,
}

/// <summary>
/// Base of every error the engine reports to a person. The message is one plain sentence that says
/// what is wrong and what to do; it never carries values of confidential columns.
/// </summary>
public abstract class AnalyticsException : Exception
{
    /// <summary>Creates the exception with a person-readable message.</summary>
    protected AnalyticsException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>What kind of failure this is; the command line turns it into an exit code.</summary>
    public abstract ErrorKind Kind { get; }
}

/// <summary>A configuration error, naming the offending key path such as <c>ftp.curve[2].rate</c>.</summary>
public sealed class ConfigurationException : AnalyticsException
{
    /// <summary>Creates the error for <paramref name="key"/>.</summary>
    public ConfigurationException(string key, string message, Exception? inner = null) : base(message, inner) => Key = key;

    /// <summary>Dotted path of the offending key (empty for the whole file).</summary>
    public string Key { get; }

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Configuration;
}

/// <summary>A usage error: unknown flag, missing folder, bad argument.</summary>
public sealed class UsageException(string message) : AnalyticsException(message)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Usage;
}

/// <summary>
/// An input file that cannot be used: unreadable, corrupt, a missing required column,
/// an incompatible type, a missing or ambiguous table. Carries the file and, where known, row and column.
/// </summary>
public sealed class InputException : AnalyticsException
{
    /// <summary>Creates the error.</summary>
    public InputException(string file, string message, long? row = null, string? column = null, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Row = row;
        Column = column;
    }

    /// <summary>The file (relative to the input folder) or table entry concerned.</summary>
    public string File { get; }

    /// <summary>1-based data row within the file, when the error concerns one row.</summary>
    public long? Row { get; }

    /// <summary>The column concerned, when any.</summary>
    public string? Column { get; }

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Input;
}

/// <summary>The data as a whole failed a gate: too many rejects, no customer accepted, a reconciliation break, an
/// overflow.</summary>
public sealed class DataQualityException(string message, Exception? inner = null) : AnalyticsException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.DataQuality;
}
