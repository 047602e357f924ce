using System.Globalization;
using Analytics.IO.Configuration;
using Analytics.IO.Validation;

namespace Analytics.Pipeline;

/// <summary>
/// <c>analytics validate</c>: runs the config check and every row rule, prints per table what was read, accepted,
/// rejected and why (counts by column and reason, with the first rows), then applies the run gates. Writes nothing.
/// </summary>
public static class ValidationRunner
{
    private const int ExamplesPerReason = 5;

    /// <summary>Validates and prints the summary; returns 0 when a score run would accept the data.</summary>
    public static async Task<int> RunAsync(string inputDirectory, string configPath, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        var config = ConfigLoader.Load(configPath);
        var loaded = await PortfolioLoader.LoadAsync(inputDirectory, config, includeConfidential: false, cancellationToken)
            .ConfigureAwait(false);
        var ci = CultureInfo.InvariantCulture;

        await output.WriteLineAsync($"Config '{Path.GetFileName(configPath)}' is valid.").ConfigureAwait(false);
        await output.WriteLineAsync("table          present      read  accepted  rejected  out_of_period  reject_rate")
            .ConfigureAwait(false);
        foreach (var s in loaded.Stats)
        {
            await output.WriteLineAsync(string.Create(ci,
                $"{s.Table,-14} {(s.Present ? "yes" : "no"),7} {s.RowsRead,9} {s.Accepted,9} {s.Rejected,9} {s.OutOfPeriod,14} "
                    + $"{s.RejectRate,12:P2}")).ConfigureAwait(false);
        }

        var groups = new SortedDictionary<(string Table, string Column, string Reason),
            List<Reject>>(Comparer<(string, string, string)>.Create(
            (a, b) => InputTables.Order(a.Item1) != InputTables.Order(b.Item1)
                ? InputTables.Order(a.Item1).CompareTo(InputTables.Order(b.Item1))
                : string.CompareOrdinal(a.Item2 + "\0" + a.Item3, b.Item2 + "\0" + b.Item3)));
        foreach (var r in loaded.Rejects.Sorted())
        {
            var key = (r.Table, r.Column, RejectReasons.Code(r.Reason));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(r);
        }

        if (groups.Count > 0)
        {
            await output.WriteLineAsync("Rejected rows by table, column and reason:").ConfigureAwait(false);
        }

        foreach (var ((table, column, reason), list) in groups)
        {
            var examples = new List<string>();
            for (int i = 0; i < Math.Min(ExamplesPerReason, list.Count); i++)
            {
                examples.Add(string.Create(ci, $"{list[i].File}:{list[i].Row}"));
            }

            string more = list.Count > ExamplesPerReason ? ", …" : "";
            await output.WriteLineAsync(string.Create(ci,
                $"  {table}.{(column.Length == 0 ? "(row)" : column)} {reason}: {list.Count} row(s), e.g. "
                    + $"{string.Join(", ", examples)}{more}")).ConfigureAwait(false);
        }

        PortfolioLoader.EnforceGates(loaded, config);
        await output.WriteLineAsync(string.Create(ci, $"OK: a score run would accept {loaded.Data.Customers.Count} customers."))
            .ConfigureAwait(false);
        return 0;
    }
}
