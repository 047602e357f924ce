using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Accepted accounts plus exact money totals of what was accepted, for reconciliation.</summary>
internal sealed record AccountLoadResult(AccountTable Accounts, Int128 DepositAverageBalance, Int128 LendingAverageBalance,
    Int128 GuaranteeAverageBalance);

/// <summary>
/// Validates the accounts table. Like customers, rows are staged so that a duplicated account_id rejects
/// every row carrying it; accepted rows are then sorted by (customer, account_id) so sums never depend on row order.
/// </summary>
/// <remarks>
/// Blocks are staged column by column on several workers (<see cref="TableScanner.StageAsync"/>) into one staging
/// buffer in file order; everything after — duplicate ids, rejects in row order, the sort — runs over the whole
/// table on one thread, so the result is the same for any thread count. Account ids that are already in strictly
/// increasing order (the usual export) are unique and sorted, which one pass over neighbours proves; otherwise
/// duplicates are found by hash and each customer's few accounts are sorted by id.
/// </remarks>
internal static class AccountLoader
{
    // Staging slots.
    private const int Avg = 0, End = 1, Limit = 2, Client = 3, Ftp = 4, Lgd = 5, Arrears = 6, OrigPd = 7, Prior = 8, DoubleSlots = 9;
    private const int CustomerSlot = 0, TypeSlot = 1, Open = 2, Maturity = 3, Dpd = 4, IntSlots = 5;
    private const int Id = 0, CurrencySlot = 1, StringSlots = 2;

    /// <summary>Staged type of a row whose product_type is missing or unknown.</summary>
    private const int NoType = -1;

    /// <summary>One worker's lookups and scratch space; not thread-safe.</summary>
    private sealed class Worker(Dictionary<string, int> customerIndex, CurrencyTable currencies)
    {
        public readonly CustomerResolver Customers = new(customerIndex);
        public readonly ActivityLookups Rates = new(customerIndex, currencies);
        public double[] Rate = [];
    }

