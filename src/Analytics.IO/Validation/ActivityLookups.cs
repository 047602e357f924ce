using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// One worker's per-row lookups for the activity tables: customer_id → dense customer index and currency → rate.
/// Readers hand out one string instance per distinct value, so both are cached by string reference in front of the
/// ordinal dictionaries: a repeated id costs one probe by address instead of hashing and comparing its characters.
/// The dictionaries behind are shared and only read. Not thread-safe: one instance per worker.
/// </summary>
internal sealed class ActivityLookups(Dictionary<string, int> customerIndex, CurrencyTable? currencies)
{
    /// <summary>Index returned for an id that is not an accepted customer.</summary>
    public const int UnknownCustomer = -1;

    // Enough slots for about a million distinct ids before the cache starts over.
    private readonly ReferenceCache<int> _customers = new(4096, 1 << 21);
    private readonly ReferenceCache<double> _rates = new(16, 1 << 10);

    /// <summary>The dense index of <paramref name="customerId"/>, or <see cref="UnknownCustomer"/>.</summary>
    public int CustomerOf(string customerId)
    {
        if (_customers.TryGetValue(customerId, out int index))
        {
            return index;
        }

        if (!customerIndex.TryGetValue(customerId, out index))
        {
            index = UnknownCustomer;
        }

        _customers.Add(customerId, index);
        return index;
    }

    /// <summary>The rate for <paramref name="currency"/> (null means the reporting currency); false when unknown.</summary>
    public bool TryGetRate(string? currency, out double rate)
    {
        if (currency is null)
        {
            rate = 1.0;
            return true;
        }

        if (!_rates.TryGetValue(currency, out rate))
        {
            // An empty currency is a null one (CellRules.String), i.e. the reporting currency.
            if (currencies is null || !currencies.TryGetRate(currency.Length == 0 ? null : currency, out rate))
            {
                rate = double.NaN;
            }

            _rates.Add(currency, rate);
        }

        // NaN marks a currency already found unknown.
        return !double.IsNaN(rate);
    }
}
