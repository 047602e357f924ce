using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;
using Analytics.IO.Validation;

namespace Analytics.Tests.Performance;

internal static partial class RowByRowLoaders
{
    public static async Task<AccountLoadResult> AccountsAsync(
        TableLocation? location,
        EngineConfig config,
        Dictionary<string, int> customerIndex,
        int customerCount,
        TableStats stats,
        RejectLog rejects,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.AccountSchema;
        var currencies = new CurrencyTable(config);
        var s = new Staging();
        var resolver = new CustomerResolver(customerIndex);

        await ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            resolver.StartBatch(c[1]);
            for (int i = 0; i < batch.RowCount; i++)
            {
                var f = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    f.Check(RejectReason.WrongFieldCount, -1);
                }

                f.Check(CellRules.String(c[0], i, true, out var id), 0);
                var customerReason = CellRules.String(c[1], i, true, out var customerId);
                int customer = -1;
                if (customerReason is null && (customer = resolver.At(c[1], i)) < 0)
                {
                    customerReason = RejectReason.UnknownCustomer;
                    customer = -1;
                }

                f.Check(customerReason, 1);
                var typeReason = CellRules.String(c[2], i, true, out var typeText);
                ProductType type = default;
                if (typeReason is null && !ProductTypes.TryParse(typeText, out type))
                {
                    typeReason = RejectReason.UnknownProductType;
                }

                f.Check(typeReason, 2);
                CellRules.String(c[3], i, false, out var currency);
                double rate = 1.0;
                f.Check(currencies.TryGetRate(currency, out rate) ? null : RejectReason.UnknownCurrency, 3);
                f.Check(CellRules.Number(c[4], i, true, NumberRule.NonNegative, out double avg), 4);
                f.Check(CellRules.Number(c[5], i, true, NumberRule.NonNegative, out double end), 5);
                f.Check(CellRules.Number(c[6], i, false, NumberRule.NonNegative, out double limit), 6);
                // client_rate is required for every product but guarantees (their income arrives as fees).
                bool needsClientRate = typeReason is not null || type != ProductType.Guarantee;
                f.Check(CellRules.Number(c[7], i, needsClientRate, NumberRule.Any, out double client), 7);
                f.Check(CellRules.Number(c[8], i, false, NumberRule.Any, out double ftp), 8);
                f.Check(CellRules.Date(c[9], i, true, out int open), 9);
                f.Check(CellRules.Date(c[10], i, false, out int maturity), 10);
                f.Check(CellRules.Number(c[11], i, false, NumberRule.Probability, out double lgd), 11);
                f.Check(CellRules.NonNegativeInt(c[12], i, out int dpd), 12);
                f.Check(CellRules.Number(c[13], i, false, NumberRule.NonNegative, out double arrears), 13);
                f.Check(CellRules.Number(c[14], i, false, NumberRule.Probability, out double origPd), 14);
                f.Check(CellRules.Number(c[15], i, false, NumberRule.NonNegative, out double prior), 15);

                s.Id.Add(batch.WrongFieldCount[i] ? null : id);
                s.Customer.Add(customer);
                s.Type.Add(type);
                s.Currency.Add(currency ?? config.ReportingCurrency);
                s.Avg.Add(avg * rate);
                s.End.Add(end * rate);
                s.Limit.Add(double.IsNaN(limit) ? 0 : limit * rate);
                s.Client.Add(client);
                s.Ftp.Add(ftp);
                s.Open.Add(open);
                s.Maturity.Add(maturity);
                s.Lgd.Add(lgd);
                s.Dpd.Add(dpd);
                s.Arrears.Add(double.IsNaN(arrears) ? 0 : arrears * rate);
                s.OrigPd.Add(origPd);
                s.Prior.Add(prior * rate);
                s.File.Add(batch.File);
                s.Row.Add(batch.FirstRowNumber + i);
                s.Failure.Add(f);
            }
        }, cancellationToken, s.Reserve).ConfigureAwait(false);

        var keyCount = new Dictionary<string, int>(s.Id.Count, StringComparer.Ordinal);
        foreach (var id in s.Id)
        {
            if (id is not null)
            {
                keyCount[id] = keyCount.GetValueOrDefault(id) + 1;
            }
        }

        var accepted = new List<int>(s.Id.Count);
        for (int r = 0; r < s.Id.Count; r++)
        {
            var id = s.Id[r];
            if (id is not null && keyCount[id] > 1)
            {
                rejects.Add(new Reject(InputTables.Accounts, s.File[r], s.Row[r], "account_id", RejectReason.DuplicateKey));
            }
            else if (s.Failure[r].Failed)
            {
                var f = s.Failure[r];
                rejects.Add(new Reject(InputTables.Accounts, s.File[r], s.Row[r], f.Column < 0 ? "" : schema.Columns[f.Column].Name,
                    f.Reason));
            }
            else
            {
                accepted.Add(r);
            }
        }

        stats.Rejected = s.Id.Count - accepted.Count;
        stats.Accepted = accepted.Count;

        var order = SortByCustomerThenId(accepted, s.Customer, s.Id, customerCount);
        int n = order.Length;
        var table = new AccountTable
        {
            Customer = new int[n],
            AccountId = new string[n],
            Type = new ProductType[n],
            Currency = new string[n],
            AverageBalance = new double[n],
            EndBalance = new double[n],
            Limit = new double[n],
            ClientRate = new double[n],
            FtpRate = new double[n],
            OpenDate = new int[n],
            MaturityDate = new int[n],
            Lgd = new double[n],
            DaysPastDue = new int[n],
            InterestArrears = new double[n],
            OriginationPd = new double[n],
            PriorAverageBalance = new double[n],
            CustomerStart = new int[customerCount + 1],
        };

        Fixed128 deposits = default, lending = default, guarantees = default;
        for (int k = 0; k < n; k++)
        {
            int r = order[k];
            table.Customer[k] = s.Customer[r];
            table.AccountId[k] = s.Id[r]!;
            table.Type[k] = s.Type[r];
            table.Currency[k] = s.Currency[r];
            table.AverageBalance[k] = s.Avg[r];
            table.EndBalance[k] = s.End[r];
            table.Limit[k] = s.Limit[r];
            table.ClientRate[k] = s.Client[r];
            table.FtpRate[k] = s.Ftp[r];
            table.OpenDate[k] = s.Open[r];
            table.MaturityDate[k] = s.Maturity[r];
            table.Lgd[k] = s.Lgd[r];
            table.DaysPastDue[k] = s.Dpd[r];
            table.InterestArrears[k] = s.Arrears[r];
            table.OriginationPd[k] = s.OrigPd[r];
            table.PriorAverageBalance[k] = s.Prior[r];
            table.CustomerStart[s.Customer[r] + 1]++;

            var fixedAvg = ExactSum.ToFixed(s.Avg[r]);
            switch (s.Type[r])
            {
                case ProductType.Deposit: deposits = ExactSum.Add(deposits, fixedAvg); break;
                case ProductType.Guarantee: guarantees = ExactSum.Add(guarantees, fixedAvg); break;
                default: lending = ExactSum.Add(lending, fixedAvg); break;
            }
        }

        for (int c = 0; c < customerCount; c++)
        {
            table.CustomerStart[c + 1] += table.CustomerStart[c];
        }

        return new AccountLoadResult(table, deposits, lending, guarantees);
    }

    /// <summary>
    /// The accepted rows ordered by (customer, account_id ordinal): a counting sort by customer, then each customer's
    /// few accounts sorted by id. Account ids of accepted rows are unique, so the order is total.
    /// </summary>
    private static int[] SortByCustomerThenId(List<int> accepted, List<int> customer, List<string?> id, int customerCount)
    {
        var start = new int[customerCount + 1];
        foreach (int r in accepted)
        {
            start[customer[r] + 1]++;
        }

        for (int c = 0; c < customerCount; c++)
        {
            start[c + 1] += start[c];
        }

        var order = new int[accepted.Count];
        var next = start.AsSpan(0, customerCount).ToArray();
        foreach (int r in accepted)
        {
            order[next[customer[r]]++] = r;
        }

        Comparison<int> byId = (a, b) => string.CompareOrdinal(id[a], id[b]);
        for (int c = 0; c < customerCount; c++)
        {
            int length = start[c + 1] - start[c];
            if (length > 1)
            {
                order.AsSpan(start[c], length).Sort(byId);
            }
        }

        return order;
    }

    private const int NoKey = -1;
    private const int TextKey = -2;

    public static async Task<FinancialTable> FinancialsAsync(
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

        await ScanAsync(location, schema, stats, batch =>
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
                rejects.Add(new Reject(InputTables.Financials, files[r], rows[r], f.Column < 0 ? "" : schema.Columns[f.Column].Name,
                    f.Reason));
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
