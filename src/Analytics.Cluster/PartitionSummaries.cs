using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Validation;

namespace Analytics.Cluster;

/// <summary>
/// What the coordinator holds of the partitions' loads (docs/SCALE_OUT.md): row counts per table and file, rejects and
/// exact money totals, added up — never the customers' data, which stays with the partitions on shared storage.
/// </summary>
internal static class PartitionSummaries
{
    /// <summary>
    /// The run's <see cref="LoadedPortfolio"/> without data (for the gates, rejects, reconciliation and report) and its
    /// customer count; <paramref name="inputFiles"/> lists, per table in the input order of docs/METHODOLOGY.md §1,
    /// whether it is present and its files with their row counts as read by the map step.
    /// </summary>
    public static (LoadedPortfolio Loaded, int Customers) Combine(
        IReadOnlyList<(int Customers, List<TableStats> Stats, RejectLog Rejects, InputTotals Totals)> parts,
        IReadOnlyList<(string Table, bool Present, IReadOnlyList<(string File, long Rows)> Files)> inputFiles)
    {
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
                foreach (var ps in part.Stats)
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
        Fixed128 deposit = default, lending = default, guarantee = default, fees = default, crossSell = default;
        long units = 0;
        int customers = 0;
        foreach (var part in parts)
        {
            customers += part.Customers;
            rejects.AddRange(part.Rejects.Items);
            var t = part.Totals;
            deposit = ExactSum.Add(deposit, t.DepositAverageBalance);
            lending = ExactSum.Add(lending, t.LendingAverageBalance);
            guarantee = ExactSum.Add(guarantee, t.GuaranteeAverageBalance);
            fees = ExactSum.Add(fees, t.FeeAmount);
            crossSell = ExactSum.Add(crossSell, t.CrossSellRevenue);
            units += t.CrossSellUnits;
        }

        var accounts = new AccountTable
        {
            Customer = [], AccountId = [], Type = [], Currency = [], AverageBalance = [], EndBalance = [], Limit = [], ClientRate = [],
            FtpRate = [], OpenDate = [], MaturityDate = [], Lgd = [], DaysPastDue = [], InterestArrears = [], OriginationPd = [],
            PriorAverageBalance = [], CustomerStart = [0],
        };
        var none = new PortfolioData(CustomerTable.Empty, accounts, new ActivityAggregates(0), FinancialTable.Without(0));
        return (new LoadedPortfolio(none, stats, rejects, new InputTotals(deposit, lending, guarantee, fees, crossSell, units),
            new Dictionary<string, string?[]>(StringComparer.Ordinal)), customers);
    }
}
