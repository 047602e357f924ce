using Analytics.Core.OverTime;
using CsCheck;

namespace Analytics.Tests.OverTime;

/// <summary>The profit bridge (docs/METHODOLOGY.md §9): hand-computed components and the exact add-up law.</summary>
public sealed class ProfitBridgeTests
{
    private const double Y0 = 30 / 365.0;
    private const double Y1 = 31 / 365.0;

    /// <summary>
    /// Customer X, written as annual figures × Y. Previous (30 days, tax 30 %): loan L1 at 1,000,000 earning 2 %
    /// (NII 20,000 a year), deposit D1 at 500,000 earning 1 % (5,000); fees 12,000, cost 9,000, EL 2,000, capital
    /// charge 3,000 a year, so EVA = (25,000 + 12,000 − 9,000 − 2,000) × 0.7 × Y0 − 3,000 × Y0 = 15,200 × Y0.
    /// Current (31 days, tax 25 %): L1 at 1,200,000 earning 2.5 % (30,000), D1 closed, D2 opened at 300,000 earning
    /// 1 % (3,000); fees 18,250, cost 9,500, EL 1,000, capital charge 3,600 a year, so
    /// EVA = (33,000 + 18,250 − 9,500 − 1,000) × 0.75 × Y1 − 3,600 × Y1 = 26,962.5 × Y1.
    /// With s = Y1 × 0.75: volume = (1.2M − 1M) × 2 % × s = 4,000 s; margin = 1.2M × 0.5 % × s = 6,000 s;
    /// new_or_lost = (3,000 − 5,000) s = −2,000 s; fees = 6,250 s; cost = −500 s; risk = +1,000 s;
    /// capital = −600 × Y1 (untaxed); period_and_tax = 26,962.5 Y1 − 15,200 Y0 − (10,462.5 Y1) = 16,500 Y1 − 15,200 Y0
    /// — the previous year's figures at this tax rate (26,000 × 0.75 − 3,000 = 16,500) over this period, less what
    /// the previous run reported.
    /// </summary>
    [Fact]
    public void HandComputedTwoAccountCustomer()
    {
        var previous = Snapshot(Y0, 0.30, ["X"], eva: [15_200 * Y0], nii: [25_000 * Y0], fees: [12_000 * Y0], cross: [0],
            cost: [9_000 * Y0], el: [2_000 * Y0], charge: [3_000 * Y0],
            accounts: (["X", "X"], ["L1", "D1"], [1_000_000, 500_000], [20_000 * Y0, 5_000 * Y0]));
        var current = Snapshot(Y1, 0.25, ["X"], eva: [26_962.5 * Y1], nii: [33_000 * Y1], fees: [18_250 * Y1], cross: [0],
            cost: [9_500 * Y1], el: [1_000 * Y1], charge: [3_600 * Y1],
            accounts: (["X", "X"], ["D2", "L1"], [300_000, 1_200_000], [3_000 * Y1, 30_000 * Y1]));

        var b = ProfitBridge.Compute(previous, current);
        double s = Y1 * 0.75;
        Assert.Equal(["X"], b.CustomerIds);
        Assert.Equal(BridgePresence.Both, b.Presence[0]);
        Assert.True(b.AccountBasis);
        Close(4_000 * s, b.Volume[0]);
        Close(6_000 * s, b.Margin[0]);
        Close(-2_000 * s, b.NewOrLost[0]);
        Close(6_250 * s, b.Fees[0]);
        Close(0, b.CrossSell[0]);
        Close(-500 * s, b.Cost[0]);
        Close(1_000 * s, b.Risk[0]);
        Close(-600 * Y1, b.Capital[0]);
        Close(16_500 * Y1 - 15_200 * Y0, b.PeriodAndTax[0]);
        Close(15_200 * Y0, b.EvaPrevious[0]);
        Close(26_962.5 * Y1, b.EvaCurrent[0]);
        Assert.Equal("fees", b.MainDriver(0));   // 6,250 s is the largest component
    }

