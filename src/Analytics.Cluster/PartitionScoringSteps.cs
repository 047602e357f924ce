using System.Globalization;
using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Numerics;
using Analytics.Core.Segmentation;
using Analytics.IO.Writing;
using Analytics.Pipeline.Outputs;
using Analytics.Pipeline.Reporting;

namespace Analytics.Cluster;

/// <summary>What a partition's score pass gives the coordinator (docs/SCALE_OUT.md, "What the coordinator holds").</summary>
/// <param name="Customers">Customers in the partition.</param>
/// <param name="Eva">EVA of each customer, in customer_id order.</param>
/// <param name="Revenue">Revenue of each customer.</param>
/// <param name="ProductsHeld">Products held by each customer.</param>
/// <param name="DepositBalance">Deposit balance of each customer.</param>
/// <param name="Moments">First-pass feature sums.</param>
/// <param name="Candidates">Training-sample candidates.</param>
/// <param name="Notices">Rows of maturity_notices the partition writes (its facts' offset for the ranges after it).</param>
internal sealed record PartitionScore(int Customers, double[] Eva, double[] Revenue, int[] ProductsHeld, double[] DepositBalance,
    FeatureMoments Moments, SampleCandidates Candidates, long Notices);

/// <summary>What the coordinator sends every partition for its finish pass: the results of the global steps.</summary>
/// <param name="ContributionScore">The partition's customers' contribution scores (its slice of the global ranks).</param>
/// <param name="TierIndex">The partition's customers' tiers.</param>
/// <param name="Scaling">The z-scaling of every customer.</param>
/// <param name="Centroids">The trained centroids.</param>
/// <param name="Profiles">Every cluster's profile (from every partition's <see cref="ClusterProfileSums"/>).</param>
internal sealed record GlobalSteps(double[] ContributionScore, int[] TierIndex, FeatureScaling Scaling, ClusterCentroids Centroids,
    ClusterProfile[]? Profiles);

/// <summary>What a partition's finish pass gives the coordinator.</summary>
/// <param name="Rows">Rows per table written as part files (table name → rows).</param>
/// <param name="PartHashes">Part file (full path in the staging folder) → SHA-256 hex, for the manifest.</param>
/// <param name="OutputSums">Exact sums of customer_profitability's deposit_balance, lending_balance, fee_income and
/// cross_sell_revenue (reconciliation).</param>
/// <param name="Facts">The partition's report facts (notices and loans numbered from 0 within the partition).</param>
/// <param name="Loans">Rows of underpriced_loans the partition wrote.</param>
internal sealed record PartitionFinish(Dictionary<string, long> Rows, Dictionary<string, string> PartHashes, ExactDoubleSum[] OutputSums,
    ReportFacts Facts, long Loans);

/// <summary>
/// The partition side of the distributed scoring, free of Orleans so it can be tested directly: each pass reads the
/// partition's validated data (written by the load step) and runs <see cref="PartitionedScoring"/>'s per-range steps —
/// score (figures, score metrics, feature sums, sample candidates), deviations (second feature pass, given the global
/// mean), assign (nearest centroid and per-cluster sums), finish (scores, tiers, clusters applied; the per-customer
/// tables written as part files <c>NAME/part-NNNNN.parquet</c>, or <c>.csv</c> for a CSV run, by the embedded writers).
/// The figures are recomputed in every pass from the partition file rather than persisted between passes: the same code
/// on the same rows gives the same bits, and a pass lost with its worker runs again anywhere from shared storage alone.
/// </summary>
internal static class PartitionScoringSteps
{
    /// <summary>The tables the partitions write as part files, in the order of docs/METHODOLOGY.md §6.</summary>
    public static readonly string[] PartTables =
    [
        OutputTableNames.CustomerProfitability, OutputTableNames.CustomerSegments, OutputTableNames.EarlyWarnings,
        OutputTableNames.EarlyWarningReasons, OutputTableNames.MaturityNotices, OutputTableNames.UnderpricedLoans,
        OutputTableNames.AccountProfitability,
    ];

    /// <summary>Tables written by the coordinator (global), not as part files.</summary>
    public static bool IsGlobal(string table) => table is OutputTableNames.ClusterProfiles or OutputTableNames.Rejects;

