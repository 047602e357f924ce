using Analytics.Core.Configuration;
using Analytics.IO.Reading;
using Analytics.IO.Validation;

namespace Analytics.Benchmarks.Peers;

/// <summary>
/// The baseline: what a first version would write. Every fee row is materialised as a record, then filtered and
/// grouped with LINQ and summed in doubles; memory grows with fee rows. Same row rules as the engine for valid data
/// (known customer, non-empty type, finite amount, known currency, in-period date).
/// </summary>
public static class NaiveFeeAggregation
{
    private sealed record FeeRow(string? CustomerId, string? FeeType, double? Amount, string? Currency, int? BookingDay);

    public static async Task<FeeTotals> RunAsync(string folder, EngineConfig config)
    {
        var rows = new List<FeeRow>();
        var location = InputFolder.Locate(folder, InputTables.Fees);
        foreach (var file in location?.Files ?? [])
        {
            await using var reader = await InputFolder.OpenAsync(file, InputTables.FeeSchema);
            for (int block = 0; block < reader.BlockCount; block++)
            {
                await reader.ReadBlockAsync(block, batch =>
                {
                    var c = batch.Columns;
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        rows.Add(new FeeRow(
                            c[0].State[i] == CellState.Value ? c[0].Strings![i] : null,
                            c[1].State[i] == CellState.Value ? c[1].Strings![i] : null,
                            c[2].State[i] == CellState.Value ? c[2].Doubles![i] : null,
                            c[3].State[i] == CellState.Value ? c[3].Strings![i] : null,
                            c[4].State[i] == CellState.Value ? c[4].Ints![i] : null));
                    }
                });
            }
        }

        var customers = new HashSet<string>(await CustomerIdsAsync(folder), StringComparer.Ordinal);
        var rates = config.FxRates.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        rates[config.ReportingCurrency] = 1.0;
        int start = config.Period.Start.DayNumber, end = config.Period.End.DayNumber;

        var perCustomer = rows
            .Where(r => r.CustomerId is { Length: > 0 } && customers.Contains(r.CustomerId)
                && !string.IsNullOrEmpty(r.FeeType)
                && r.Amount is { } a && double.IsFinite(a)
                && (r.Currency is null || rates.ContainsKey(r.Currency))
                && r.BookingDay is { } d && d >= start && d <= end)
            .GroupBy(r => r.CustomerId!, StringComparer.Ordinal)
            .Select(g => new
            {
                Income = g.Sum(r => r.Amount!.Value * (r.Currency is null ? 1.0 : rates[r.Currency])),
                Rows = g.LongCount(),
                Types = g.Select(r => r.FeeType).Distinct(StringComparer.Ordinal).LongCount(),
            })
            .ToList();

        return new FeeTotals(perCustomer.Count, perCustomer.Sum(p => p.Income), perCustomer.Sum(p => p.Rows),
            perCustomer.Sum(p => p.Types));
    }

    private static async Task<List<string>> CustomerIdsAsync(string folder)
    {
        var ids = new List<string>();
        var location = InputFolder.Locate(folder, InputTables.Customers);
        foreach (var file in location?.Files ?? [])
        {
            await using var reader = await InputFolder.OpenAsync(file, InputTables.CustomerSchema([]));
            for (int block = 0; block < reader.BlockCount; block++)
            {
                await reader.ReadBlockAsync(block, batch =>
                {
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        if (batch.Columns[0].State[i] == CellState.Value)
                        {
                            ids.Add(batch.Columns[0].Strings![i]!);
                        }
                    }
                });
            }
        }

        return ids;
    }
}
