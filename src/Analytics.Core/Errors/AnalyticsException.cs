namespace Analytics.Core.Errors;

/// <summary>
/// Base of every error the engine reports to a person. The message is one plain sentence that says
/// what is wrong and what to do; it never carries values of confidential columns.
/// </summary>
public abstract class AnalyticsException : Exception
{
    /// <summary>Creates the exception with a person-readable message.</summary>
    protected AnalyticsException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Process exit code for this failure: 1 for data failures, 2 for usage or configuration errors.</summary>
    public abstract int ExitCode { get; }
}

/// <summary>A configuration error (exit code 2), naming the offending key path such as <c>ftp.curve[2].rate</c>.</summary>
public sealed class ConfigurationException : AnalyticsException
{
    /// <summary>Creates the error for <paramref name="key"/>.</summary>
    public ConfigurationException(string key, string message, Exception? inner = null) : base(message, inner) => Key = key;

    /// <summary>Dotted path of the offending key (empty for the whole file).</summary>
    public string Key { get; }

    /// <inheritdoc />
    public override int ExitCode => 2;
}

/// <summary>A usage error (exit code 2): unknown flag, missing folder, bad argument.</summary>
public sealed class UsageException(string message) : AnalyticsException(message)
{
    /// <inheritdoc />
    public override int ExitCode => 2;
}

/// <summary>
/// An input file that cannot be used (exit code 1): unreadable, corrupt, a missing required column,
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
    public override int ExitCode => 1;
}

/// <summary>The data as a whole failed a gate (exit code 1): too many rejects, no customer accepted, a reconciliation break, an
/// overflow.</summary>
public sealed class DataQualityException(string message, Exception? inner = null) : AnalyticsException(message, inner)
{
    /// <inheritdoc />
    public override int ExitCode => 1;
}
