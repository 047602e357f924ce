using Analytics.Core.Errors;

namespace Analytics.Cli;

/// <summary>
/// The process exit codes of <c>analytics</c> (docs/GUARANTEES.md): 0 success; 1 the data or the environment failed
/// the run; 2 the command or its configuration is wrong. The engine reports a failure's <see cref="ErrorKind"/>; this
/// is the one place that turns it into a number.
/// </summary>
public static class ExitCodes
{
    /// <summary>The run succeeded.</summary>
    public const int Success = 0;

    /// <summary>The run failed on its data (input, gates) or its environment (disk, cluster), or was cancelled.</summary>
    public const int RunFailed = 1;

    /// <summary>The command line or the configuration is wrong; nothing was read.</summary>
    public const int UsageOrConfiguration = 2;

    /// <summary>The exit code for a failure of kind <paramref name="kind"/>.</summary>
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage or ErrorKind.Configuration => UsageOrConfiguration,
        _ => RunFailed,
    };

    /// <summary>The exit code for <paramref name="error"/>.</summary>
    public static int For(AnalyticsException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return For(error.Kind);
    }
}
