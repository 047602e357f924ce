using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Parallelism;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>docs/METHODOLOGY.md §4 end to end: tiers, risk bands, behaviour clusters, grid pricing, floors, underpriced loans and tier
/// migration.</summary>
internal static class CustomerSegmentation
{
    /// <summary>
    /// Segments every customer. <paramref name="severity"/> is the early-warning severity by customer index (empty =
    /// all none); <paramref name="previousTiers"/> maps customer_id to the tier of the previous run, or is null when
    /// there is no previous run.
    /// </summary>
    public static SegmentationResult Segment(
        PortfolioData data,
        ProfitabilityResult profitability,
        ReadOnlySpan<Severity> severity,
        EngineConfig config,
        IReadOnlyDictionary<string, string>? previousTiers)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(profitability);
        ArgumentNullException.ThrowIfNull(config);
        CheckCoverage(data, profitability);
        var clustering = ClusteringJob.Start(data, profitability, config, background: false, threads: 1);
        return Begin(data, profitability, severity, config, previousTiers, clustering, threads: 1).Complete();
    }

    /// <summary>
    /// Everything of <see cref="Segment"/> that does not need the clusters, with clustering already started
    /// (<see cref="ClusteringJob"/>) and the per-customer pricing on up to <paramref name="threads"/> threads;
    /// <see cref="PendingSegmentation.Complete()"/> adds the clusters once trained. Identical for any thread count.
    /// </summary>
    internal static PendingSegmentation Begin(
        PortfolioData data,
        ProfitabilityResult profitability,
        ReadOnlySpan<Severity> severity,
        EngineConfig config,
        IReadOnlyDictionary<string, string>? previousTiers,
        ClusteringJob clustering,
        int threads)
    {
        CheckCoverage(data, profitability);
        var tierIndex = Tiering.Assign(profitability.ContributionScore, data.Customers.Ids, config.Segmentation.Tiers);
        return Begin(data, profitability, severity, config, previousTiers, clustering, tierIndex, threads);
    }

    /// <summary>
    /// The other <c>Begin</c> with the tiers already assigned (<paramref name="tierIndex"/>, per customer): a distributed run ranks
    /// every customer once and hands each partition its customers' tiers; <paramref name="clustering"/> may be null when the
    /// caller completes with a known assignment (<see cref="PendingSegmentation.Complete(ClusterAssignment, ClusterProfile[])"/>).
    /// </summary>
    internal static PendingSegmentation Begin(
        PortfolioData data,
        ProfitabilityResult profitability,
        ReadOnlySpan<Severity> severity,
        EngineConfig config,
        IReadOnlyDictionary<string, string>? previousTiers,
        ClusteringJob? clustering,
        int[] tierIndex,
        int threads)
    {
        CheckCoverage(data, profitability);
        var customers = data.Customers;
        int n = customers.Count;
        var segmentation = config.Segmentation;
        var bandIndex = RiskBands.Assign(profitability.Pd, severity, segmentation.RiskBands);

        var pricer = new RangePricer(data, profitability, config, tierIndex, bandIndex);
        int ranges = CustomerPartitions.RangeCount(n, threads);
        var underpricedByRange = new List<UnderpricedLoan>[ranges];
        CustomerPartitions.Run(n, ranges, threads, (range, from, to) => underpricedByRange[range] = pricer.Price(from, to));
        var underpriced = new List<UnderpricedLoan>();
        foreach (var found in underpricedByRange)
        {
            underpriced.AddRange(found);
        }

        var (previousTier, change) = TierMigrations(customers, previousTiers, tierIndex, segmentation.Tiers);
        var partial = new SegmentationResult
        {
            TierIndex = tierIndex,
            Tier = pricer.Tier,
            RiskBandIndex = bandIndex,
            RiskBand = pricer.Band,
            ClusterId = [],
            ClusterLabel = [],
            LoanSpreadBps = pricer.Spread,
            DepositRateBps = pricer.DepositBps,
            FeeDiscount = pricer.FeeDiscount,
            LoanRateFloor = pricer.LoanFloor,
            RelationshipFloor = pricer.RelationshipFloor,
            UnderpricedCount = pricer.UnderpricedCount,
            InDefault = pricer.InDefault,
            PreviousTier = previousTier,
            TierChange = change,
            Profiles = [],
            UnderpricedLoans = underpriced,
        };
        return new PendingSegmentation(partial, clustering, profitability);
    }

    /// <summary>Each customer's previous tier and its change (docs/METHODOLOGY.md §4); both null without a previous run.</summary>
    private static (string?[]? PreviousTier, string[]? Change) TierMigrations(CustomerTable customers,
        IReadOnlyDictionary<string, string>? previousTiers, int[] tierIndex, IReadOnlyList<TierDefinition> tiers)
    {
        if (previousTiers is null)
        {
            return (null, null);
        }

        int n = customers.Count;
        var previousTier = new string?[n];
        var change = new string[n];
        for (int c = 0; c < n; c++)
        {
            previousTier[c] = previousTiers.TryGetValue(customers.Ids[c], out var p) ? p : null;
            change[c] = TierMigration.Change(previousTier[c], tierIndex[c], tiers);
        }

        return (previousTier, change);
    }

    /// <summary>
    /// Grid pricing, default status, floors and underpriced loans (docs/METHODOLOGY.md §4), per customer range; the
    /// columns are filled in place, each range writing only its own customers, so ranges can run in parallel.
    /// </summary>
    private sealed class RangePricer(PortfolioData data, ProfitabilityResult profitability, EngineConfig config, int[] tierIndex,
        int[] bandIndex)
    {
        private readonly SegmentationConfig _segmentation = config.Segmentation;
        private readonly PricingGrid _grid = new(config.Pricing, config.Segmentation.Tiers, config.Segmentation.RiskBands);
        private readonly PricingFloors _floors = new(config, new FtpCurve(config.Ftp.Curve));

        public string[] Tier { get; } = new string[data.Customers.Count];
        public string[] Band { get; } = new string[data.Customers.Count];
        public double[] Spread { get; } = new double[data.Customers.Count];
        public double[] DepositBps { get; } = new double[data.Customers.Count];
        public double[] FeeDiscount { get; } = new double[data.Customers.Count];
        public double[] LoanFloor { get; } = new double[data.Customers.Count];
        public double[] RelationshipFloor { get; } = new double[data.Customers.Count];
        public int[] UnderpricedCount { get; } = new int[data.Customers.Count];
        public bool[] InDefault { get; } = new bool[data.Customers.Count];

        /// <summary>Prices customers [<paramref name="from"/>, <paramref name="to"/>); returns their underpriced loans in order.</summary>
        public List<UnderpricedLoan> Price(int from, int to)
        {
            var found = new List<UnderpricedLoan>();
            for (int c = from; c < to; c++)
            {
                ApplyGrid(c);
                double pd = profitability.Pd[c];
                InDefault[c] = DefaultStatus.IsInDefault(pd, DefaultStatus.MaxDaysPastDue(data.Accounts, c));
                if (InDefault[c])
                {
                    // A floor for a borrower already in default means nothing to the desk: no floors, no underpriced loans.
                    LoanFloor[c] = double.NaN;
                    RelationshipFloor[c] = double.NaN;
                    continue;
                }

                var obligor = IrbCapital.Obligor(pd, data.Customers.AnnualSales[c]);
                LoanFloor[c] = _floors.LoanRateFloor(pd, obligor);
                RelationshipFloor[c] = _floors.RelationshipFloor(pd, LoanFloor[c], profitability.Eva[c]);
                FindUnderpriced(c, pd, obligor, found);
            }

            return found;
        }

        /// <summary>Tier, risk band and the grid cell's spread, deposit rate and fee discount of customer <paramref name="c"/>.</summary>
        private void ApplyGrid(int c)
        {
            Tier[c] = _segmentation.Tiers[tierIndex[c]].Name;
            Band[c] = _segmentation.RiskBands[bandIndex[c]].Name;
            var cell = _grid.Cell(tierIndex[c], bandIndex[c]);
            Spread[c] = cell.LoanSpreadBps;
            DepositBps[c] = cell.DepositRateBps;
            FeeDiscount[c] = cell.FeeDiscount;
        }

        /// <summary>Adds customer <paramref name="c"/>'s lending accounts whose client rate is below their floor.</summary>
        private void FindUnderpriced(int c, double pd, IrbObligor obligor, List<UnderpricedLoan> found)
        {
            var accounts = data.Accounts;
            for (int a = accounts.CustomerStart[c]; a < accounts.CustomerStart[c + 1]; a++)
            {
                if (!ProductTypes.IsLending(accounts.Type[a]))
                {
                    continue;
                }

                double floor = _floors.AccountFloor(
                    profitability.AccountFtpRate[a], pd, profitability.AccountLgd[a], profitability.AccountMaturityYears[a], obligor);
                double rate = accounts.ClientRate[a];
                if (rate < floor)
                {
                    found.Add(new UnderpricedLoan(c, a, rate, floor));
                    UnderpricedCount[c]++;
                }
            }
        }
    }

    private static void CheckCoverage(PortfolioData data, ProfitabilityResult profitability)
    {
        if (profitability.CustomerCount != data.Customers.Count)
        {
            throw new ArgumentException($"Profitability covers {profitability.CustomerCount} customers, the data {data.Customers.Count}.",
                nameof(profitability));
        }
    }

    /// <summary>
    /// Per cluster: size, mean original features, mean z (for the label), mean EVA and mean defined RAROC, from
    /// order-independent sums (<see cref="ClusterProfileSums"/>), so a distributed run's partial sums give the same profiles.
    /// </summary>
    internal static ClusterProfile[] BuildProfiles(
        ClusterAssignment clusters, double[] original, double[] z, ProfitabilityResult profitability)
        => ClusterProfileSums.Of(clusters.ClusterOf, original, z, profitability.Eva, profitability.Raroc, clusters.Count).Profiles();
}
