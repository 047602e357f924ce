using System.CommandLine;
using Analytics.Core.Errors;

namespace Analytics.Cli.Commands;

/// <summary>Options several commands share, and the checks that turn bad paths into usage errors.</summary>
internal static class CommonOptions
{
    public static Option<string> Input() => new("--input") { HelpName = "DIR", Description = "Data folder: one entry per table (NAME.parquet, NAME.csv or a NAME/ folder of parts).", Required = true };

    public static Option<string> Config() => new("--config") { HelpName = "FILE", Description = "YAML configuration file.", Required = true };

    public static Option<bool> Quiet() => new("--quiet") { Description = "Print errors only (no progress, no summary line)." };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Also print per-table row counts, and stack traces of failures." };

    /// <summary>
    /// Which code reads the Parquet input: the engine's decoder (default) or, for diagnosis, Parquet.Net alone
    /// (documented in src/Analytics.Parquet/README.md).
    /// </summary>
    public static Option<string> ParquetReader()
    {
        var option = new Option<string>("--parquet-reader")
        {
            Description = "Which code decodes Parquet input: 'engine' (default) or 'parquet-net' to read every column chunk "
                + "through Parquet.Net instead, for diagnosing a file (it does not refuse an encoding that is invalid for its column's type).",
            DefaultValueFactory = _ => "engine",
        };
        option.AcceptOnlyFromAmong("engine", "parquet-net");
        return option;
    }

    /// <summary>Applies the <see cref="ParquetReader"/> choice for this process.</summary>
    public static void ApplyParquetReader(string? choice) =>
        Analytics.IO.Reading.InputFolder.ParquetNetOnly = choice == "parquet-net";

    public static string ExistingDirectory(string path, string option)
    {
        if (!Directory.Exists(path))
        {
            throw new UsageException($"The {option} folder '{path}' does not exist; check the path.");
        }

        return Path.GetFullPath(path);
    }

    public static string ExistingFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The {option} file '{path}' does not exist; check the path.");
        }

        return Path.GetFullPath(path);
    }
}
