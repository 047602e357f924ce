using Analytics.Core.Configuration;
using Analytics.Core.Errors;

namespace Analytics.Core.Segmentation;

/// <summary>The pricing grid resolved to (tier index, band index) so that per-customer lookups need no string hashing.</summary>
public sealed class PricingGrid
{
    private readonly PricingCell[] _cells;
    private readonly int _bands;

    /// <summary>Resolves every tier × band cell; a missing one is a configuration error naming <c>pricing.grid.TIER.BAND</c>.</summary>
    public PricingGrid(PricingConfig pricing, IReadOnlyList<TierDefinition> tiers, IReadOnlyList<RiskBandDefinition> bands)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(bands);
        _bands = bands.Count;
        _cells = new PricingCell[tiers.Count * bands.Count];
        for (int t = 0; t < tiers.Count; t++)
        {
            for (int b = 0; b < bands.Count; b++)
            {
                string key = $"pricing.grid.{tiers[t].Name}.{bands[b].Name}";
                if (!pricing.Grid.TryGetValue(tiers[t].Name, out var row) || !row.TryGetValue(bands[b].Name, out var cell))
                {
                    throw new ConfigurationException(key, $"The pricing grid has no cell {key}; add one for every tier and risk band.");
                }

                _cells[t * _bands + b] = cell;
            }
        }
    }

    /// <summary>The cell for tier <paramref name="tier"/> and band <paramref name="band"/> (indices into the configured lists).</summary>
    public PricingCell Cell(int tier, int band) => _cells[tier * _bands + band];
}
