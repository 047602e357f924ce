using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Segmentation;
using Analytics.IO.Configuration;
using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.IO.Validation;
using Analytics.Pipeline.Outputs;
using Analytics.Pipeline.Reporting;

namespace Analytics.Cluster.Tests;

/// <summary>
/// The kernel cut at its global steps (<see cref="PartitionedScoring"/>): scoring customer_id ranges separately,
/// gathering only the global inputs (four score metrics per customer, fixed-point feature sums, sample candidates,
/// per-cluster sums), then finishing each range, gives every per-customer table of the embedded kernel, bit for bit,
/// whatever the number of ranges (an empty range included) and the order the partial sums are added in; and the
/// ranges' report facts, merged, render the embedded report.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PartitionedScoringTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "analytics-partitioned-" + Guid.NewGuid().ToString("N"));
    private LoadedPortfolio _loaded = null!;
    private EngineConfig _config = null!;

    public async Task InitializeAsync()
    {
        string input = Path.Combine(_root, "input");
        await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = 1200, Seed = 5, OutputDirectory = input, Format = TableFileFormat.Parquet, InjectDefects = true,
        });
        string config = await File.ReadAllTextAsync(Path.Combine(ClusterFixture.RepoRoot(), "data-samples", "config.yaml"));
        config = config.Replace("run: { max_reject_rate: 0.01 }", "run: { max_reject_rate: 0.5 }", StringComparison.Ordinal);
        string path = Path.Combine(_root, "config.yaml");
        await File.WriteAllTextAsync(path, config);
        _config = ConfigLoader.Load(path);
        // A sample smaller than the portfolio, so the training sample really is chosen from the partitions' candidates.
        _config = _config with
        {
            Segmentation = _config.Segmentation with { Clusters = _config.Segmentation.Clusters with { SampleSize = 300 } },
        };
        _loaded = await PortfolioLoader.LoadAsync(input, _config, includeConfidential: false);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Scoring_customer_ranges_apart_changes_no_value(int partitions)
    {
        var data = _loaded.Data;
        int n = data.Customers.Count;
        Assert.True(n > _config.Segmentation.Clusters.SampleSize);
        var expected = ScoringKernel.Score(data, _config, previousTiers: null, threads: 1);
        var expectedTables = OutputTables.Build(_loaded, expected, _config, includeConfidential: false);

        // Ranges by position, plus an empty one in front.
        var bounds = new List<int> { 0, 0 };
        for (int p = 1; p <= partitions; p++) bounds.Add((int)((long)p * n / partitions));
        var parts = new List<Core.Data.PortfolioData>();
        for (int p = 0; p + 1 < bounds.Count; p++) parts.Add(PortfolioSlices.Slice(data, bounds[p], bounds[p + 1]));

        // Per partition: figures. Gathered: the four score metrics, the feature sums, the sample candidates.
        var figures = parts.Select(part => PartitionedScoring.Figures(part, _config, threads: 1)).ToArray();
        var eva = figures.SelectMany(f => f.Profitability.Eva).ToArray();
        var revenue = figures.SelectMany(f => f.Profitability.Revenue).ToArray();
        var products = figures.SelectMany(f => f.Profitability.ProductsHeld).ToArray();
        var deposits = figures.SelectMany(f => f.Profitability.DepositBalance).ToArray();
        var scores = PartitionedScoring.ContributionScore(eva, revenue, products, deposits, _config);
        var tiers = PartitionedScoring.Tiers(scores, _config);

        // Partial sums added last partition first: fixed-point sums do not care.
        var moments = Enumerable.Reverse(figures).Select(f => FeatureMoments.Of(f.Original)).Aggregate((a, b) => a.Add(b));
        var mean = moments.Mean();
        var deviations = Enumerable.Range(0, ClusterFeatures.Count).Select(_ => new Core.Numerics.ExactDoubleSum()).ToArray();
        foreach (var f in Enumerable.Reverse(figures))
        {
            var d = FeatureMoments.Deviations(f.Original, mean);
            for (int k = 0; k < d.Length; k++) deviations[k].Add(d[k]);
        }

        var scaling = moments.Scaling(deviations);
        var clusters = _config.Segmentation.Clusters;
        var candidates = parts
            .Select((part, p) => PartitionedScoring.Candidates(part.Customers.Ids, figures[p].Original, clusters.SampleSize)).ToArray();
        var centroids = PartitionedScoring.Train(candidates, scaling, clusters);

        var z = figures.Select(f => PartitionedScoring.Standardize(f.Original, scaling)).ToArray();
        var clusterOf = z.Select(rows => PartitionedScoring.Assign(rows, centroids, threads: 1)).ToArray();
        var sums = Enumerable.Range(0, parts.Count).Reverse()
            .Select(p => ClusterProfileSums.Of(clusterOf[p], figures[p].Original, z[p], figures[p].Profitability.Eva,
                figures[p].Profitability.Raroc, centroids.Count))
            .Aggregate((a, b) => a.Add(b));
        var profiles = sums.Profiles();

        var partTables = new List<IReadOnlyList<Analytics.IO.Writing.OutputTable>>();
        var facts = new List<ReportFacts>();
        int offset = 0;
        long notices = 0, loans = 0;
        for (int p = 0; p < parts.Count; p++)
        {
            int count = parts[p].Customers.Count;
            var result = PartitionedScoring.Finish(parts[p], figures[p], scores[offset..(offset + count)], tiers[offset..(offset + count)],
                clusterOf[p], profiles, _config, previousTiers: null, threads: 1);
            var loaded = new LoadedPortfolio(parts[p], [], new RejectLog(), new InputTotals(default, default, default, default, default, 0),
                new Dictionary<string, string?[]>());
            partTables.Add(OutputTables.Build(loaded, result, _config, includeConfidential: false));
            facts.Add(ReportFacts.Of(parts[p], result, _config, names: null, notices, loans));
            notices += result.EarlyWarnings.MaturityNotices.Count;
            loans += result.Segments.UnderpricedLoans.Count;
            offset += count;
        }

        // The report from the ranges' facts, merged, is the report of the whole run, byte for byte.
        var rejects = expectedTables.Single(t => t.Name == OutputTableNames.Rejects);
        var reconciliation = ReconciliationReport.Build(_loaded.Stats, _loaded.Totals, rejects.RowCount, (0, 0, 0, 0));
        var whole = new ReportInput(_loaded, expected, _config, expectedTables, reconciliation, IncludeNames: false);
        var merged = whole with { Facts = ReportFacts.Merge(facts) };
        Assert.True(merged.Facts.Watch.Length > 0 && merged.Facts.Notices.Length > 0 && merged.Facts.Loans.Length > 0);
        Assert.Equal(new ReportPage(whole).Build(), new ReportPage(merged).Build());

        foreach (var table in expectedTables)
        {
            if (table.Name == OutputTableNames.Rejects)
            {
                continue;
            }

            // cluster_profiles is global: every partition carries the whole of it; per-customer tables concatenate.
            var parts2 = partTables.Select(t => t.Single(x => x.Name == table.Name)).ToList();
            TableContents.AssertConcatenationEquals(table, table.Name == OutputTableNames.ClusterProfiles ? [parts2[0]] : parts2);
        }

        Assert.True(expected.Segments.Profiles.Count >= 2);
    }
}
