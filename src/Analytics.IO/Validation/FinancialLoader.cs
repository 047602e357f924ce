using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// Validates the financials table. (customer_id, statement_date) is treated as the key: two statements of one
/// customer on one date would make "the latest statement" depend on row order, so every row carrying such a
/// key is rejected as <c>duplicate_key</c>. Valid statements dated after as_of are counted as out of period.
/// </summary>
internal static class FinancialLoader
{
    public static async Task<FinancialTable> LoadAsync(
        TableLocation? location,
        EngineConfig config,
        Dictionary<string, int> customerIndex,
        int customerCount,
        TableStats stats,
        RejectLog rejects,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.FinancialSchema;
        var keys = new List<(string? Customer, int Day)>();
        var customers = new List<int>();
        var items = new List<double[]>();
        var files = new List<string>();
        var rows = new List<long>();
        var failures = new List<RowFailure>();

        await TableScanner.ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            for (int i = 0; i < batch.RowCount; i++)
            {
                var f = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    f.Check(RejectReason.WrongFieldCount, -1);
                }

                var customerReason = CellRules.String(c[0], i, true, out var customerId);
                int customer = -1;
                if (customerReason is null && !customerIndex.TryGetValue(customerId!, out customer))
                {
                    customerReason = RejectReason.UnknownCustomer;
                }

                f.Check(customerReason, 0);
                var dateReason = CellRules.Date(c[1], i, true, out int day);
                f.Check(dateReason, 1);
                var values = new double[FinancialTable.ItemCount];
                for (int k = 0; k < values.Length; k++)
                {
                    f.Check(CellRules.Number(c[2 + k], i, false, NumberRule.Any, out values[k]), 2 + k);
                }

                bool hasKey = !batch.WrongFieldCount[i] && customerId is not null && dateReason is null;
                keys.Add(hasKey ? (customerId, day) : (null, 0));
                customers.Add(customer);
                items.Add(values);
                files.Add(batch.File);
                rows.Add(batch.FirstRowNumber + i);
                failures.Add(f);
            }
        }, cancellationToken).ConfigureAwait(false);

        var keyCount = new Dictionary<(string, int), int>();
        foreach (var (id, day) in keys)
        {
            if (id is not null)
            {
                keyCount[(id, day)] = keyCount.GetValueOrDefault((id, day)) + 1;
            }
        }

        int asOf = config.AsOf.DayNumber;
        var accepted = new List<int>(keys.Count);
        long rejected = 0, outOfPeriod = 0;
        for (int r = 0; r < keys.Count; r++)
        {
            var (id, day) = keys[r];
            if (id is not null && keyCount[(id, day)] > 1)
            {
                rejected++;
                rejects.Add(new Reject(InputTables.Financials, files[r], rows[r], "statement_date", RejectReason.DuplicateKey));
            }
            else if (failures[r].Failed)
            {
                rejected++;
                var f = failures[r];
                rejects.Add(new Reject(InputTables.Financials, files[r], rows[r], f.Column < 0 ? "" : schema.Columns[f.Column].Name, f.Reason));
            }
            else if (day > asOf)
            {
                outOfPeriod++;
            }
            else
            {
                accepted.Add(r);
            }
        }

        stats.Accepted = accepted.Count;
        stats.Rejected = rejected;
        stats.OutOfPeriod = outOfPeriod;

        accepted.Sort((a, b) =>
        {
            int c = customers[a].CompareTo(customers[b]);
            return c != 0 ? c : keys[a].Day.CompareTo(keys[b].Day);
        });

        int n = accepted.Count;
        var table = new FinancialTable
        {
            Customer = new int[n],
            StatementDate = new int[n],
            Items = new double[FinancialTable.ItemCount][],
            CustomerStart = new int[customerCount + 1],
        };
        for (int k = 0; k < FinancialTable.ItemCount; k++)
        {
            table.Items[k] = new double[n];
        }

        for (int k = 0; k < n; k++)
        {
            int r = accepted[k];
            table.Customer[k] = customers[r];
            table.StatementDate[k] = keys[r].Day;
            for (int item = 0; item < FinancialTable.ItemCount; item++)
            {
                table.Items[item][k] = items[r][item];
            }

            table.CustomerStart[customers[r] + 1]++;
        }

        for (int c = 0; c < customerCount; c++)
        {
            table.CustomerStart[c + 1] += table.CustomerStart[c];
        }

        return table;
    }
}