    public static async Task<AccountLoadResult> LoadAsync(
        TableLocation? location,
        EngineConfig config,
        Dictionary<string, int> customerIndex,
        int customerCount,
        TableStats stats,
        RejectLog rejects,
        int threads,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.AccountSchema;
        var currencies = new CurrencyTable(config);
        string reporting = config.ReportingCurrency;
        var staged = await TableScanner.StageAsync(
            location,
            schema,
            stats,
            threads,
            (DoubleSlots, IntSlots, StringSlots),
            () => new Worker(customerIndex, currencies),
            (w, batch, buffer, _) => Stage(w, batch, buffer, reporting),
            cancellationToken).ConfigureAwait(false);

        var s = staged.Rows;
        int count = s.Count;
        var ids = s.Strings[Id];
        var customers = s.Ints[CustomerSlot];
        var failures = s.Failures;
        bool idsInOrder = DuplicateKeys.StrictlyIncreasing(ids, count);
        if (!idsInOrder)
        {
            DuplicateKeys.MarkRepeatedStrings(ids, count, failures, StagedFailure.Of(RejectReason.DuplicateKey, 0));
        }

        var accepted = new int[count];
        int n = 0;
        for (int f = 0; f + 1 < staged.FileStart.Length; f++)
        {
            string file = location!.Files[f].DisplayName;
            int first = staged.FileStart[f];
            for (int r = first; r < staged.FileStart[f + 1]; r++)
            {
                int code = failures[r];
                if (code == StagedFailure.None)
                {
                    accepted[n++] = r;
                }
                else
                {
                    rejects.Add(StagedFailure.ToReject(InputTables.Accounts, file, r - first + 1, schema, code));
                }
            }
        }

        stats.Rejected = count - n;
        stats.Accepted = n;

        // (customer, account_id) order. Ids in strictly increasing order stay sorted within each customer's group.
        int[] order, customerStart;
        if (idsInOrder && StagedOrder.CustomersInOrder(accepted, n, customers))
        {
            order = accepted;
            customerStart = StagedOrder.CustomerStarts(accepted, n, customers, customerCount);
        }
        else
        {
            order = StagedOrder.ByCustomer(accepted, n, customers, customerCount, out customerStart);
            if (!idsInOrder)
            {
                SortEachCustomerById(order, customerStart, customerCount, ids);
            }
        }

        bool identity = StagedOrder.IsIdentity(order, n, count);
        var type = new ProductType[n];
        var stagedType = s.Ints[TypeSlot];
        var avg = StagedOrder.Gather(s.Doubles[Avg], order, n, identity);
        Int128 deposits = 0, lending = 0, guarantees = 0;
        for (int k = 0; k < n; k++)
        {
            var t = type[k] = (ProductType)stagedType[order[k]];
            var fixedAvg = ExactSum.ToFixed(avg[k]);
            switch (t)
            {
                case ProductType.Deposit: deposits = ExactSum.Add(deposits, fixedAvg); break;
                case ProductType.Guarantee: guarantees = ExactSum.Add(guarantees, fixedAvg); break;
                default: lending = ExactSum.Add(lending, fixedAvg); break;
            }
        }

        var table = new AccountTable
        {
            Customer = StagedOrder.Gather(customers, order, n, identity),
            AccountId = StagedOrder.Gather(ids, order, n, identity)!,
            Type = type,
            Currency = StagedOrder.Take(s.Strings, CurrencySlot, order, n, identity)!,
            AverageBalance = avg,
            EndBalance = StagedOrder.Take(s.Doubles, End, order, n, identity),
            Limit = StagedOrder.Take(s.Doubles, Limit, order, n, identity),
            ClientRate = StagedOrder.Take(s.Doubles, Client, order, n, identity),
            FtpRate = StagedOrder.Take(s.Doubles, Ftp, order, n, identity),
            OpenDate = StagedOrder.Take(s.Ints, Open, order, n, identity),
            MaturityDate = StagedOrder.Take(s.Ints, Maturity, order, n, identity),
            Lgd = StagedOrder.Take(s.Doubles, Lgd, order, n, identity),
            DaysPastDue = StagedOrder.Take(s.Ints, Dpd, order, n, identity),
            InterestArrears = StagedOrder.Take(s.Doubles, Arrears, order, n, identity),
            OriginationPd = StagedOrder.Take(s.Doubles, OrigPd, order, n, identity),
            PriorAverageBalance = StagedOrder.Take(s.Doubles, Prior, order, n, identity),
            CustomerStart = customerStart,
        };

        return new AccountLoadResult(table, deposits, lending, guarantees);
    }

