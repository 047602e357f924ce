using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Accepted accounts plus exact money totals of what was accepted, for reconciliation.</summary>
internal sealed record AccountLoadResult(AccountTable Accounts, Fixed128 DepositAverageBalance, Fixed128 LendingAverageBalance,
    Fixed128 GuaranteeAverageBalance);

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
        CustomerKeys customerKeys,
        int customerCount,
        TableStats stats,
        RejectLog rejects,
        int threads,
        CancellationToken cancellationToken)
    {
        // customer_id cells arrive as customer indices where the engine decodes them.
        var schema = InputTables.AccountSchema with { CustomerKeys = customerKeys };
        var customerIndex = customerKeys.Index;
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
        var ids = s.Strings[Id];
        bool idsInOrder = DuplicateKeys.StrictlyIncreasing(ids, s.Count);
        if (!idsInOrder)
        {
            int duplicate = StagedFailure.Of(RejectReason.DuplicateKey, AccountColumn.AccountId);
            DuplicateKeys.MarkRepeatedStrings(ids, s.Count, s.Failures, duplicate);
        }

        var (accepted, n) = AcceptedRows(staged, location, schema, rejects);
        stats.Rejected = s.Count - n;
        stats.Accepted = n;
        int[] order = Order(accepted, n, s.Ints[CustomerSlot], ids, idsInOrder, customerCount, out int[] customerStart);
        return Gather(s, order, n, customerStart);
    }

    /// <summary>The rows without a failure, in file order; every other row is written to <paramref name="rejects"/>.</summary>
    private static (int[] Accepted, int Count) AcceptedRows(StagedTable<Worker> staged, TableLocation? location, TableSchema schema,
        RejectLog rejects)
    {
        var failures = staged.Rows.Failures;
        var accepted = new int[staged.Rows.Count];
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

        return (accepted, n);
    }

    /// <summary>The accepted rows in (customer, account_id) order, and where each customer's accounts start.</summary>
    private static int[] Order(int[] accepted, int n, int[] customers, string?[] ids, bool idsInOrder, int customerCount,
        out int[] customerStart)
    {
        // Ids in strictly increasing order stay sorted within each customer's group.
        if (idsInOrder && StagedOrder.CustomersInOrder(accepted, n, customers))
        {
            customerStart = StagedOrder.CustomerStarts(accepted, n, customers, customerCount);
            return accepted;
        }

        int[] order = StagedOrder.ByCustomer(accepted, n, customers, customerCount, out customerStart);
        if (!idsInOrder)
        {
            SortEachCustomerById(order, customerStart, customerCount, ids);
        }

        return order;
    }

    /// <summary>The accepted rows gathered into the columnar table, in <paramref name="order"/>, with exact balance totals.</summary>
    private static AccountLoadResult Gather(StagingBuffer s, int[] order, int n, int[] customerStart)
    {
        bool identity = StagedOrder.IsIdentity(order, n, s.Count);
        var type = new ProductType[n];
        var stagedType = s.Ints[TypeSlot];
        var avg = StagedOrder.Gather(s.Doubles[Avg], order, n, identity);
        Fixed128 deposits = default, lending = default, guarantees = default;
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
            Customer = StagedOrder.Gather(s.Ints[CustomerSlot], order, n, identity),
            AccountId = StagedOrder.Gather(s.Strings[Id], order, n, identity)!,
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
        var failures = buffer.Failures;
        StagedRules.Start(batch, failures, at);
        StagedRules.Strings(batch, AccountColumn.AccountId, true, buffer.Strings[Id], at, failures);
        StagedRules.Customers(batch, AccountColumn.CustomerId, w.Customers, unknown: -1, missing: -1, buffer.Ints[CustomerSlot], at,
            failures);
        StageProductTypes(batch, buffer, at);
        StageCurrencies(w, batch, buffer, at, reportingCurrency);
        StagedRules.Numbers(batch, AccountColumn.AverageBalance, true, NumberRule.NonNegative, buffer.Doubles[Avg], at, failures);
        StagedRules.Numbers(batch, AccountColumn.EndBalance, true, NumberRule.NonNegative, buffer.Doubles[End], at, failures);
        StagedRules.Numbers(batch, AccountColumn.LimitAmount, false, NumberRule.NonNegative, buffer.Doubles[Limit], at, failures);
        StageClientRates(batch, buffer, at);
        StagedRules.Numbers(batch, AccountColumn.FtpRate, false, NumberRule.Any, buffer.Doubles[Ftp], at, failures);
        StagedRules.Dates(batch, AccountColumn.OpenDate, true, buffer.Ints[Open], at, failures);
        StagedRules.Dates(batch, AccountColumn.MaturityDate, false, buffer.Ints[Maturity], at, failures);
        StagedRules.Numbers(batch, AccountColumn.Lgd, false, NumberRule.Probability, buffer.Doubles[Lgd], at, failures);
        StagedRules.NonNegativeInts(batch, AccountColumn.DaysPastDue, buffer.Ints[Dpd], at, failures);
        StagedRules.Numbers(batch, AccountColumn.InterestArrears, false, NumberRule.NonNegative, buffer.Doubles[Arrears], at,
            failures);
        StagedRules.Numbers(batch, AccountColumn.OriginationPd, false, NumberRule.Probability, buffer.Doubles[OrigPd], at, failures);
        StagedRules.Numbers(batch, AccountColumn.PriorAverageBalance, false, NumberRule.NonNegative, buffer.Doubles[Prior], at,
            failures);
        ConvertMoney(w.Rate, buffer, at, batch.RowCount);

        // A row with the wrong field count has no trustworthy key, so it never counts as carrying one.
        var wrong = batch.WrongFieldCount;
        var ids = buffer.Strings[Id];
        for (int i = 0; i < batch.RowCount; i++)
        {
            if (wrong[i])
            {
                ids[at + i] = null;
            }
        }
    }

    /// <summary>product_type: the parsed type, or <see cref="NoType"/> with a failure for a missing or unknown one.</summary>
    private static void StageProductTypes(ColumnBatch batch, StagingBuffer buffer, int at)
    {
        var column = batch.Columns[AccountColumn.ProductType];
        var state = column.State;
        var values = column.Strings!;
        var type = buffer.Ints[TypeSlot];
        var failures = buffer.Failures;
        for (int i = 0; i < batch.RowCount; i++)
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
                    StagedFailure.Record(failures, at + i, RejectReason.UnknownProductType, AccountColumn.ProductType);
                }
            }
            else
            {
                type[at + i] = NoType;
                StagedFailure.Record(failures, at + i, RejectReason.MissingValue, AccountColumn.ProductType);
            }
        }
    }

    /// <summary>currency: the code (null = the reporting currency) and its rate into <see cref="Worker.Rate"/>.</summary>
    private static void StageCurrencies(Worker w, ColumnBatch batch, StagingBuffer buffer, int at, string reportingCurrency)
    {
        int n = batch.RowCount;
        if (w.Rate.Length < n)
        {
            w.Rate = new double[n];
        }

        var rate = w.Rate;
        var currency = buffer.Strings[CurrencySlot];
        var column = batch.Columns[AccountColumn.Currency];
        var state = column.State;
        var values = column.Strings!;
        for (int i = 0; i < n; i++)
        {
            string? text = values[i];
            if (state[i] != CellState.Value || string.IsNullOrEmpty(text))
            {
                text = null;
            }

            if (!w.Rates.TryGetRate(text, out rate[i]))
            {
                StagedFailure.Record(buffer.Failures, at + i, RejectReason.UnknownCurrency, AccountColumn.Currency);
            }

            currency[at + i] = text ?? reportingCurrency;
        }
    }

    /// <summary>client_rate: required for every product but guarantees (their income arrives as fees).</summary>
    private static void StageClientRates(ColumnBatch batch, StagingBuffer buffer, int at)
    {
        var column = batch.Columns[AccountColumn.ClientRate];
        var state = column.State;
        var values = column.Doubles!;
        var client = buffer.Doubles[Client];
        var type = buffer.Ints[TypeSlot];
        for (int i = 0; i < batch.RowCount; i++)
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
                    StagedFailure.Record(buffer.Failures, at + i, reason, AccountColumn.ClientRate);
                }
            }
        }
    }

    /// <summary>Money into the reporting currency (docs/METHODOLOGY.md §1); a missing limit or arrears is none.</summary>
    private static void ConvertMoney(double[] rate, StagingBuffer buffer, int at, int n)
    {
        double[] avg = buffer.Doubles[Avg], end = buffer.Doubles[End], limit = buffer.Doubles[Limit],
            arrears = buffer.Doubles[Arrears], prior = buffer.Doubles[Prior];
        for (int i = 0; i < n; i++)
        {
            int r = at + i;
            double fx = rate[i];
            avg[r] = InputRules.ToReporting(avg[r], fx);
            end[r] = InputRules.ToReporting(end[r], fx);
            limit[r] = InputRules.OptionalToReporting(limit[r], fx);
            arrears[r] = InputRules.OptionalToReporting(arrears[r], fx);
            prior[r] = InputRules.ToReporting(prior[r], fx);
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
