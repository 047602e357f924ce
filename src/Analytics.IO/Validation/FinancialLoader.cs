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
/// Blocks are staged column by column on several workers (<see cref="TableScanner.StageAsync"/>) into one staging
/// buffer in file order; duplicate keys, rejects (in row order) and the sort then run over the whole table on one
/// thread, so the result is the same for any thread count. The key of an accepted customer is (customer index, day):
/// keys already in strictly increasing order (the usual export) are unique and sorted, which one pass proves;
/// otherwise the keyed rows are grouped by customer (counting sort) and each customer's few statements sorted by
/// date, where equal neighbours are the duplicates. Only ids that are not accepted customers (rejected anyway) are
/// keyed by their text.
/// </remarks>
internal static class FinancialLoader
{
    // Staging slots: the 13 items are the double slots.
    private const int KindSlot = 0, DaySlot = 1, IntSlots = 2;

    // A row's key kind: a customer index (≥ 0), or one of these.
    private const int NoKey = -1;   // the row carries no trustworthy key
    private const int TextKey = -2; // an id that is no accepted customer, keyed by its text

    /// <summary>One worker's lookups and its rows keyed by text; not thread-safe.</summary>
    private sealed class Worker(Dictionary<string, int> customerIndex)
    {
        public readonly CustomerResolver Customers = new(customerIndex);

        /// <summary>Rows whose key is text: file, position in the file's staging buffer, customer_id.</summary>
        public readonly List<(int File, int Row, string Id)> TextKeys = [];
    }

    public static async Task<FinancialTable> LoadAsync(
        TableLocation? location,
        EngineConfig config,
        CustomerKeys customerKeys,
        int customerCount,
        TableStats stats,
        RejectLog rejects,
        int threads,
        CancellationToken cancellationToken)
    {
        // customer_id cells arrive as customer indices where the engine decodes them.
        var schema = InputTables.FinancialSchema with { CustomerKeys = customerKeys };
        var customerIndex = customerKeys.Index;
        var staged = await TableScanner.StageAsync(
            location,
            schema,
            stats,
            threads,
            (FinancialTable.ItemCount, IntSlots, 0),
            () => new Worker(customerIndex),
            Stage,
            cancellationToken).ConfigureAwait(false);

        var s = staged.Rows;
        int count = s.Count;
        var kinds = s.Ints[KindSlot];
        var days = s.Ints[DaySlot];
        var failures = s.Failures;
        int duplicate = StagedFailure.Of(RejectReason.DuplicateKey, FinancialColumn.StatementDate);
        bool keysInOrder = KeysInOrder(kinds, days, count);
        int[]? byKey = null;
        int keyed = 0;
        if (!keysInOrder)
        {
            var keyedRows = new int[count];
            for (int r = 0; r < count; r++)
            {
                if (kinds[r] >= 0)
                {
                    keyedRows[keyed++] = r;
                }
            }

            byKey = StagedOrder.ByCustomer(keyedRows, keyed, kinds, customerCount, out int[] keyStart);
            MarkRepeatedDays(byKey, keyStart, customerCount, days, failures, duplicate);
        }

        MarkRepeatedTextKeys(staged, days, failures, duplicate);

        int asOf = config.AsOf.DayNumber;
        var accepted = new int[count];
        int n = 0;
        long outOfPeriod = 0;
        for (int f = 0; f + 1 < staged.FileStart.Length; f++)
        {
            string file = location!.Files[f].DisplayName;
            int first = staged.FileStart[f];
            for (int r = first; r < staged.FileStart[f + 1]; r++)
            {
                int code = failures[r];
                if (code != StagedFailure.None)
                {
                    rejects.Add(StagedFailure.ToReject(InputTables.Financials, file, r - first + 1, schema, code));
                }
                else if (days[r] > asOf)
                {
                    outOfPeriod++;
                    stats.NoteOutOfPeriodDays(days[r], days[r]);
                }
                else
                {
                    accepted[n++] = r;
                }
            }
        }

        stats.Accepted = n;
        stats.Rejected = count - n - outOfPeriod;
        stats.OutOfPeriod = outOfPeriod;

        // Accepted keys are unique (duplicates were rejected), so this order is total: (customer, statement date).
        var order = accepted;
        if (!keysInOrder)
        {
            int k = 0;
            for (int j = 0; j < keyed; j++)
            {
                int r = byKey![j];
                if (failures[r] == StagedFailure.None && days[r] <= asOf)
                {
                    order[k++] = r;
                }
            }
        }

        bool identity = StagedOrder.IsIdentity(order, n, count);
        var items = new double[FinancialTable.ItemCount][];
        for (int k = 0; k < items.Length; k++)
        {
            items[k] = StagedOrder.Take(s.Doubles, k, order, n, identity);
        }

        return new FinancialTable
        {
            Customer = StagedOrder.Gather(kinds, order, n, identity),
            StatementDate = StagedOrder.Gather(days, order, n, identity),
            Items = items,
            CustomerStart = StagedOrder.CustomerStarts(order, n, kinds, customerCount),
        };
    }

