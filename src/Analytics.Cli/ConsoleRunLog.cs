using System.Globalization;
using Analytics.Pipeline;

namespace Analytics.Cli;

/// <summary>Plain, line-oriented progress for terminals, CI and cron; one line per event on stderr.</summary>
internal sealed class ConsoleRunLog(TextWriter writer, Verbosity verbosity) : IRunLog
{
    public void Info(string message)
    {
        if (verbosity >= Verbosity.Normal)
        {
            writer.WriteLine(message);
        }
    }

    public void Verbose(string message)
    {
        if (verbosity >= Verbosity.Verbose)
        {
            writer.WriteLine(message);
        }
    }

    public void StageDone(string stage, long rows, TimeSpan elapsed)
    {
        if (verbosity < Verbosity.Normal)
        {
            return;
        }

        double seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage,-22} {rows,14:N0} rows {elapsed.TotalSeconds,8:F2} s {rows / seconds,14:N0} rows/s"));
    }
}

/// <summary>How much the CLI prints.</summary>
internal enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}
