using System.Globalization;
using Analytics.Pipeline;
using Spectre.Console;

namespace Analytics.Cli;

/// <summary>
/// Progress for a person at a terminal: a spinner names the running stage, and each finished stage leaves one line
/// with its rows, time and rows per second. Used only when stderr is a terminal; otherwise <see cref="ConsoleRunLog"/>.
/// </summary>
internal sealed class SpectreRunLog(IAnsiConsole console, StatusContext status, bool verbose) : IRunLog
{
    public void Info(string message) => console.MarkupLine(Markup.Escape(message));

    public void Verbose(string message)
    {
        if (verbose)
        {
            console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
        }
    }

    public void StageStarted(string stage)
    {
        status.Status(Markup.Escape(stage) + "…");
        status.Refresh();
    }

    public void StageDone(string stage, long rows, TimeSpan elapsed)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]✓[/] {Markup.Escape(stage),-18} [bold]{rows,14:N0}[/] rows {elapsed.TotalSeconds,8:F2} s "
                + $"{rows / seconds,14:N0} rows/s"));
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a live status display on <paramref name="error"/> (stderr), so stdout keeps
    /// only the command's result.
    /// </summary>
    public static async Task<T> RunAsync<T>(TextWriter error, bool verbose, Func<IRunLog, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });
        T result = default!;
        await console.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync("starting…", async ctx => result = await work(new SpectreRunLog(console, ctx, verbose)).ConfigureAwait(false))
            .ConfigureAwait(false);
        return result;
    }
}