    /// <summary>Checks one batch column by column (schema order, so each row keeps its first failure) into the staging slots.</summary>
    private static void Stage(Worker w, ColumnBatch batch, StagingBuffer buffer, int file)
    {
        int at = buffer.Place(batch);
        int n = batch.RowCount;
        var c = batch.Columns;
        var failures = buffer.Failures;
        var kinds = buffer.Ints[KindSlot];
        var days = buffer.Ints[DaySlot];
        StagedRules.Start(batch, failures, at);

        var idText = c[FinancialColumn.CustomerId].Strings!;
        StagedRules.Customers(batch, FinancialColumn.CustomerId, w.Customers, unknown: TextKey, missing: NoKey, kinds, at, failures);

        StagedRules.Dates(batch, FinancialColumn.StatementDate, true, days, at, failures);
        for (int k = 0; k < FinancialTable.ItemCount; k++)
        {
            StagedRules.Numbers(batch, FinancialColumn.FirstItem + k, false, NumberRule.Any, buffer.Doubles[k], at, failures);
        }

        // A key needs both parts valid and a trustworthy row.
        var wrong = batch.WrongFieldCount;
        for (int i = 0; i < n; i++)
        {
            int r = at + i;
            if (wrong[i] || days[r] == AccountTable.NoDate)
            {
                kinds[r] = NoKey;
            }
            else if (kinds[r] == TextKey)
            {
                w.TextKeys.Add((file, r, idText[i]!));
            }
        }
    }

    /// <summary>Whether the customer keys, in staged order, strictly increase: then none repeats and they are sorted.</summary>
    private static bool KeysInOrder(int[] kinds, int[] days, int count)
    {
        long previous = long.MinValue;
        for (int r = 0; r < count; r++)
        {
            if (kinds[r] < 0)
            {
                continue;
            }

            long key = ((long)kinds[r] << 32) | (uint)days[r];
            if (key <= previous)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }

    /// <summary>Sorts each customer's keyed rows by day (stably) and marks every row of a day that occurs more than once.</summary>
    private static void MarkRepeatedDays(int[] byKey, int[] start, int customerCount, int[] days, int[] failures, int duplicate)
    {
        Comparison<int> byDay = (a, b) => days[a] != days[b] ? days[a].CompareTo(days[b]) : a.CompareTo(b);
        for (int c = 0; c < customerCount; c++)
        {
            int from = start[c], to = start[c + 1];
            if (to - from <= 1)
            {
                continue;
            }

            if (to - from > 32)
            {
                byKey.AsSpan(from, to - from).Sort(byDay);
            }
            else
            {
                for (int k = from + 1; k < to; k++)
                {
                    int row = byKey[k];
                    int day = days[row];
                    int j = k - 1;
                    while (j >= from && days[byKey[j]] > day)
                    {
                        byKey[j + 1] = byKey[j];
                        j--;
                    }

                    byKey[j + 1] = row;
                }
            }

            for (int k = from + 1; k < to; k++)
            {
                if (days[byKey[k]] == days[byKey[k - 1]])
                {
                    failures[byKey[k - 1]] = duplicate;
                    failures[byKey[k]] = duplicate;
                }
            }
        }
    }

    /// <summary>Marks the rows whose text key (an id that is no accepted customer, and a date) occurs more than once.</summary>
    private static void MarkRepeatedTextKeys(StagedTable<Worker> staged, int[] days, int[] failures, int duplicate)
    {
        Dictionary<(string, int), int>? counts = null;
        foreach (var w in staged.Workers)
        {
            foreach (var (file, row, id) in w.TextKeys)
            {
                counts ??= [];
                var key = (id, days[staged.FileStart[file] + row]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (counts is null)
        {
            return;
        }

        foreach (var w in staged.Workers)
        {
            foreach (var (file, row, id) in w.TextKeys)
            {
                int r = staged.FileStart[file] + row;
                if (counts[(id, days[r])] > 1)
                {
                    failures[r] = duplicate;
                }
            }
        }
    }
}