    [Fact]
    public void WithoutPreviousAccountsTheNiiChangeGoesToNewOrLost()
    {
        var previous = Snapshot(Y0, 0.30, ["X"], eva: [15_200 * Y0], nii: [25_000 * Y0], fees: [12_000 * Y0], cross: [0],
            cost: [9_000 * Y0], el: [2_000 * Y0], charge: [3_000 * Y0], accounts: null);
        var current = Snapshot(Y1, 0.25, ["X"], eva: [26_962.5 * Y1], nii: [33_000 * Y1], fees: [18_250 * Y1], cross: [0],
            cost: [9_500 * Y1], el: [1_000 * Y1], charge: [3_600 * Y1],
            accounts: (["X", "X"], ["D2", "L1"], [300_000, 1_200_000], [3_000 * Y1, 30_000 * Y1]));
        var b = ProfitBridge.Compute(previous, current);
        double s = Y1 * 0.75;
        Assert.False(b.AccountBasis);
        Assert.Equal(0, b.Volume[0]);
        Assert.Equal(0, b.Margin[0]);
        Close((33_000 - 25_000) * s, b.NewOrLost[0]);   // the same 8,000 s as volume + margin + new_or_lost above
        Close(16_500 * Y1 - 15_200 * Y0, b.PeriodAndTax[0]);
    }

    [Fact]
    public void CustomersInOneRunOnlyPutTheirWholeEvaIntoNewOrLost()
    {
        var previous = Snapshot(Y0, 0.25, ["A", "B"], eva: [100, -40], nii: [1, 1], fees: [1, 1], cross: [1, 1], cost: [1, 1], el: [1, 1],
            charge: [1, 1], accounts: null);
        var current = Snapshot(Y1, 0.25, ["C", "A"], eva: [70, 100], nii: [1, 1], fees: [1, 1], cross: [1, 1], cost: [1, 1], el: [1, 1],
            charge: [1, 1], accounts: null);
        var b = ProfitBridge.Compute(previous, current);
        Assert.Equal(["A", "B", "C"], b.CustomerIds);
        Assert.Equal([BridgePresence.Both, BridgePresence.Lost, BridgePresence.New], b.Presence);
        Assert.Equal(40, b.NewOrLost[1]);
        Assert.Equal(-40, b.EvaPrevious[1]);
        Assert.Equal(0, b.EvaCurrent[1]);
        Assert.Equal(70, b.NewOrLost[2]);
        Assert.Equal(0, b.EvaPrevious[2]);
        foreach (int r in new[] { 1, 2 })
        {
            Assert.Equal(0, b.Volume[r] + b.Margin[r] + b.Fees[r] + b.CrossSell[r] + b.Cost[r] + b.Risk[r] + b.Capital[r]
                + b.PeriodAndTax[r]);
        }
    }

