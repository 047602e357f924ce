using Analytics.Core.Data;
using Analytics.Core.Segmentation;
using static Analytics.Tests.Segmentation.SegmentationFixtures;

namespace Analytics.Tests.Segmentation;

[Trait("Speed", "Slow")]
public partial class ClusteringTests
{
    /// <summary>A varied portfolio: loans, deposits, limits, revenue mixes and product counts drawn from a seeded generator.</summary>
    private static List<Cust> Portfolio(int n, int seed = 7)
    {
        var random = new Random(seed);
        var customers = new List<Cust>(n);
        for (int i = 0; i < n; i++)
        {
            var accounts = new List<Acc>();
            int kind = i % 4;
            if (kind is 0 or 1)
            {
                double drawn = Math.Round(random.NextDouble() * 5e6 * (kind + 1));
                accounts.Add(new Acc($"L{i:D3}", ProductType.Loan, Avg: drawn, End: drawn, Limit: kind == 1
                    ? drawn * (1 + random.NextDouble()) : 0));
            }

            if (kind is 1 or 2)
            {
                accounts.Add(new Acc($"D{i:D3}", ProductType.Deposit, Avg: Math.Round(random.NextDouble() * 8e6)));
            }

            double revenue = kind == 3 ? -100 : Math.Round(random.NextDouble() * 1e5) + 1;
            customers.Add(new Cust(
                $"C{i:D3}",
                Score: random.NextDouble() * 100,
                Eva: Math.Round((random.NextDouble() - 0.3) * 1e4),
                Raroc: kind == 2 ? double.NaN : random.NextDouble(),
                Revenue: revenue,
                Fee: revenue * random.NextDouble() * 0.5,
                Cross: kind == 2 ? revenue * 0.4 : 0,
                Products: 1 + random.Next(5),
                Accounts: [.. accounts]));
        }

        return customers;
    }

    private static SegmentationResult Run(IEnumerable<Cust> customers, int k = 6, int seed = 42)
    {
        var (data, p) = Build(customers);
        return CustomerSegmentation.Segment(data, p, [], Config(k: k, seed: seed), null);
    }

    [Fact]
    public void DistinctRowsAreCountedUpToTheLimit()
    {
        // Rows (2 dims): (1,2) (1,2) (0,-0) (-0,0) (3,1) — distinct: (1,2), (0,0) (0 equals -0), (3,1) = 3.
        double[] points = [1, 2, 1, 2, 0, -0.0, -0.0, 0, 3, 1];
        Assert.Equal(3, BehaviourClustering.CountDistinctRows(points, 5, 2, limit: 10));
        Assert.Equal(2, BehaviourClustering.CountDistinctRows(points, 5, 2, limit: 2));
        Assert.Equal(0, BehaviourClustering.CountDistinctRows([], 0, 2, limit: 4));
    }

    [Fact]
    public void PricingOverCustomerRangesEqualsOneRange()
    {
        // 9,000 customers make three ranges of at least 4,096 customers on 4 threads; clustering in the background.
        // Every third customer's loan is priced at 0.1 %, below any floor, so underpriced loans come from every range.
        var customers = Portfolio(9_000).Select((c, i) => i % 3 != 0 ? c : c with
        {
            Accounts = [.. c.Accounts!.Select(a => a.Type == ProductType.Loan ? a with { ClientRate = 0.001 } : a)],
        });
        var (data, p) = Build(customers);
        var config = Config(k: 4, seed: 3);
        var one = CustomerSegmentation.Segment(data, p, [], config, null);
        var job = ClusteringJob.Start(data, p, config, background: true, threads: 4);
        var four = CustomerSegmentation.Begin(data, p, [], config, null, job, threads: 4).Complete();

        Assert.Equal(one.Tier, four.Tier);
        Assert.Equal(one.ClusterId, four.ClusterId);
        Assert.Equal(one.ClusterLabel, four.ClusterLabel);
        Assert.Equal(one.LoanRateFloor, four.LoanRateFloor);
        Assert.Equal(one.RelationshipFloor, four.RelationshipFloor);
        Assert.Equal(one.UnderpricedCount, four.UnderpricedCount);
        Assert.Equal(one.UnderpricedLoans, four.UnderpricedLoans);
        Assert.NotEmpty(four.UnderpricedLoans);
    }

