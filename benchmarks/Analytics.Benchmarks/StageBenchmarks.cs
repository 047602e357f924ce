using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;
using Analytics.IO.Validation;
using BenchmarkDotNet.Attributes;

namespace Analytics.Benchmarks;

/// <summary>Each scoring stage alone, on a portfolio loaded once (all cores where the stage is parallel).</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private EngineConfig _config = null!;
    private PortfolioData _data = null!;
    private ProfitabilityResult _profitability = null!;
    private EarlyWarningResult _warnings = null!;

    [ParamsSource(typeof(BenchmarkData), nameof(BenchmarkData.Sizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string folder = BenchmarkData.Folder(Customers);
        _config = BenchmarkData.Config(folder);
        _data = PortfolioLoader.LoadAsync(folder, _config, includeConfidential: false).GetAwaiter().GetResult().Data;
        _profitability = ProfitabilityCalculator.Compute(_data, _config, threads: 0);
        _warnings = EarlyWarningRules.Evaluate(_data, _config, threads: 0);
    }

    /// <summary>Basel IRB capital K × EAD for every credit exposure (the heaviest formula of §3), one thread; returns Σ.</summary>
    [Benchmark]
    public double IrbCapitalPerExposure()
    {
        var accounts = _data.Accounts;
        var customers = _data.Customers;
        double floor = _config.Risk.PdFloor, total = 0;
        for (int c = 0; c < customers.Count; c++)
        {
            var obligor = IrbCapital.Obligor(Math.Max(customers.Pd[c], floor), customers.AnnualSales[c]);
            for (int a = accounts.CustomerStart[c]; a < accounts.CustomerStart[c + 1]; a++)
            {
                if (accounts.Type[a] != ProductType.Deposit)
                {
                    total += IrbCapital.K(obligor, _profitability.AccountLgd[a],
                        _profitability.AccountMaturityYears[a]) * _profitability.AccountEad[a];
                }
            }
        }

        return total;
    }

    /// <summary>Every §3 figure per account and customer, contribution score included.</summary>
    [Benchmark]
    public ProfitabilityResult Profitability() => ProfitabilityCalculator.Compute(_data, _config, threads: 0);

    /// <summary>The contribution score: four mid-rank percentile rankings (§3.11).</summary>
    [Benchmark]
    public double[] ContributionScoreRanking()
    {
        var score = new double[_profitability.CustomerCount];
        ContributionScore.Compute(_profitability.Eva, _profitability.Revenue, _profitability.ProductsHeld, _profitability.DepositBalance,
            _config.Score, score);
        return score;
    }

    /// <summary>Tiers, risk bands, k-means clusters, grid pricing, floors and underpriced loans (§4).</summary>
    [Benchmark]
    public SegmentationResult Segmentation() =>
        CustomerSegmentation.Segment(_data, _profitability, _warnings.Severity, _config, previousTiers: null);

    /// <summary>Ratios, trends, reasons, classification and maturity notices (§5).</summary>
    [Benchmark]
    public EarlyWarningResult EarlyWarning() => EarlyWarningRules.Evaluate(_data, _config, threads: 0);
}
