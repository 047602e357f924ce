using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>The <c>pricing</c> section and its tier × risk band grid.</summary>
internal sealed partial class EngineConfigReader
{
    private PricingConfig ReadPricing(YamlNode? node, SegmentationConfig segmentation)
    {
        const string GridExpected =
            "a cell for every tier and risk band, such as grid: { strategic: { low: {loan_spread_bps: -30, deposit_rate_bps: 15, "
            + "fee_discount: 0.30}, … }, … }";
        if (node is null)
            throw _r.Missing("pricing.grid", GridExpected);
        MappingReader m = Open(node, "pricing", "a mapping with the pricing settings and grid",
            ["standard_loan_term_years", "unit_cost_rate", "standard_loan_amount", "relationship_share", "grid"]);
        // Grid is required, so the defaults of the other settings come from a record with an empty grid.
        var d = new PricingConfig { Grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>() };
        double term = Number(m, "standard_loan_term_years", d.StandardLoanTermYears, Bound.Positive);
        double unitCost = Number(m, "unit_cost_rate", d.UnitCostRate, Bound.Unit);
        double amount = Number(m, "standard_loan_amount", d.StandardLoanAmount, Bound.Positive);
        double share = Number(m, "relationship_share", d.RelationshipShare, Bound.Unit);
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, PricingCell>> grid =
            ReadGrid(m.Required("grid", GridExpected), segmentation);
        return new PricingConfig
        {
            StandardLoanTermYears = term,
            UnitCostRate = unitCost,
            StandardLoanAmount = amount,
            RelationshipShare = share,
            Grid = grid,
        };
    }

    private Dictionary<string, IReadOnlyDictionary<string, PricingCell>> ReadGrid(YamlNode node, SegmentationConfig segmentation)
    {
        const string Path = "pricing.grid";
        YamlMappingNode map = _r.Mapping(node, Path, "a mapping of tier to risk band to cell");
        string tierList = JoinNames(segmentation.Tiers.Select(t => t.Name));
        string bandList = JoinNames(segmentation.RiskBands.Select(b => b.Name));
        var tierNames = segmentation.Tiers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var bandNames = segmentation.RiskBands.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);

        // Read what is there in document order first, so a misspelt tier is reported as unknown before its
        // correctly spelt twin is reported as missing.
        var cells = new Dictionary<string, Dictionary<string, PricingCell>>(StringComparer.Ordinal);
        foreach ((string tier, YamlNode tierKey, YamlNode tierValue) in MappingReader.Entries(_r, map, Path))
        {
            string tierPath = ConfigNodeReader.Child(Path, tier);
            if (!tierNames.Contains(tier))
                throw _r.Error(tierPath, tierKey, $"unknown key '{tierPath}': '{tier}' is not a tier in segmentation.tiers ({tierList})",
                    "remove it, correct the name or add the tier");
            YamlMappingNode row = _r.Mapping(tierValue, tierPath, $"a mapping of risk band ({bandList}) to cell");
            var rowCells = new Dictionary<string, PricingCell>(StringComparer.Ordinal);
            foreach ((string band, YamlNode bandKey, YamlNode bandValue) in MappingReader.Entries(_r, row, tierPath))
            {
                string cellPath = ConfigNodeReader.Child(tierPath, band);
                if (!bandNames.Contains(band))
                    throw _r.Error(cellPath, bandKey,
                        $"unknown key '{cellPath}': '{band}' is not a risk band in segmentation.risk_bands ({bandList})",
                        "remove it, correct the name or add the band");
                rowCells.Add(band, ReadCell(bandValue, cellPath));
            }
            cells.Add(tier, rowCells);
        }

        // Then insist on the full tier × band cross, in configured order.
        var grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>(StringComparer.Ordinal);
        foreach (TierDefinition tier in segmentation.Tiers)
        {
            string tierPath = ConfigNodeReader.Child(Path, tier.Name);
            if (!cells.TryGetValue(tier.Name, out Dictionary<string, PricingCell>? row))
                throw _r.Missing(tierPath, $"a cell for each risk band ({bandList}), each with {CellExample}");
            var ordered = new Dictionary<string, PricingCell>(StringComparer.Ordinal);
            foreach (RiskBandDefinition band in segmentation.RiskBands)
            {
                if (!row.TryGetValue(band.Name, out PricingCell? cell))
                    throw _r.Missing(ConfigNodeReader.Child(tierPath, band.Name),
                        $"the cell for tier '{tier.Name}' and risk band '{band.Name}' with {CellExample}");
                ordered.Add(band.Name, cell);
            }
            grid.Add(tier.Name, ordered);
        }
        return grid;
    }

    private PricingCell ReadCell(YamlNode node, string path)
    {
        MappingReader m = Open(node, path, "a cell such as {loan_spread_bps: -30, deposit_rate_bps: 15, fee_discount: 0.30}",
            ["loan_spread_bps", "deposit_rate_bps", "fee_discount"]);
        double loan = _r.Number(m.Required("loan_spread_bps", "the loan spread adjustment in basis points"), path + ".loan_spread_bps",
            Bound.Any);
        double deposit = _r.Number(m.Required("deposit_rate_bps", "the deposit rate adjustment in basis points"), path
            + ".deposit_rate_bps", Bound.Any);
        double fee = _r.Number(m.Required("fee_discount", "the fee discount as a fraction between 0 and 1"), path + ".fee_discount",
            Bound.Unit);
        return new PricingCell(loan, deposit, fee);
    }
}
