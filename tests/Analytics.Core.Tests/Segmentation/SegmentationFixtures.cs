using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Profitability;

namespace Analytics.Tests.Segmentation;

/// <summary>Tiny hand-made portfolios and profitability results for the segmentation tests.</summary>
internal static class SegmentationFixtures
{
    /// <summary>An account as the profitability step would leave it (FTP, LGD and clamped M already resolved).</summary>
    internal sealed record Acc(
        string Id,
        ProductType Type,
        double ClientRate = 0.05,
        double Ftp = 0.02,
        double Lgd = 0.45,
        double MaturityYears = 1,
        double Avg = 1000,
        double End = 1000,
        double Limit = 0,
        int Dpd = 0);

    /// <summary>A customer with the profitability figures segmentation reads. Lending and deposit balances come from the
    /// accounts.</summary>
    internal sealed record Cust(
        string Id,
        double Score = 50,
        double Pd = 0.01,
        double Sales = double.NaN,
        double Eva = 0,
        double Raroc = double.NaN,
        double Revenue = 0,
        double Fee = 0,
        double Cross = 0,
        int Products = 1,
        Acc[]? Accounts = null);

    /// <summary>31-day period in October 2026 (Y = 31/365) with the documented defaults (docs/METHODOLOGY.md §2) and a grid covering
    /// every tier × band.</summary>
    internal static EngineConfig Config(
        IReadOnlyList<TierDefinition>? tiers = null,
        IReadOnlyList<RiskBandDefinition>? bands = null,
        int k = 6,
        int seed = 42,
        int sampleSize = 20_000)
    {
        var segmentation = new SegmentationConfig { Clusters = new ClusterConfig(k, seed, sampleSize) };
        if (tiers is not null)
        {
            segmentation = segmentation with { Tiers = tiers };
        }

        if (bands is not null)
        {
            segmentation = segmentation with { RiskBands = bands };
        }

        return new EngineConfig
        {
            AsOf = new DateOnly(2026, 10, 31),
            Period = new ReportingPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)),
            Segmentation = segmentation,
            Pricing = new PricingConfig { Grid = Grid(segmentation.Tiers, segmentation.RiskBands) },
        };
    }

    /// <summary>Cell (t, b) = (−10·t − b bps, 5·t + b bps, 0.01·(t·bands + b)) so every cell is recognisable.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyDictionary<string, PricingCell>> Grid(
        IReadOnlyList<TierDefinition> tiers, IReadOnlyList<RiskBandDefinition> bands)
    {
        var grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>(StringComparer.Ordinal);
        for (int t = 0; t < tiers.Count; t++)
        {
            var row = new Dictionary<string, PricingCell>(StringComparer.Ordinal);
            for (int b = 0; b < bands.Count; b++)
            {
                row[bands[b].Name] = new PricingCell(-10 * t - b, 5 * t + b, 0.01 * (t * bands.Count + b));
            }

            grid[tiers[t].Name] = row;
        }

        return grid;
    }

    /// <summary>
    /// Builds the columnar data as the readers would: customers sorted by id ordinal, accounts by (customer, account_id),
    /// whatever order the arguments come in.
    /// </summary>
    internal static (PortfolioData Data, ProfitabilityResult Profitability) Build(IEnumerable<Cust> input)
    {
        var customers = input.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        var accounts = new List<(int Customer, Acc Account)>();
        for (int c = 0; c < customers.Length; c++)
        {
            foreach (var a in (customers[c].Accounts ?? []).OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                accounts.Add((c, a));
            }
        }

        int n = customers.Length, m = accounts.Count;
        var start = new int[n + 1];
        foreach (var (customer, _) in accounts)
        {
            start[customer + 1]++;
        }

        for (int c = 0; c < n; c++)
        {
            start[c + 1] += start[c];
        }

        var table = new AccountTable
        {
            Customer = accounts.Select(a => a.Customer).ToArray(),
            AccountId = accounts.Select(a => a.Account.Id).ToArray(),
            Type = accounts.Select(a => a.Account.Type).ToArray(),
            Currency = accounts.Select(_ => "CNY").ToArray(),
            AverageBalance = accounts.Select(a => a.Account.Avg).ToArray(),
            EndBalance = accounts.Select(a => a.Account.End).ToArray(),
            Limit = accounts.Select(a => a.Account.Limit).ToArray(),
            ClientRate = accounts.Select(a => a.Account.Type == ProductType.Guarantee ? double.NaN : a.Account.ClientRate).ToArray(),
            FtpRate = accounts.Select(_ => double.NaN).ToArray(),
            OpenDate = accounts.Select(_ => new DateOnly(2025, 1, 1).DayNumber).ToArray(),
            MaturityDate = accounts.Select(_ => AccountTable.NoDate).ToArray(),
            Lgd = accounts.Select(a => a.Account.Lgd).ToArray(),
            DaysPastDue = accounts.Select(a => a.Account.Dpd).ToArray(),
            InterestArrears = new double[m],
            OriginationPd = accounts.Select(_ => double.NaN).ToArray(),
            PriorAverageBalance = accounts.Select(_ => double.NaN).ToArray(),
            CustomerStart = start,
        };

        var customerTable = new CustomerTable
        {
            Ids = customers.Select(c => c.Id).ToArray(),
            Industry = customers.Select(_ => "UNKNOWN").ToArray(),
            Region = customers.Select(_ => "UNKNOWN").ToArray(),
            RmId = customers.Select(_ => "UNKNOWN").ToArray(),
            Rating = customers.Select(_ => "UNKNOWN").ToArray(),
            Pd = customers.Select(c => c.Pd).ToArray(),
            AnnualSales = customers.Select(c => c.Sales).ToArray(),
        };

        var financials = new FinancialTable
        {
            Customer = [],
            StatementDate = [],
            Items = Enumerable.Range(0, FinancialTable.ItemCount).Select(_ => Array.Empty<double>()).ToArray(),
            CustomerStart = new int[n + 1],
        };

        var p = new ProfitabilityResult(n, m);
        for (int c = 0; c < n; c++)
        {
            var cust = customers[c];
            p.ContributionScore[c] = cust.Score;
            p.Pd[c] = cust.Pd;
            p.Eva[c] = cust.Eva;
            p.Raroc[c] = cust.Raroc;
            p.Revenue[c] = cust.Revenue;
            p.FeeIncome[c] = cust.Fee;
            p.CrossSellRevenue[c] = cust.Cross;
            p.ProductsHeld[c] = cust.Products;
        }

        for (int i = 0; i < m; i++)
        {
            var (c, a) = accounts[i];
            p.AccountFtpRate[i] = a.Ftp;
            p.AccountLgd[i] = a.Type == ProductType.Deposit ? 0 : a.Lgd;
            p.AccountMaturityYears[i] = a.Type == ProductType.Deposit ? 0 : a.MaturityYears;
            if (ProductTypes.IsLending(a.Type))
            {
                p.LendingBalance[c] += a.Avg;
            }
            else if (a.Type == ProductType.Deposit)
            {
                p.DepositBalance[c] += a.Avg;
            }
        }

        return (new PortfolioData(customerTable, table, new ActivityAggregates(n), financials), p);
    }
}
