using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Accepted accounts plus exact money totals of what was accepted, for reconciliation.</summary>
internal sealed record AccountLoadResult(AccountTable Accounts, Int128 DepositAverageBalance, Int128 LendingAverageBalance, Int128 GuaranteeAverageBalance);

/// <summary>
/// Validates the accounts table. Like customers, rows are staged so that a duplicated account_id rejects
/// every row carrying it; accepted rows are then sorted by (customer, account_id) so sums never depend on row order.
/// </summary>
internal static class AccountLoader
{
    private sealed class Staging
    {
        public readonly List<string?> Id = [];
        public readonly List<int> Customer = [];
        public readonly List<ProductType> Type = [];
        public readonly List<string> Currency = [];
        public readonly List<double> Avg = [], End = [], Limit = [], Client = [], Ftp = [], Lgd = [], Arrears = [], OrigPd = [], Prior = [];
        public readonly List<int> Open = [], Maturity = [], Dpd = [];
        public readonly List<string> File = [];
        public readonly List<long> Row = [];
        public readonly List<RowFailure> Failure = [];

        /// <summary>Makes room for <paramref name="more"/> rows beyond those staged.</summary>
        public void Reserve(long more)
        {
            int capacity = (int)Math.Min(Array.MaxLength, Id.Count + more);
            Id.EnsureCapacity(capacity);
            Customer.EnsureCapacity(capacity);
            Type.EnsureCapacity(capacity);
            Currency.EnsureCapacity(capacity);
            foreach (var list in new[] { Avg, End, Limit, Client, Ftp, Lgd, Arrears, OrigPd, Prior })
            {
                list.EnsureCapacity(capacity);
            }

            Open.EnsureCapacity(capacity);
            Maturity.EnsureCapacity(capacity);
            Dpd.EnsureCapacity(capacity);
            File.EnsureCapacity(capacity);
            Row.EnsureCapacity(capacity);
            Failure.EnsureCapacity(capacity);
        }
    }

    public static async Task<AccountLoadResult> LoadAsync(
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

        await TableScanner.ScanAsync(location, schema, stats, batch =>
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
                rejects.Add(new Reject(InputTables.Accounts, s.File[r], s.Row[r], f.Column < 0 ? "" : schema.Columns[f.Column].Name, f.Reason));
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

        Int128 deposits = 0, lending = 0, guarantees = 0;
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
}
