using System.Globalization;
using Analytics.Cli;

namespace Analytics.Tests.EndToEnd;

/// <summary>Runs the CLI in-process and reads CSV outputs back as rows keyed by column name.</summary>
public static class RunHarness
{
    public static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Reads a CSV output (no quoted commas in the engine's numeric tables) into rows.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < header.Length; c++)
            {
                row[header[c]] = cells[c];
            }

            rows.Add(row);
        }

        return rows;
    }

    public static double D(this Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    public static string RepoRoot() => RepoPaths.Root();
}
