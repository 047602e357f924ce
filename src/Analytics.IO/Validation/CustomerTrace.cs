using Analytics.Core.Numerics;

namespace Analytics.IO.Validation;

/// <summary>One line of a customer's activity breakdown: a fee_type or a product_line.</summary>
/// <param name="Name">The fee_type or product_line.</param>
/// <param name="Amount">Σ fx(amount) or Σ fx(revenue), summed exactly (<see cref="ExactSum"/>).</param>
/// <param name="Rows">Accepted rows (fees: in-period rows only).</param>
/// <param name="Units">Σ units (cross-sales; 0 for fees).</param>
public sealed record TracedActivity(string Name, double Amount, long Rows, long Units);

/// <summary>
/// The detail that <c>analytics explain</c> needs about one customer and that the scoring run does not keep: fees by
/// type, cross-sales by product line, and — when the customer was not accepted — where its rows were rejected.
/// Collected only for the traced customer, so a normal run pays nothing for it.
/// </summary>
public sealed class CustomerTrace
{
    private readonly SortedDictionary<string, (Fixed128 Sum, long Rows, long Units)> _fees = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (Fixed128 Sum, long Rows, long Units)> _lines = new(StringComparer.Ordinal);
    private readonly List<Reject> _customerRejects = [];

    internal CustomerTrace(string customerId) => CustomerId = customerId;

    /// <summary>The traced customer_id.</summary>
    public string CustomerId { get; }

    /// <summary>In-period fees by fee_type, ordinal order.</summary>
    public IReadOnlyList<TracedActivity> FeesByType => Lines(_fees);

    /// <summary>Cross-sales by product_line, ordinal order.</summary>
    public IReadOnlyList<TracedActivity> CrossSalesByLine => Lines(_lines);

    /// <summary>Rejected rows of the customers table that carry this customer_id (empty when it was accepted or never seen).</summary>
    public IReadOnlyList<Reject> CustomerRejects => _customerRejects;

    /// <summary>Dense index of the customer once customers are loaded; -1 when it was not accepted.</summary>
    internal int Index { get; set; } = -1;

    internal void AddFee(string feeType, Fixed128 converted) => Add(_fees, feeType, converted, 0);

    internal void AddCrossSale(string line, Fixed128 converted, long units) => Add(_lines, line, converted, units);

    internal void AddCustomerReject(in Reject reject) => _customerRejects.Add(reject);

    private static void Add(SortedDictionary<string, (Fixed128 Sum, long Rows, long Units)> map, string key, Fixed128 amount, long units)
    {
        var (sum, rows, u) = map.GetValueOrDefault(key);
        map[key] = (ExactSum.Add(sum, amount), rows + 1, u + units);
    }

    private static TracedActivity[] Lines(SortedDictionary<string, (Fixed128 Sum, long Rows, long Units)> map)
    {
        var lines = new TracedActivity[map.Count];
        int i = 0;
        foreach (var (name, (sum, rows, units)) in map)
        {
            lines[i++] = new TracedActivity(name, ExactSum.ToDouble(sum), rows, units);
        }

        return lines;
    }
}