    [Fact]
    public void TwoRunsAreIdentical()
    {
        var first = Run(Portfolio(60));
        var second = Run(Portfolio(60));

        Assert.Equal(6, first.Profiles.Count);
        Assert.Equal(first.ClusterId, second.ClusterId);
        Assert.Equal(first.ClusterLabel, second.ClusterLabel);
        Assert.Equal(first.Profiles, second.Profiles);
    }

    [Fact]
    public void InputRowOrderDoesNotMatter()
    {
        var customers = Portfolio(60);
        var shuffled = customers
            .Select(c => c with { Accounts = c.Accounts?.Reverse().ToArray() })
            .OrderBy(c => c.Id.GetHashCode(StringComparison.Ordinal))
            .ToList();
        Assert.NotEqual(customers.Select(c => c.Id), shuffled.Select(c => c.Id));

        var a = Run(customers);
        var b = Run(shuffled);

        Assert.Equal(a.ClusterId, b.ClusterId);
        Assert.Equal(a.Profiles, b.Profiles);
    }

    [Fact]
    public void ClusterIdsAreDenseAndNumberedBySizeDescending()
    {
        var result = Run(Portfolio(60));

        var sizes = result.Profiles.Select(pr => pr.Size).ToArray();
        Assert.Equal(60, sizes.Sum());
        for (int id = 0; id < sizes.Length; id++)
        {
            Assert.Equal(id, result.Profiles[id].ClusterId);
            Assert.Equal(sizes[id], result.ClusterId.Count(c => c == id));
            Assert.True(sizes[id] > 0);
            if (id > 0)
            {
                Assert.True(sizes[id] <= sizes[id - 1]);
            }
        }

        Assert.Equal(result.Profiles.Count, result.Profiles.Select(pr => pr.Label).Distinct().Count());
    }

    [Fact]
    public void WellSeparatedGroupsAreFound()
    {
        // 12 heavy borrowers (10M loans), 8 deposit-rich customers (10M deposits), 4 with neither: three clusters by size.
        var customers = new List<Cust>();
        for (int i = 0; i < 12; i++)
        {
            customers.Add(new Cust($"L{i:D2}", Accounts: [new Acc("l", ProductType.Loan, Avg: 1e7 + i)]));
        }

        for (int i = 0; i < 8; i++)
        {
            customers.Add(new Cust($"D{i:D2}", Accounts: [new Acc("d", ProductType.Deposit, Avg: 1e7 + i)]));
        }

        for (int i = 0; i < 4; i++)
        {
            customers.Add(new Cust($"N{i:D2}"));
        }

        var (data, p) = Build(customers);
        var result = CustomerSegmentation.Segment(data, p, [], Config(k: 3), null);

        Assert.Equal([12, 8, 4], result.Profiles.Select(pr => pr.Size));
        for (int c = 0; c < data.Customers.Count; c++)
        {
            int expected = data.Customers.Ids[c][0] switch { 'L' => 0, 'D' => 1, _ => 2 };
            Assert.Equal(expected, result.ClusterId[c]);
        }

        // Cluster 0's strongest feature is its loan balance (z above the mean), cluster 1's its deposits.
        Assert.StartsWith("heavy borrower", result.Profiles[0].Label, StringComparison.Ordinal);
        Assert.StartsWith("deposit-rich", result.Profiles[1].Label, StringComparison.Ordinal);
        // Centroid in original units: the members' mean loan balance, 1e7 + mean(0..11) = 10,000,005.5.
        Assert.Equal(10_000_005.5, result.Profiles[0].LoanBalance, 1e-6);
        Assert.Equal(0, result.Profiles[0].DepositBalance);
    }

    [Fact]
    public void MoreClustersThanCustomers()
    {
        // k = 6 > N = 3 distinct customers: three singleton clusters.
        var customers = new[]
        {
            new Cust("A", Products: 1), new Cust("B", Products: 3), new Cust("C", Products: 9),
        };
        var result = Run(customers);

        Assert.Equal(3, result.Profiles.Count);
        Assert.Equal([1, 1, 1], result.Profiles.Select(pr => pr.Size));
        Assert.Equal(3, result.ClusterId.Distinct().Count());
    }

