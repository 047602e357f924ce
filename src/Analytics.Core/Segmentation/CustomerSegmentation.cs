using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Parallelism;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>docs/METHODOLOGY.md §4 end to end: tiers, risk bands, behaviour clusters, grid pricing, floors, underpriced loans and tier
/// migration.</summary>
public static class CustomerSegmentation
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
    /// <see cref="PendingSegmentation.Complete"/> adds the clusters once trained. Identical for any thread count.
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
        var customers = data.Customers;
        int n = customers.Count;
        var segmentation = config.Segmentation;
        var grid = new PricingGrid(config.Pricing, segmentation.Tiers, segmentation.RiskBands);
        var floors = new PricingFloors(config, new FtpCurve(config.Ftp.Curve));

        var tierIndex = Tiering.Assign(profitability.ContributionScore, customers.Ids, segmentation.Tiers);
        var bandIndex = RiskBands.Assign(profitability.Pd, severity, segmentation.RiskBands);

        var tier = new string[n];
        var band = new string[n];
        var spread = new double[n];
        var depositBps = new double[n];
        var feeDiscount = new double[n];
        var loanFloor = new double[n];
        var relationshipFloor = new double[n];
        var underpricedCount = new int[n];
        var inDefault = new bool[n];
        var accounts = data.Accounts;
        int ranges = CustomerPartitions.RangeCount(n, threads);
        var underpricedByRange = new List<UnderpricedLoan>[ranges];
        CustomerPartitions.Run(n, ranges, threads, (range, from, to) =>
        {
            var found = new List<UnderpricedLoan>();
            for (int c = from; c < to; c++)
            {
                tier[c] = segmentation.Tiers[tierIndex[c]].Name;
                band[c] = segmentation.RiskBands[bandIndex[c]].Name;
                var cell = grid.Cell(tierIndex[c], bandIndex[c]);
                spread[c] = cell.LoanSpreadBps;
                depositBps[c] = cell.DepositRateBps;
                feeDiscount[c] = cell.FeeDiscount;

                double pd = profitability.Pd[c];
                inDefault[c] = DefaultStatus.IsInDefault(pd, DefaultStatus.MaxDaysPastDue(accounts, c));
                if (inDefault[c])
                {
                    // A floor for a borrower already in default means nothing to the desk: no floors, no underpriced loans.
                    loanFloor[c] = double.NaN;
                    relationshipFloor[c] = double.NaN;
                    continue;
                }

                double sales = customers.AnnualSales[c];
                var obligor = IrbCapital.Obligor(pd, sales);
                loanFloor[c] = floors.LoanRateFloor(pd, obligor);
                relationshipFloor[c] = floors.RelationshipFloor(pd, loanFloor[c], profitability.Eva[c]);

                for (int a = accounts.CustomerStart[c]; a < accounts.CustomerStart[c + 1]; a++)
                {
                    if (!ProductTypes.IsLending(accounts.Type[a]))
                    {
                        continue;
                    }

                    double floor = floors.AccountFloor(
                        profitability.AccountFtpRate[a], pd, profitability.AccountLgd[a], profitability.AccountMaturityYears[a], obligor);
                    double rate = accounts.ClientRate[a];
                    if (rate < floor)
                    {
                        found.Add(new UnderpricedLoan(c, a, rate, floor));
                        underpricedCount[c]++;
                    }
                }
            }

            underpricedByRange[range] = found;
        });

        var underpriced = new List<UnderpricedLoan>();
        foreach (var found in underpricedByRange)
        {
            underpriced.AddRange(found);
        }

        string?[]? previousTier = null;
        string[]? change = null;
        if (previousTiers is not null)
        {
            previousTier = new string?[n];
            change = new string[n];
            for (int c = 0; c < n; c++)
            {
                previousTier[c] = previousTiers.TryGetValue(customers.Ids[c], out var p) ? p : null;
                change[c] = TierMigration.Change(previousTier[c], tierIndex[c], segmentation.Tiers);
            }
        }

        var partial = new SegmentationResult
        {
            TierIndex = tierIndex,
            Tier = tier,
            RiskBandIndex = bandIndex,
            RiskBand = band,
            ClusterId = [],
            ClusterLabel = [],
            LoanSpreadBps = spread,
            DepositRateBps = depositBps,
            FeeDiscount = feeDiscount,
            LoanRateFloor = loanFloor,
            RelationshipFloor = relationshipFloor,
            UnderpricedCount = underpricedCount,
            InDefault = inDefault,
            PreviousTier = previousTier,
            TierChange = change,
            Profiles = [],
            UnderpricedLoans = underpriced,
        };
        return new PendingSegmentation(partial, clustering, profitability);
    }

    private static void CheckCoverage(PortfolioData data, ProfitabilityResult profitability)
    {
        if (profitability.CustomerCount != data.Customers.Count)
        {
            throw new ArgumentException($"Profitability covers {profitability.CustomerCount} customers, the data {data.Customers.Count}.",
                nameof(profitability));
        }
    }

    /// <summary>Per cluster: size, mean original features, mean z (for the label), mean EVA and mean defined RAROC.</summary>
    internal static ClusterProfile[] BuildProfiles(
        ClusterAssignment clusters, double[] original, double[] z, ProfitabilityResult profitability)
    {
        int k = clusters.Count;
        int dims = ClusterFeatures.Count;
        var size = new int[k];
        var sumOriginal = new double[k * dims];
        var sumZ = new double[k * dims];
        var sumEva = new double[k];
        var sumRaroc = new double[k];
        var rarocCount = new int[k];
        for (int c = 0; c < clusters.ClusterOf.Length; c++)
        {
            int id = clusters.ClusterOf[c];
            size[id]++;
            for (int f = 0; f < dims; f++)
            {
                sumOriginal[id * dims + f] += original[c * dims + f];
                sumZ[id * dims + f] += z[c * dims + f];
            }

            sumEva[id] += profitability.Eva[c];
            if (!double.IsNaN(profitability.Raroc[c]))
            {
                sumRaroc[id] += profitability.Raroc[c];
                rarocCount[id]++;
            }
        }

        for (int id = 0; id < k; id++)
        {
            for (int f = 0; f < dims; f++)
            {
                sumOriginal[id * dims + f] /= size[id];
                sumZ[id * dims + f] /= size[id];
            }
        }

        var labels = ClusterLabels.Assign(sumZ, sumOriginal);
        var profiles = new ClusterProfile[k];
        for (int id = 0; id < k; id++)
        {
            int row = id * dims;
            profiles[id] = new ClusterProfile(
                id,
                labels[id],
                size[id],
                sumOriginal[row + (int)ClusterFeature.LoanBalance],
                sumOriginal[row + (int)ClusterFeature.DepositBalance],
                sumOriginal[row + (int)ClusterFeature.FeeShare],
                sumOriginal[row + (int)ClusterFeature.CrossSellShare],
                sumOriginal[row + (int)ClusterFeature.ProductsHeld],
                sumOriginal[row + (int)ClusterFeature.Utilization],
                sumEva[id] / size[id],
                rarocCount[id] > 0 ? sumRaroc[id] / rarocCount[id] : double.NaN);
        }

        return profiles;
    }
}
