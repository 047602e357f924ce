using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>The <c>score</c> and <c>segmentation</c> sections: weights, tiers, risk bands and clusters.</summary>
internal sealed partial class EngineConfigReader
{
    private ScoreConfig ReadScore(YamlNode node)
    {
        MappingReader m = Open(node, "score", "a mapping with weights", ["weights"]);
        var d = new ScoreConfig();
        if (m.Optional("weights") is not { } weightsNode)
            return d;
        const string Path = "score.weights";
        MappingReader w = Open(weightsNode, Path, "a mapping such as { eva: 0.6, revenue: 0.2, products_held: 0.1, deposit_balance: 0.1 }",
            ["eva", "revenue", "products_held", "deposit_balance"]);
        var score = new ScoreConfig
        {
            EvaWeight = Number(w, "eva", d.EvaWeight, Bound.NonNegative),
            RevenueWeight = Number(w, "revenue", d.RevenueWeight, Bound.NonNegative),
            ProductsHeldWeight = Number(w, "products_held", d.ProductsHeldWeight, Bound.NonNegative),
            DepositBalanceWeight = Number(w, "deposit_balance", d.DepositBalanceWeight, Bound.NonNegative),
        };
        if (score.EvaWeight + score.RevenueWeight + score.ProductsHeldWeight + score.DepositBalanceWeight == 0)
            throw _r.Error(Path, weightsNode, $"every weight in '{Path}' is 0, so no customer could be ranked",
                "give at least one weight a positive value");
        return score;
    }

    private SegmentationConfig ReadSegmentation(YamlNode node)
    {
        MappingReader m = Open(node, "segmentation", "a mapping with tiers, risk_bands and clusters", ["tiers", "risk_bands", "clusters"]);
        var seg = new SegmentationConfig();
        if (m.Optional("tiers") is { } tiers)
            seg = seg with { Tiers = ReadTiers(tiers) };
        if (m.Optional("risk_bands") is { } bands)
            seg = seg with { RiskBands = ReadRiskBands(bands) };
        if (m.Optional("clusters") is { } clusters)
        {
            MappingReader c = Open(
                clusters, "segmentation.clusters", "a mapping such as { k: 6, seed: 42 }", ["k", "seed", "sample_size", "max_iterations"]);
            var d = new ClusterConfig();
            int k = c.Optional("k") is { } kNode ? _r.Integer(kNode, "segmentation.clusters.k", Bound.AtLeast(1)) : d.K;
            int seed = c.Optional("seed") is { } seedNode ? _r.Integer(seedNode, "segmentation.clusters.seed", Bound.AtLeast(0)) : d.Seed;
            int sampleSize = c.Optional("sample_size") is { } sampleNode
                ? _r.Integer(sampleNode, "segmentation.clusters.sample_size", Bound.AtLeast(1))
                : d.SampleSize;
            int maxIterations = c.Optional("max_iterations") is { } iterationsNode
                ? _r.Integer(iterationsNode, "segmentation.clusters.max_iterations", Bound.AtLeast(1))
                : d.MaxIterations;
            seg = seg with { Clusters = new ClusterConfig(k, seed, sampleSize, maxIterations) };
        }
        return seg;
    }

    private List<TierDefinition> ReadTiers(YamlNode node)
    {
        const string Path = "segmentation.tiers";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list such as [ {name: core, top_share: 0.2}, {name: basic, top_share: 1.0} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one tier, the last with top_share: 1.0");
        var tiers = new List<TierDefinition>(list.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        YamlNode? lastShareNode = null;
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a tier such as {name: core, top_share: 0.2}", ["name", "top_share"]);
            string name = ReadName(m, itemPath, names, "tier");
            YamlNode shareNode = m.Required("top_share", "the cumulative share of ranked customers up to this tier, in (0, 1]");
            double share = _r.Number(shareNode, itemPath + ".top_share", Bound.UnitExcludingZero);
            if (i > 0 && share <= tiers[i - 1].TopShare)
            {
                throw _r.Error(itemPath + ".top_share", shareNode,
                    $"key '{itemPath}.top_share' is {Show(share)}, not greater than the previous tier's {Show(tiers[i - 1].TopShare)}",
                    "list tiers with strictly increasing top_share ending at 1.0");
            }
            tiers.Add(new TierDefinition(name, share));
            lastShareNode = shareNode;
        }
        if (tiers[^1].TopShare != 1.0)
        {
            string key = ConfigNodeReader.Item(Path, tiers.Count - 1) + ".top_share";
            throw _r.Error(key, lastShareNode,
                $"key '{key}' is {Show(tiers[^1].TopShare)}, but the last tier must take every remaining customer",
                "set the last tier's top_share to exactly 1.0");
        }
        return tiers;
    }

    private List<RiskBandDefinition> ReadRiskBands(YamlNode node)
    {
        const string Path = "segmentation.risk_bands";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list such as [ {name: low, max_pd: 0.005}, {name: high, max_pd: 1.0} ]");
        if (list.Children.Count == 0)
            throw _r.Error(Path, node, $"key '{Path}' is an empty list", "list at least one risk band");
        var bands = new List<RiskBandDefinition>(list.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            MappingReader m = Open(list.Children[i], itemPath, "a band such as {name: low, max_pd: 0.005}", ["name", "max_pd"]);
            string name = ReadName(m, itemPath, names, "risk band");
            YamlNode pdNode = m.Required("max_pd", "the highest PD in this band, in (0, 1]");
            double maxPd = _r.Number(pdNode, itemPath + ".max_pd", Bound.UnitExcludingZero);
            if (i > 0 && maxPd <= bands[i - 1].MaxPd)
            {
                throw _r.Error(itemPath + ".max_pd", pdNode,
                    $"key '{itemPath}.max_pd' is {Show(maxPd)}, not greater than the previous band's {Show(bands[i - 1].MaxPd)}",
                    "list risk bands with strictly increasing max_pd");
            }
            bands.Add(new RiskBandDefinition(name, maxPd));
        }
        return bands;
    }

    private string ReadName(MappingReader m, string itemPath, HashSet<string> seen, string what)
    {
        string key = itemPath + ".name";
        YamlNode nameNode = m.Required("name", $"the {what}'s name");
        string name = _r.Text(nameNode, key, $"the {what}'s name");
        if (!seen.Add(name))
            throw _r.Error(key, nameNode, $"key '{key}' repeats the {what} name '{name}'", $"give every {what} a different name");
        return name;
    }
}
