using Analytics.Core.Data;
using Analytics.IO.Validation;

namespace Analytics.Cluster;

/// <summary>
/// Joins the partitions' validated data into the one <see cref="LoadedPortfolio"/> the embedded loader would have
/// built from the whole input: customers in customer_id order, as the loader orders them — each partition holds one
/// range of customer_id values in that order, so the partitions are concatenated in index order —, each
/// customer's accounts and statements in the order its partition kept (the input order, since a partition sees a
/// file's rows in row order), activity sums copied, row counts and exact totals added,
/// rejects gathered (their order is fixed when they are written).
/// </summary>
internal static class PortfolioMerge
{
    /// <summary>
    /// Merges <paramref name="parts"/>; <paramref name="inputFiles"/> lists, per table in the input order of
    /// docs/METHODOLOGY.md §1, whether it is present and its files with their row counts as read by the map step
    /// (files no partition saw keep 0 rows).
    /// </summary>
    public static LoadedPortfolio Merge(IReadOnlyList<PartitionData> parts,
        IReadOnlyList<(string Table, bool Present, IReadOnlyList<(string File, long Rows)> Files)> inputFiles)
    {
        int total = 0;
        foreach (var p in parts) total += p.Loaded.Data.Customers.Count;

        // Global customer order = ranges in partition order, each in customer_id order; (partition, local index) per new index.
        var order = new (long Position, int Part, int Local)[total];
        int n = 0;
        for (int p = 0; p < parts.Count; p++)
        {
            int count = parts[p].Loaded.Data.Customers.Count;
            for (int i = 0; i < count; i++, n++) order[n] = (n, p, i);
        }

        var customers = MergeCustomers(parts, order);
        var accounts = MergeAccounts(parts, order);
        var activity = MergeActivity(parts, order);
        var financials = MergeFinancials(parts, order);

        var stats = new List<TableStats>();
        foreach (var (table, present, files) in inputFiles)
        {
            var s = new TableStats(table) { Present = present };
            foreach (var (file, rows) in files)
            {
                s.Files.Add((file, rows));
                s.RowsRead += rows;
            }

            foreach (var part in parts)
            {
                foreach (var ps in part.Loaded.Stats)
                {
                    if (ps.Table == table)
                    {
                        s.Accepted += ps.Accepted;
                        s.Rejected += ps.Rejected;
                        s.OutOfPeriod += ps.OutOfPeriod;
                        if (ps.FirstOutOfPeriodDate is { } first && ps.LastOutOfPeriodDate is { } last)
                        {
                            s.NoteOutOfPeriodDays(first.DayNumber, last.DayNumber);
                        }
                    }
                }
            }

            stats.Add(s);
        }

        var rejects = new RejectLog();
        Int128 deposit = 0, lending = 0, guarantee = 0, fees = 0, crossSell = 0;
        long units = 0;
        foreach (var part in parts)
        {
            rejects.AddRange(part.Loaded.Rejects.Items);
            var t = part.Loaded.Totals;
            deposit += t.DepositAverageBalance;
            lending += t.LendingAverageBalance;
            guarantee += t.GuaranteeAverageBalance;
            fees += t.FeeAmount;
            crossSell += t.CrossSellRevenue;
            units += t.CrossSellUnits;
        }

        var confidential = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        if (parts.Count > 0)
        {
            foreach (var column in parts[0].Loaded.ConfidentialValues.Keys)
            {
                var values = new string?[total];
                for (int i = 0; i < total; i++)
                {
                    var (_, p, local) = order[i];
                    values[i] = parts[p].Loaded.ConfidentialValues[column][local];
                }

                confidential[column] = values;
            }
        }

        return new LoadedPortfolio(
            new PortfolioData(customers, accounts, activity, financials),
            stats,
            rejects,
            new InputTotals(deposit, lending, guarantee, fees, crossSell, units),
            confidential);
    }

    private static CustomerTable MergeCustomers(IReadOnlyList<PartitionData> parts, (long, int Part, int Local)[] order)
    {
        int n = order.Length;
        var ids = new string[n];
        var industry = new string[n];
        var region = new string[n];
        var rm = new string[n];
        var rating = new string[n];
        var pd = new double[n];
        var sales = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = parts[order[i].Part].Loaded.Data.Customers;
            int l = order[i].Local;
            ids[i] = c.Ids[l];
            industry[i] = c.Industry[l];
            region[i] = c.Region[l];
            rm[i] = c.RmId[l];
            rating[i] = c.Rating[l];
            pd[i] = c.Pd[l];
            sales[i] = c.AnnualSales[l];
        }

