using Analytics.Core.Configuration;

namespace Analytics.IO.Validation;

/// <summary>Converts amounts to the reporting currency with the run's fixed rates (docs/METHODOLOGY.md §2 <c>fx_rates</c>).</summary>
internal sealed class CurrencyTable
{
    private readonly Dictionary<string, double> _rates = new(StringComparer.Ordinal);

    public CurrencyTable(EngineConfig config)
    {
        foreach (var (code, rate) in config.FxRates)
        {
            _rates[code] = rate;
        }

        _rates[config.ReportingCurrency] = 1.0;
    }

    /// <summary>The rate for <paramref name="currency"/> (null means the reporting currency); false when unknown.</summary>
    public bool TryGetRate(string? currency, out double rate)
    {
        if (currency is null)
        {
            rate = 1.0;
            return true;
        }

        return _rates.TryGetValue(currency, out rate);
    }
}
