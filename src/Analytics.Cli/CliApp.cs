using System.CommandLine;
using System.Globalization;
using System.CommandLine.Invocation;
using Analytics.Cli.Commands;
using Analytics.Core.Errors;
using Analytics.Pipeline.Publishing;
using Analytics.Pipeline.Reporting;

namespace Analytics.Cli;

/// <summary>
/// The <c>analytics</c> command line (docs/METHODOLOGY.md §8). Exit codes (<see cref="ExitCodes"/>): 0 success; 1 the
/// data failed; 2 usage or configuration error. Every failure prints one plain sentence to stderr; stack traces only with --verbose.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        var root = new RootCommand(
            "Customer profitability analytics engine for commercial banks: profitability (EVA, RAROC), segmentation and pricing, "
            + "early warning.");
        // A live display only when stderr is the process's own stderr and a terminal (not a pipe, file, CI log or test).
        bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");
        var context = new CommandContext(output, error, terminal);
        root.Subcommands.Add(ScoreCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(WorkerCommand.Create(context));
        root.Subcommands.Add(ClusterScoreCommand.Create(context));
        root.Subcommands.Add(QuoteCommand.Create(context));
        root.Subcommands.Add(BridgeCommand.Create(context));
        root.Subcommands.Add(BacktestCommand.Create(context));
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                // The engine version as manifest.json records it, without the build's source revision.
                version.Action = new PrintVersionAction();
            }
        }

        // The parser's messages are localised by the UI culture; the engine speaks English everywhere else, and the
        // sentences below are built from the English ones.
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        // No arguments at all: the newcomer's first try. Show what the program can do rather than an error.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            foreach (string sentence in UsageErrors.Describe(parse))
            {
                await error.WriteLineAsync(sentence).ConfigureAwait(false);
            }

            return ExitCodes.UsageOrConfiguration;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output, Error = error,
                EnableDefaultExceptionHandler = false
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalyticsException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            if (context.Verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.For(e);
        }
        catch (Exception e) when (DiskSpace.FindFull(e) is not null)
        {
            await error.WriteLineAsync(DiskFullSentence(context)).ConfigureAwait(false);
            if (context.Verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return DiskFullExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("The run was cancelled; nothing was published.").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync(
                $"Internal error ({e.GetType().Name}); nothing was published. Rerun with --verbose and report the output.")
                .ConfigureAwait(false);
            if (context.Verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.RunFailed;
        }
    }

    /// <summary>Exit code of a run stopped by a full disk: 1, a failed run (docs/GUARANTEES.md, "Disk full").</summary>
    public const int DiskFullExitCode = ExitCodes.RunFailed;

    private static string DiskFullSentence(CommandContext context)
    {
        string path = context.WritesTo is null ? "the output folder" : $"'{Path.GetFullPath(context.WritesTo)}'";
        string free = context.WritesTo is not null && DiskSpace.FreeBytes(context.WritesTo) is { } bytes
            ? $" ({DiskSpace.Describe(bytes)} free now)"
            : "";
        return context.WritesInPlace
            ? $"No space left on the device that holds {path}{free}; the files written there are incomplete, so free space there and "
                + $"rerun with --force."
            : $"No space left on the device that holds {path}{free}; nothing was published and the previous outputs are untouched, so "
                + $"free space there and rerun.";
    }
}

/// <summary>Streams and flags shared by the commands of one invocation.</summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, bool errorIsTerminal = false)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>stderr is an interactive terminal: progress may be drawn live.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Set by a command when --verbose was given, so failures print their stack trace.</summary>
    public bool Verbose { get; set; }

    /// <summary>The output path the command writes to, named when the disk fills up.</summary>
    public string? WritesTo { get; set; }

    /// <summary>The command writes its files in place (generate) rather than publishing all or nothing (score).</summary>
    public bool WritesInPlace { get; set; }
}

/// <summary><c>--version</c>: prints <c>analytics VERSION</c>.</summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine($"analytics {RunManifest.EngineVersion}");
        return 0;
    }
}
