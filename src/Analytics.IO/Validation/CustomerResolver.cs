using System.Runtime.CompilerServices;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// customer_id → dense customer index for one consumer of a table (one worker, or a sequential loader): memoised per
/// symbol (<see cref="SymbolMap"/>), then by string reference (<see cref="ActivityLookups"/>), then the shared ordinal
/// dictionary. A repeated id costs an array read; its characters are hashed about once per reader. A column the reader
/// already resolved (<see cref="ColumnData.HasCustomers"/>) is read as it is. Not thread-safe.
/// </summary>
internal sealed class CustomerResolver(Dictionary<string, int> customerIndex)
{
    /// <summary>Returned for an id that is not an accepted customer.</summary>
    public const int Unknown = CustomerKeys.Unknown;

    /// <summary>Returned for an empty string (a missing value by the row rules).</summary>
    public const int Empty = CustomerKeys.Empty;

    private readonly SymbolMap _symbols = new();
    private readonly ActivityLookups _lookups = new(customerIndex, currencies: null);

    /// <summary>Prepares for a batch whose customer_id column is <paramref name="customerIds"/>.</summary>
    public void StartBatch(ColumnData customerIds) => _symbols.Use(customerIds);

    /// <summary>
    /// The index of the id in row <paramref name="row"/> of <paramref name="customerIds"/>, whose cell must hold a
    /// value: <see cref="Unknown"/> when it is not an accepted customer, <see cref="Empty"/> for an empty string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int At(ColumnData customerIds, int row)
    {
        if (customerIds.HasCustomers)
        {
            return customerIds.Customers![row];
        }

        int symbol = customerIds.Symbols![row];
        if (!_symbols.TryGet(symbol, out int customer))
        {
            string id = customerIds.Strings![row]!;
            customer = id.Length == 0 ? Empty : _lookups.CustomerOf(id);
            _symbols.Set(symbol, customer);
        }

        return customer;
    }

    /// <summary>
    /// The row rules of a required customer_id cell: <see cref="RejectReason.MissingValue"/> for a null or empty one,
    /// <see cref="RejectReason.UnknownCustomer"/> for an id that is no accepted customer, else null with its index in
    /// <paramref name="customer"/> (<see cref="Unknown"/> otherwise).
    /// </summary>
    public RejectReason? Check(ColumnData customerIds, int row, out int customer)
    {
        customer = Unknown;
        if (customerIds.State[row] != CellState.Value
            || (!customerIds.HasCustomers && string.IsNullOrEmpty(customerIds.Strings![row])))
        {
            return RejectReason.MissingValue;
        }

        int index = At(customerIds, row);
        if (index == Empty)
        {
            return RejectReason.MissingValue;
        }

        if (index < 0)
        {
            return RejectReason.UnknownCustomer;
        }

        customer = index;
        return null;
    }
}