        return new CustomerTable
        {
            Ids = ids, Industry = industry, Region = region, RmId = rm, Rating = rating, Pd = pd,
            AnnualSales = sales
        };
    }

    private static AccountTable MergeAccounts(IReadOnlyList<PartitionData> parts, (long, int Part, int Local)[] order)
    {
        int count = 0;
        foreach (var p in parts) count += p.Loaded.Data.Accounts.Count;
        var customer = new int[count];
        var id = new string[count];
        var type = new ProductType[count];
        var currency = new string[count];
        var avg = new double[count];
        var end = new double[count];
        var limit = new double[count];
        var clientRate = new double[count];
        var ftp = new double[count];
        var open = new int[count];
        var maturity = new int[count];
        var lgd = new double[count];
        var dpd = new int[count];
        var arrears = new double[count];
        var originationPd = new double[count];
        var prior = new double[count];
        var start = new int[order.Length + 1];
        int k = 0;
        for (int i = 0; i < order.Length; i++)
        {
            start[i] = k;
            var a = parts[order[i].Part].Loaded.Data.Accounts;
            int l = order[i].Local;
            for (int j = a.CustomerStart[l]; j < a.CustomerStart[l + 1]; j++, k++)
            {
                customer[k] = i;
                id[k] = a.AccountId[j];
                type[k] = a.Type[j];
                currency[k] = a.Currency[j];
                avg[k] = a.AverageBalance[j];
                end[k] = a.EndBalance[j];
                limit[k] = a.Limit[j];
                clientRate[k] = a.ClientRate[j];
                ftp[k] = a.FtpRate[j];
                open[k] = a.OpenDate[j];
                maturity[k] = a.MaturityDate[j];
                lgd[k] = a.Lgd[j];
                dpd[k] = a.DaysPastDue[j];
                arrears[k] = a.InterestArrears[j];
                originationPd[k] = a.OriginationPd[j];
                prior[k] = a.PriorAverageBalance[j];
            }
        }

        start[order.Length] = k;
        return new AccountTable
        {
            Customer = customer, AccountId = id, Type = type, Currency = currency, AverageBalance = avg, EndBalance = end, Limit = limit,
            ClientRate = clientRate, FtpRate = ftp, OpenDate = open, MaturityDate = maturity, Lgd = lgd, DaysPastDue = dpd,
            InterestArrears = arrears, OriginationPd = originationPd, PriorAverageBalance = prior, CustomerStart = start,
        };
    }

    private static ActivityAggregates MergeActivity(IReadOnlyList<PartitionData> parts, (long, int Part, int Local)[] order)
    {
        var merged = new ActivityAggregates(order.Length);
        for (int i = 0; i < order.Length; i++)
        {
            var a = parts[order[i].Part].Loaded.Data.Activity;
            int l = order[i].Local;
            merged.FeeIncome[i] = a.FeeIncome[l];
            merged.FeeRows[i] = a.FeeRows[l];
            merged.FeeTypesHeld[i] = a.FeeTypesHeld[l];
            merged.CrossSellRevenue[i] = a.CrossSellRevenue[l];
            merged.CrossSellUnits[i] = a.CrossSellUnits[l];
            merged.ProductLinesHeld[i] = a.ProductLinesHeld[l];
        }

        return merged;
    }

    private static FinancialTable MergeFinancials(IReadOnlyList<PartitionData> parts, (long, int Part, int Local)[] order)
    {
        int count = 0;
        int items = 0;
        foreach (var p in parts)
        {
            count += p.Loaded.Data.Financials.Count;
            items = Math.Max(items, p.Loaded.Data.Financials.Items.Length);
        }

        var customer = new int[count];
        var date = new int[count];
        var values = new double[items][];
        for (int m = 0; m < items; m++) values[m] = new double[count];
        var start = new int[order.Length + 1];
        int k = 0;
        for (int i = 0; i < order.Length; i++)
        {
            start[i] = k;
            var f = parts[order[i].Part].Loaded.Data.Financials;
            int l = order[i].Local;
            for (int j = f.CustomerStart[l]; j < f.CustomerStart[l + 1]; j++, k++)
            {
                customer[k] = i;
                date[k] = f.StatementDate[j];
                for (int m = 0; m < items; m++) values[m][k] = f.Items[m][j];
            }
        }

        start[order.Length] = k;
        return new FinancialTable { Customer = customer, StatementDate = date, Items = values, CustomerStart = start };
    }
}