    /// <summary>
    /// Random pairs of runs: customers kept, new and lost, accounts opened and closed, different period lengths and
    /// tax rates, rows shuffled. Per customer and for the portfolio the components add up to the EVA change (1e-9
    /// relative); shuffling changes no bit; with equal periods and tax rates and EVA built by the §3.9 formula,
    /// period_and_tax is 0 and the NII components add up to the after-tax NII change.
    /// </summary>
    [Fact]
    public void ComponentsAddUpExactlyOnRandomPairsOfRuns()
    {
        var gen = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 40], Gen.Int[1, 366], Gen.Int[1, 366], Gen.Double[0, 0.5], Gen.Double[0, 0.5],
            Gen.Int);
        gen.Sample((n0, n1, d0, d1, t0, t1, seed) =>
        {
            var random = new Random(seed);
            var prev = RandomRun(random, n0, d0 / 365.0, t0, idOffset: 0);
            var curr = RandomRun(random, n1, d1 / 365.0, t1, idOffset: n0 / 2);
            var b = ProfitBridge.Compute(prev, curr);
            AssertAddsUp(b);
            var shuffled = ProfitBridge.Compute(Shuffle(prev, random), Shuffle(curr, random));
            for (int k = 0; k < b.Components.Length; k++)
            {
                Assert.Equal(b.Components[k], shuffled.Components[k]);
            }

            // Same period and tax: nothing is left for period_and_tax, and the NII parts are the after-tax NII change.
            var same = RandomRun(random, n1, d0 / 365.0, t0, idOffset: n0 / 2);
            var b2 = ProfitBridge.Compute(prev, same);
            AssertAddsUp(b2);
            for (int r = 0; r < b2.Count; r++)
            {
                double scale = 1 + Math.Abs(b2.EvaCurrent[r]) + Math.Abs(b2.EvaPrevious[r]);
                Assert.True(Math.Abs(b2.PeriodAndTax[r]) <= 1e-9 * scale, $"period_and_tax {b2.PeriodAndTax[r]} with equal periods");
            }
        }, iter: 300);
    }

    private static void AssertAddsUp(BridgeResult b)
    {
        for (int r = 0; r < b.Count; r++)
        {
            double sum = 0, magnitude = Math.Abs(b.EvaCurrent[r]) + Math.Abs(b.EvaPrevious[r]);
            foreach (var column in b.Components)
            {
                sum += column[r];
                magnitude += Math.Abs(column[r]);
            }

            double change = b.EvaCurrent[r] - b.EvaPrevious[r];
            Assert.True(Math.Abs(sum - change) <= 1e-9 * Math.Max(1, magnitude), $"{b.CustomerIds[r]}: {sum} vs {change}");
        }

        var (eva0, eva1, totals) = b.Totals();
        double total = 0, size = Math.Abs(eva0) + Math.Abs(eva1);
        foreach (double t in totals)
        {
            total += t;
            size += Math.Abs(t);
        }

        Assert.True(Math.Abs(total - (eva1 - eva0)) <= 1e-9 * Math.Max(1, size), $"portfolio: {total} vs {eva1 - eva0}");
    }

    /// <summary>
    /// A run whose EVA follows §3.9 from its parts. Customer ids start at <paramref name="idOffset"/>, so two runs
    /// share some customers; account ids come from a small pool per customer, so some accounts persist, open or close.
    /// </summary>
    private static BridgeSnapshot RandomRun(Random random, int n, double y, double tax, int idOffset)
    {
        var ids = new string[n];
        var eva = new double[n];
        var nii = new double[n];
        var fees = new double[n];
        var cross = new double[n];
        var cost = new double[n];
        var el = new double[n];
        var charge = new double[n];
        var accountCustomer = new List<string>();
        var accountId = new List<string>();
        var balance = new List<double>();
        var accountNii = new List<double>();
        for (int i = 0; i < n; i++)
        {
            ids[i] = $"C{idOffset + i:D4}";
            int accounts = random.Next(0, 5);
            double sum = 0;
            for (int a = 0; a < accounts; a++)
            {
                // Account ids from a small pool, so some persist between runs and others open or close.
                string account = $"{ids[i]}-A{random.Next(0, 6)}";
                if (accountId.Contains(account)) continue;
                double b = random.Next(0, 4) == 0 ? 0 : random.NextDouble() * 5e6;
                double v = b == 0 ? 0 : b * (random.NextDouble() * 0.04 - 0.005) * y;
                accountCustomer.Add(ids[i]);
                accountId.Add(account);
                balance.Add(b);
                accountNii.Add(v);
                sum += v;
            }

            nii[i] = sum;
            fees[i] = random.NextDouble() * 5e4 * y;
            cross[i] = random.NextDouble() * 1e4 * y;
            cost[i] = (500 + random.NextDouble() * 2e3) * y;
            el[i] = random.NextDouble() * 3e4 * y;
            charge[i] = random.NextDouble() * 4e4 * y;
            eva[i] = (nii[i] + fees[i] + cross[i] - cost[i] - el[i]) * (1 - tax) - charge[i];
        }

        return Snapshot(y, tax, ids, eva, nii, fees, cross, cost, el, charge,
            ([.. accountCustomer], [.. accountId], [.. balance], [.. accountNii]));
    }

    private static BridgeSnapshot Shuffle(BridgeSnapshot run, Random random)
    {
        int[] c = Permutation(run.CustomerIds.Length, random);
        var a = run.Accounts!;
        int[] p = Permutation(a.AccountIds.Length, random);
        return Snapshot(run.YearFraction, run.TaxRate, Pick(run.CustomerIds, c), Pick(run.Eva, c), Pick(run.Nii, c), Pick(run.FeeIncome, c),
            Pick(run.CrossSellRevenue, c), Pick(run.OperatingCost, c), Pick(run.ExpectedLoss, c), Pick(run.CapitalCharge, c),
            (Pick(a.CustomerIds, p), Pick(a.AccountIds, p), Pick(a.AverageBalance, p), Pick(a.Nii, p)));
    }

    private static int[] Permutation(int n, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order;
    }

    private static T[] Pick<T>(T[] values, int[] order) => [.. order.Select(i => values[i])];

    private static BridgeSnapshot Snapshot(double y, double tax, string[] ids, double[] eva, double[] nii, double[] fees, double[] cross,
        double[] cost, double[] el, double[] charge, (string[] Customer, string[] Account, double[] Balance, double[] Nii)? accounts) =>
            new()
            {
                YearFraction = y,
                TaxRate = tax,
                CustomerIds = ids,
                Eva = eva,
                Nii = nii,
                FeeIncome = fees,
                CrossSellRevenue = cross,
                OperatingCost = cost,
                ExpectedLoss = el,
                CapitalCharge = charge,
                Accounts = accounts is { } a ? new BridgeAccounts
                {
                    CustomerIds = a.Customer, AccountIds = a.Account, AverageBalance = a.Balance,
                    Nii = a.Nii
                } : null,
            };

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