    /// <summary>The score pass of one partition.</summary>
    public static PartitionScore Score(RunPlan plan, int partition, EngineConfig config, int threads)
    {
        var data = PartitionData.Read(plan.PartitionPath(partition)).Loaded.Data;
        var figures = PartitionedScoring.Figures(data, config, threads);
        var p = figures.Profitability;
        return new PartitionScore(data.Customers.Count, p.Eva, p.Revenue, p.ProductsHeld, p.DepositBalance,
            FeatureMoments.Of(figures.Original),
            PartitionedScoring.Candidates(data.Customers.Ids, figures.Original, config.Segmentation.Clusters.SampleSize),
            figures.EarlyWarnings.MaturityNotices.Count);
    }

    /// <summary>The second feature pass of one partition: Σ (value − mean)² per feature.</summary>
    public static ExactDoubleSum[] Deviations(RunPlan plan, int partition, EngineConfig config, double[] mean, int threads)
    {
        var data = PartitionData.Read(plan.PartitionPath(partition)).Loaded.Data;
        var figures = PartitionedScoring.Figures(data, config, threads);
        return FeatureMoments.Deviations(figures.Original, mean);
    }

    /// <summary>The assign pass of one partition: its customers' clusters summed per cluster for the profiles.</summary>
    public static ClusterProfileSums Assign(RunPlan plan, int partition, EngineConfig config, FeatureScaling scaling,
        ClusterCentroids centroids, int threads)
    {
        var data = PartitionData.Read(plan.PartitionPath(partition)).Loaded.Data;
        var figures = PartitionedScoring.Figures(data, config, threads);
        var z = PartitionedScoring.Standardize(figures.Original, scaling);
        var clusterOf = PartitionedScoring.Assign(z, centroids, threads);
        return ClusterProfileSums.Of(clusterOf, figures.Original, z, figures.Profitability.Eva, figures.Profitability.Raroc,
            centroids.Count);
    }

    /// <summary>
    /// The finish pass of one partition: its per-customer tables written as <c>NAME/part-NNNNN.parquet</c> (or <c>.csv</c>) into
    /// <paramref name="staging"/> (each written under the scratch folder, then renamed, so a lost attempt leaves no
    /// half file and a repeated one replaces the same bytes).
    /// </summary>
    public static PartitionFinish Finish(RunPlan plan, int partition, EngineConfig config, GlobalSteps global, string staging,
        IReadOnlyDictionary<string, string>? previousTiers, int threads)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(global.Profiles);
        var loaded = PartitionData.Read(plan.PartitionPath(partition)).Loaded;
        var data = loaded.Data;
        var figures = PartitionedScoring.Figures(data, config, threads);
        var z = PartitionedScoring.Standardize(figures.Original, global.Scaling);
        var clusterOf = PartitionedScoring.Assign(z, global.Centroids, threads);
        var result = PartitionedScoring.Finish(data, figures, global.ContributionScore, global.TierIndex, clusterOf, global.Profiles,
            config, previousTiers, threads);
        bool names = plan.ExtraCustomerColumns.Length > 0;
        var tables = OutputTables.Build(loaded, result, config, names, threads);
        OutputGuard.EnsureFinite(tables, config.IsConfidential("customer_id"));

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var sums = new ExactDoubleSum[4];
        if (!Directory.Exists(staging))
        {
            // The run is over (published or abandoned) and this attempt was given up long ago: write nothing.
            throw new IOException("The run's staging folder is gone; this finish attempt was superseded.");
        }

        string extension = plan.CsvOutput ? ".csv" : ".parquet";
        string part = string.Create(CultureInfo.InvariantCulture, $"part-{partition:D5}{extension}");
        string temp = Path.Combine(plan.ScratchDirectory, "parts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        foreach (var table in tables)
        {
            if (IsGlobal(table.Name))
            {
                continue;
            }

            if (table.Name == OutputTableNames.CustomerProfitability)
            {
                string[] columns = ["deposit_balance", "lending_balance", "fee_income", "cross_sell_revenue"];
                for (int k = 0; k < columns.Length; k++)
                {
                    sums[k] = new ExactDoubleSum();
                    foreach (double v in (double[])table[columns[k]].Values) sums[k].Add(v);
                }
            }

            string written = Path.Combine(temp, table.Name + extension);
            if (plan.CsvOutput) CsvTableWriter.WriteAsync(table, written).GetAwaiter().GetResult();
            else ParquetTableWriter.WriteAsync(table, written).GetAwaiter().GetResult();
            string folder = Path.Combine(staging, table.Name);
            Directory.CreateDirectory(folder);
            string target = Path.Combine(folder, part);
            string hash = FileHash.Sha256(written);
            File.Move(written, target, overwrite: true);
            rows[table.Name] = table.RowCount;
            hashes[Path.GetFullPath(target)] = hash;
        }

        Directory.Delete(temp, recursive: true);
        string?[]? customerNames = names && loaded.ConfidentialValues.TryGetValue("customer_name", out var n) ? n : null;
        var facts = ReportFacts.Of(data, result, config, customerNames, 0, 0);
        return new PartitionFinish(rows, hashes, sums, facts, result.Segments.UnderpricedLoans.Count);
    }
}

