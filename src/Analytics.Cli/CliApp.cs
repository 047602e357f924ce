using System.CommandLine;
using Analytics.Cli.Commands;
using Analytics.Core.Errors;

namespace Analytics.Cli;

/// <summary>
/// The <c>analytics</c> command line (SPEC §8). Exit codes: 0 success; 1 the data failed; 2 usage or
/// configuration error. Every failure prints one plain sentence to stderr; stack traces only with --verbose.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Customer profitability analytics engine for commercial banks: profitability (EVA, RAROC), segmentation and pricing, early warning.");
        var context = new CommandContext(output, error);
        root.Subcommands.Add(ScoreCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                string sentence = e.Message.TrimEnd('.');
                await error.WriteLineAsync($"{sentence}; run 'analytics --help' for usage.").ConfigureAwait(false);
            }

            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyticsException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            if (context.Verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("The run was cancelled; nothing was published.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Internal error ({e.GetType().Name}); nothing was published. Rerun with --verbose and report the output.").ConfigureAwait(false);
            if (context.Verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
    }
}

/// <summary>Streams and flags shared by the commands of one invocation.</summary>
internal sealed class CommandContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Set by a command when --verbose was given, so failures print their stack trace.</summary>
    public bool Verbose { get; set; }
}
