using System.CommandLine;
using Analytics.Pipeline;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics validate</c>: every check of a run, without computing or writing.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandContext context)
    {
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var verbose = CommonOptions.Verbose();
        var parquetReader = CommonOptions.ParquetReader();
        var command = new Command("validate", """
            Check the config and every input row without computing or writing; print what would be rejected and why.
            Exit code 0 when a score run would accept the data, 1 when it would fail, 2 for a bad config.
            Example: analytics validate --input data-samples --config data-samples/config.yaml
            """)
        {
            input, config, verbose, parquetReader,
        };

        command.SetAction(async (parse, ct) =>
        {
            context.Verbose = parse.GetValue(verbose);
            CommonOptions.ApplyParquetReader(parse.GetValue(parquetReader));
            return await ValidationRunner.RunAsync(
                CommonOptions.ExistingDirectory(parse.GetValue(input)!, "--input"),
                CommonOptions.ExistingFile(parse.GetValue(config)!, "--config"),
                context.Output,
                ct).ConfigureAwait(false);
        });
        return command;
    }
}
