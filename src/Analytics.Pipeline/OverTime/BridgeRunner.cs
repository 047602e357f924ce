using System.Globalization;
using Analytics.Core.Errors;
using Analytics.Core.OverTime;
using Analytics.IO.Writing;
using Analytics.Pipeline.Outputs;

namespace Analytics.Pipeline.OverTime;

/// <summary>
/// <c>analytics bridge --current RUN --previous RUN --output DIR</c>: the profit bridge between two published runs
/// (docs/METHODOLOGY.md §9), written as profit_bridge in DIR, with the portfolio totals on stdout.
/// </summary>
public static class BridgeRunner
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Computes and writes the bridge; returns the exit code.</summary>
    public static async Task<int> RunAsync(string currentDirectory, string previousDirectory, string outputDirectory, OutputFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var current = await BridgeInputs.ReadAsync(currentDirectory, "--current", double.NaN, cancellationToken).ConfigureAwait(false);
        if (current.Period is null)
        {
            throw new UsageException($"The --current run at '{currentDirectory}' records no period in manifest.json, so its tax rate and period length are unknown; rescore it with this version.");
        }

        var previous = await BridgeInputs.ReadAsync(previousDirectory, "--previous", current.Period.HurdleRate, cancellationToken).ConfigureAwait(false);
        if (current.Snapshot.Accounts is null)
        {
            await output.WriteLineAsync("Note: the --current run has no account_profitability, so NII changes are not split into volume and margin and go to new_or_lost.").ConfigureAwait(false);
        }

        if (previous.Note is not null)
        {
            await output.WriteLineAsync($"Note: {previous.Note}.").ConfigureAwait(false);
        }

        var bridge = ProfitBridge.Compute(previous.Snapshot, current.Snapshot);
        var table = OutputTables.ProfitBridge(bridge);
        OutputGuard.EnsureFinite([table], customerIdConfidential: false);
        Directory.CreateDirectory(outputDirectory);
        string path = Path.Combine(outputDirectory, table.Name + (format == OutputFormat.Csv ? ".csv" : ".parquet"));
        string temporary = path + ".tmp";
        if (format == OutputFormat.Csv)
        {
            await CsvTableWriter.WriteAsync(table, temporary, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ParquetTableWriter.WriteAsync(table, temporary, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        await WriteTotalsAsync(output, bridge).ConfigureAwait(false);
        await output.WriteLineAsync($"Wrote {path}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Prints the portfolio bridge as text: previous EVA, each component, current EVA.</summary>
    public static async Task WriteTotalsAsync(TextWriter output, BridgeResult bridge)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(bridge);
        var (eva0, eva1, totals) = bridge.Totals();
        await output.WriteLineAsync(string.Create(Ci, $"Portfolio EVA bridge over {bridge.Count:N0} customers:")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(Ci, $"  {"eva_previous",-16} {eva0,18:N2}")).ConfigureAwait(false);
        for (int k = 0; k < totals.Length; k++)
        {
            await output.WriteLineAsync(string.Create(Ci, $"  {BridgeResult.ComponentNames[k],-16} {totals[k],18:+#,##0.00;-#,##0.00;0.00}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(Ci, $"  {"eva_current",-16} {eva1,18:N2}")).ConfigureAwait(false);
    }
}