    [Fact]
    public void IdenticalCustomersFormOneAverageCluster()
    {
        // Five identical customers: one distinct point, so one cluster; every z-score is 0, so the label is "average".
        var result = Run(Enumerable.Range(0, 5).Select(i => new Cust($"S{i}", Products: 2, Eva: i, Raroc: double.NaN)));

        var profile = Assert.Single(result.Profiles);
        Assert.Equal(new ClusterProfile(0, ClusterLabels.Average, 5, 0, 0, 0, 0, 2, 0, 2, double.NaN), profile);
        Assert.All(result.ClusterId, id => Assert.Equal(0, id));
    }

    [Fact]
    public void NoCustomersNoClusters()
    {
        var result = Run([]);
        Assert.Empty(result.Profiles);
        Assert.Empty(result.ClusterId);
        Assert.Empty(result.UnderpricedLoans);
    }

    [Fact]
    public void ProfileMeansEvaAndOnlyDefinedRaroc()
    {
        // One cluster (k = 1): mean EVA (10 + 20 + 60) / 3 = 30; RAROC defined for two: (0.1 + 0.3) / 2 = 0.2.
        var result = Run(
            [new Cust("A", Eva: 10, Raroc: 0.1), new Cust("B", Eva: 20, Raroc: double.NaN),
                new Cust("C", Eva: 60, Raroc: 0.3, Products: 4)],
            k: 1);

        var profile = Assert.Single(result.Profiles);
        Assert.Equal(30, profile.MeanEva, 1e-12);
        Assert.Equal(0.2, profile.MeanRaroc, 1e-15);
        Assert.Equal(2, profile.ProductsHeld, 1e-15);
    }

    [Fact]
    public void FeaturesInOriginalUnits()
    {
        // A: revenue 200 of which fee 50 (0.25) and cross-sell 20 (0.1); loan 800 drawn of a 1000 limit, overdraft 100 of 400:
        //    utilisation (800 + 100) / (1000 + 400) = 0.642857…; deposit 300.
        // B: revenue −5 → both shares 0; no limits → utilisation 0.
        var (data, p) = Build(
        [
            new Cust("A", Revenue: 200, Fee: 50, Cross: 20, Products: 3, Accounts:
            [
                new Acc("a1", ProductType.Loan, Avg: 700, End: 800, Limit: 1000),
                new Acc("a2", ProductType.Overdraft, Avg: 50, End: 100, Limit: 400),
                new Acc("a3", ProductType.Deposit, Avg: 300),
            ]),
            new Cust("B", Revenue: -5, Fee: 3, Cross: 1, Products: 1, Accounts: [new Acc("b1", ProductType.Loan, Avg: 10, End: 10)]),
        ]);

        var x = ClusterFeatures.Original(data, p);

        Assert.Equal([750, 300, 0.25, 0.1, 3, 900.0 / 1400], x.Take(6));
        Assert.Equal([10, 0, 0, 0, 1, 0], x.Skip(6));
    }

    [Fact]
    public void StandardizeLogsBalancesAndUsesThePopulationStd()
    {
        // Loan column e−1 and e³−1 → log1p 1 and 3 → mean 2, population std 1 → z −1, +1.
        // Fee-share column constant → 0; products 2 and 4 → −1, +1.
        double e1 = Math.E - 1, e3 = Math.Exp(3) - 1;
        double[] x =
        [
            e1, 0, 0.1, 0, 2, 0,
            e3, 0, 0.1, 0, 4, 0,
        ];

        var z = ClusterFeatures.Standardize(x);

        Assert.Equal(-1, z[0], 1e-12);
        Assert.Equal(1, z[6], 1e-12);
        Assert.Equal([0.0, 0.0], [z[2], z[8]]);
        Assert.Equal([-1.0, 1.0], [z[4], z[10]]);
        Assert.Equal([0.0, 0.0], [z[1], z[7]]);
    }
}