/// <summary>
/// The coordinator side of the distributed scoring: the global steps over what the partitions' passes return —
/// contribution scores and tiers over every customer's four metrics, the z-scaling from the added feature sums, the
/// centroids trained on the smallest candidates, the cluster profiles from the added per-cluster sums — and each
/// partition's slice of them for its finish pass.
/// </summary>
internal sealed class GlobalScoring
{
    private readonly IReadOnlyList<PartitionScore> _parts;
    private readonly EngineConfig _config;
    private readonly int[] _offset;

    /// <summary>Ranks every customer and adds the first-pass feature sums of <paramref name="parts"/> (in partition order).</summary>
    public GlobalScoring(IReadOnlyList<PartitionScore> parts, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(config);
        _parts = parts;
        _config = config;
        _offset = new int[parts.Count + 1];
        for (int p = 0; p < parts.Count; p++) _offset[p + 1] = _offset[p] + parts[p].Customers;
        int n = _offset[parts.Count];
        var eva = new double[n];
        var revenue = new double[n];
        var products = new int[n];
        var deposits = new double[n];
        for (int p = 0; p < parts.Count; p++)
        {
            parts[p].Eva.CopyTo(eva, _offset[p]);
            parts[p].Revenue.CopyTo(revenue, _offset[p]);
            parts[p].ProductsHeld.CopyTo(products, _offset[p]);
            parts[p].DepositBalance.CopyTo(deposits, _offset[p]);
        }

        Scores = PartitionedScoring.ContributionScore(eva, revenue, products, deposits, config);
        Tiers = PartitionedScoring.Tiers(Scores, config);
        Moments = parts.Count == 0 ? FeatureMoments.Of([]) : parts[0].Moments;
        for (int p = 1; p < parts.Count; p++) Moments = Moments.Add(parts[p].Moments);
    }

    /// <summary>Every customer's contribution score, in customer_id order.</summary>
    public double[] Scores { get; }

    /// <summary>Every customer's tier.</summary>
    public int[] Tiers { get; }

    /// <summary>The first-pass feature sums of every customer.</summary>
    public FeatureMoments Moments { get; }

    /// <summary>The scaling from the partitions' second-pass sums; then the centroids trained on the candidates.</summary>
    public (FeatureScaling Scaling, ClusterCentroids Centroids) Train(IReadOnlyList<ExactDoubleSum[]> deviations)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        var total = new ExactDoubleSum[ClusterFeatures.Count];
        for (int f = 0; f < total.Length; f++)
        {
            total[f] = new ExactDoubleSum();
            foreach (var d in deviations) total[f].Add(d[f]);
        }

        var scaling = Moments.Scaling(total);
        var candidates = new SampleCandidates[_parts.Count];
        for (int p = 0; p < candidates.Length; p++) candidates[p] = _parts[p].Candidates;
        return (scaling, PartitionedScoring.Train(candidates, scaling, _config.Segmentation.Clusters));
    }

    /// <summary>Every cluster's profile from the partitions' per-cluster sums.</summary>
    public static ClusterProfile[] Profiles(IReadOnlyList<ClusterProfileSums> sums, int k)
    {
        ArgumentNullException.ThrowIfNull(sums);
        if (sums.Count == 0)
        {
            return ClusterProfileSums.Of([], [], [], [], [], k).Profiles();
        }

        var total = sums[0];
        for (int p = 1; p < sums.Count; p++) total = total.Add(sums[p]);
        return total.Profiles();
    }

    /// <summary>Partition <paramref name="partition"/>'s slice of the global steps.</summary>
    public GlobalSteps For(int partition, FeatureScaling scaling, ClusterCentroids centroids, ClusterProfile[] profiles) =>
        new(Scores[_offset[partition].._offset[partition + 1]], Tiers[_offset[partition].._offset[partition + 1]], scaling, centroids,
            profiles);
}
