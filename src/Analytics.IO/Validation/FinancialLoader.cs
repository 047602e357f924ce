using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// Validates the financials table. (customer_id, statement_date) is treated as the key: two statements of one
/// customer on one date would make "the latest statement" depend on row order, so every row carrying such a
/// key is rejected as <c>duplicate_key</c>. Valid statements dated after as_of are counted as out of period.
/// </summary>
/// <remarks>
/// Rows are staged column by column (no per-row objects). A key of an accepted customer is the pair (customer index,
/// day) packed in a long, so counting keys and sorting the accepted rows never hashes or compares strings; only ids
/// that are not accepted customers (rejected anyway) are keyed by their text.
/// </remarks>
internal static class FinancialLoader
{
    private const int NoKey = -1;
    private const int TextKey = -2;

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
        var resolver = new CustomerResolver(customerIndex);
        var customers = new List<int>();
        var days = new List<int>();
        // NoKey: the row carries no trustworthy key; TextKey: an id that is no accepted customer, keyed by text below.
        var keyKinds = new List<int>();
        var textKeys = new Dictionary<int, string>();
        var items = new List<double>[FinancialTable.ItemCount];
        for (int k = 0; k < items.Length; k++)
        {
            items[k] = [];
        }

        var files = new List<string>();
        var rows = new List<long>();
        var failures = new List<RowFailure>();

        await TableScanner.ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            resolver.StartBatch(c[0]);
            for (int i = 0; i < batch.RowCount; i++)
            {
                var f = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    f.Check(RejectReason.WrongFieldCount, -1);
                }

                var customerReason = CellRules.String(c[0], i, true, out var customerId);
                int customer = CustomerResolver.Unknown;
                if (customerReason is null && (customer = resolver.At(c[0], i)) < 0)
                {
                    customerReason = RejectReason.UnknownCustomer;
                    customer = CustomerResolver.Unknown;
                }

                f.Check(customerReason, 0);
                var dateReason = CellRules.Date(c[1], i, true, out int day);
                f.Check(dateReason, 1);
                for (int k = 0; k < FinancialTable.ItemCount; k++)
                {
                    f.Check(CellRules.Number(c[2 + k], i, false, NumberRule.Any, out double value), 2 + k);
                    items[k].Add(value);
                }

                bool hasKey = !batch.WrongFieldCount[i] && customerId is not null && dateReason is null;
                int kind = !hasKey ? NoKey : customer >= 0 ? customer : TextKey;
                if (kind == TextKey)
                {
                    textKeys[customers.Count] = customerId!;
                }

                keyKinds.Add(kind);
                customers.Add(customer);
                days.Add(day);
                files.Add(batch.File);
                rows.Add(batch.FirstRowNumber + i);
                failures.Add(f);
            }
        }, cancellationToken, more =>
        {
            int capacity = (int)Math.Min(Array.MaxLength, customers.Count + more);
            customers.EnsureCapacity(capacity);
            days.EnsureCapacity(capacity);
            keyKinds.EnsureCapacity(capacity);
            foreach (var item in items)
            {
                item.EnsureCapacity(capacity);
            }

            files.EnsureCapacity(capacity);
            rows.EnsureCapacity(capacity);
            failures.EnsureCapacity(capacity);
        }).ConfigureAwait(false);

        int count = customers.Count;
        var keyCount = new Dictionary<long, int>(count);
        var textKeyCount = new Dictionary<(string, int), int>();
        for (int r = 0; r < count; r++)
        {
            int kind = keyKinds[r];
            if (kind >= 0)
            {
                long key = PackKey(kind, days[r]);
                keyCount[key] = keyCount.GetValueOrDefault(key) + 1;
            }
            else if (kind == TextKey)
            {
                var key = (textKeys[r], days[r]);
                textKeyCount[key] = textKeyCount.GetValueOrDefault(key) + 1;
            }
        }

        int asOf = config.AsOf.DayNumber;
        var acceptedKeys = new List<long>(count);
        var accepted = new List<int>(count);
        long rejected = 0, outOfPeriod = 0;
        for (int r = 0; r < count; r++)
        {
            int kind = keyKinds[r];
            bool duplicate = kind >= 0 ? keyCount[PackKey(kind, days[r])] > 1
                : kind == TextKey && textKeyCount[(textKeys[r], days[r])] > 1;
            if (duplicate)
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
            else if (days[r] > asOf)
            {
                outOfPeriod++;
            }
            else
            {
                accepted.Add(r);
                acceptedKeys.Add(PackKey(customers[r], days[r]));
            }
        }

        stats.Accepted = accepted.Count;
        stats.Rejected = rejected;
        stats.OutOfPeriod = outOfPeriod;

        // Accepted keys are unique (duplicates were rejected), so this order is total: (customer, statement date).
        var order = accepted.ToArray();
        Array.Sort(acceptedKeys.ToArray(), order);

        int n = order.Length;
        var table = new FinancialTable
        {
            Customer = new int[n],
            StatementDate = new int[n],
            Items = new double[FinancialTable.ItemCount][],
            CustomerStart = new int[customerCount + 1],
        };
        for (int k = 0; k < FinancialTable.ItemCount; k++)
        {
            var column = table.Items[k] = new double[n];
            var staged = items[k];
            for (int j = 0; j < n; j++)
            {
                column[j] = staged[order[j]];
            }
        }

        for (int j = 0; j < n; j++)
        {
            int r = order[j];
            table.Customer[j] = customers[r];
            table.StatementDate[j] = days[r];
            table.CustomerStart[customers[r] + 1]++;
        }

        for (int c = 0; c < customerCount; c++)
        {
            table.CustomerStart[c + 1] += table.CustomerStart[c];
        }

        return table;
    }

    /// <summary>(customer, day) as one sortable number: customer in the high half, the day (always ≥ 0) in the low.</summary>
    private static long PackKey(int customer, int day) => ((long)customer << 32) | (uint)day;
}