    /// <summary>Checks one batch column by column (schema order, so each row keeps its first failure) into the staging slots.</summary>
    private static void Stage(Worker w, ColumnBatch batch, StagingBuffer buffer, string reportingCurrency)
    {
        int at = buffer.Place(batch);
        int n = batch.RowCount;
        var c = batch.Columns;
        var failures = buffer.Failures;
        StagedRules.Start(batch, failures, at);
        StagedRules.Strings(c[0], n, true, 0, buffer.Strings[Id], at, failures);

        StagedRules.Customers(c[1], n, 1, w.Customers, unknown: -1, missing: -1, buffer.Ints[CustomerSlot], at, failures);

        var type = buffer.Ints[TypeSlot];
        {
            var state = c[2].State;
            var values = c[2].Strings!;
            for (int i = 0; i < n; i++)
            {
                string? text = values[i];
                if (state[i] == CellState.Value && !string.IsNullOrEmpty(text))
                {
                    if (ProductTypes.TryParse(text, out var parsed))
                    {
                        type[at + i] = (int)parsed;
                    }
                    else
                    {
                        type[at + i] = NoType;
                        StagedFailure.Record(failures, at + i, RejectReason.UnknownProductType, 2);
                    }
                }
                else
                {
                    type[at + i] = NoType;
                    StagedFailure.Record(failures, at + i, RejectReason.MissingValue, 2);
                }
            }
        }

        if (w.Rate.Length < n)
        {
            w.Rate = new double[n];
        }

        var rate = w.Rate;
        var currency = buffer.Strings[CurrencySlot];
        {
            var state = c[3].State;
            var values = c[3].Strings!;
            for (int i = 0; i < n; i++)
            {
                string? text = values[i];
                if (state[i] != CellState.Value || string.IsNullOrEmpty(text))
                {
                    text = null;
                }

                if (!w.Rates.TryGetRate(text, out rate[i]))
                {
                    StagedFailure.Record(failures, at + i, RejectReason.UnknownCurrency, 3);
                }

                currency[at + i] = text ?? reportingCurrency;
            }
        }

        StagedRules.Numbers(c[4], n, true, NumberRule.NonNegative, 4, buffer.Doubles[Avg], at, failures);
        StagedRules.Numbers(c[5], n, true, NumberRule.NonNegative, 5, buffer.Doubles[End], at, failures);
        StagedRules.Numbers(c[6], n, false, NumberRule.NonNegative, 6, buffer.Doubles[Limit], at, failures);
        {
            // client_rate is required for every product but guarantees (their income arrives as fees).
            var column = c[7];
            var state = column.State;
            var values = column.Doubles!;
            var client = buffer.Doubles[Client];
            for (int i = 0; i < n; i++)
            {
                double v = values[i];
                if (state[i] == CellState.Value && double.IsFinite(v))
                {
                    client[at + i] = v;
                }
                else
                {
                    bool required = type[at + i] != (int)ProductType.Guarantee;
                    if (CellRules.Number(column, i, required, NumberRule.Any, out client[at + i]) is { } reason)
                    {
                        StagedFailure.Record(failures, at + i, reason, 7);
                    }
                }
            }
        }

        StagedRules.Numbers(c[8], n, false, NumberRule.Any, 8, buffer.Doubles[Ftp], at, failures);
        StagedRules.Dates(c[9], n, true, 9, buffer.Ints[Open], at, failures);
        StagedRules.Dates(c[10], n, false, 10, buffer.Ints[Maturity], at, failures);
        StagedRules.Numbers(c[11], n, false, NumberRule.Probability, 11, buffer.Doubles[Lgd], at, failures);
        StagedRules.NonNegativeInts(c[12], n, 12, buffer.Ints[Dpd], at, failures);
        StagedRules.Numbers(c[13], n, false, NumberRule.NonNegative, 13, buffer.Doubles[Arrears], at, failures);
        StagedRules.Numbers(c[14], n, false, NumberRule.Probability, 14, buffer.Doubles[OrigPd], at, failures);
        StagedRules.Numbers(c[15], n, false, NumberRule.NonNegative, 15, buffer.Doubles[Prior], at, failures);

        // Money in the reporting currency; a missing limit or arrears is none.
        double[] avg = buffer.Doubles[Avg], end = buffer.Doubles[End], limit = buffer.Doubles[Limit],
            arrears = buffer.Doubles[Arrears], prior = buffer.Doubles[Prior];
        for (int i = 0; i < n; i++)
        {
            int r = at + i;
            double fx = rate[i];
            avg[r] *= fx;
            end[r] *= fx;
            limit[r] = double.IsNaN(limit[r]) ? 0 : limit[r] * fx;
            arrears[r] = double.IsNaN(arrears[r]) ? 0 : arrears[r] * fx;
            prior[r] *= fx;
        }

        // A row with the wrong field count has no trustworthy key, so it never counts as carrying one.
        var wrong = batch.WrongFieldCount;
        var ids = buffer.Strings[Id];
        for (int i = 0; i < n; i++)
        {
            if (wrong[i])
            {
                ids[at + i] = null;
            }
        }
    }

    /// <summary>Sorts each customer's accounts (a short run of <paramref name="order"/>) by account_id, ordinal; accepted ids are
    /// unique.</summary>
    private static void SortEachCustomerById(int[] order, int[] start, int customerCount, string?[] ids)
    {
        Comparison<int> byId = (a, b) => string.CompareOrdinal(ids[a], ids[b]);
        for (int c = 0; c < customerCount; c++)
        {
            int from = start[c], length = start[c + 1] - from;
            if (length <= 1)
            {
                continue;
            }

            if (length > 16)
            {
                order.AsSpan(from, length).Sort(byId);
                continue;
            }

            // Insertion sort: a customer holds a handful of accounts, often already in order.
            for (int k = from + 1; k < from + length; k++)
            {
                int row = order[k];
                string id = ids[row]!;
                int j = k - 1;
                while (j >= from && string.CompareOrdinal(ids[order[j]], id) > 0)
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = row;
            }
        }
    }
}
