using Analytics.Core.Data;

namespace Analytics.Core.Configuration;

/// <summary>One value per product type, as in the config's per-product maps (<c>{ loan: …, overdraft: …, deposit: …, guarantee: …
/// }</c>).</summary>
public sealed record ProductMap(double Loan, double Overdraft, double Deposit, double Guarantee)
{
    /// <summary>The value for <paramref name="type"/>.</summary>
    public double this[ProductType type] => type switch
    {
        ProductType.Loan => Loan,
        ProductType.Overdraft => Overdraft,
        ProductType.Deposit => Deposit,
        ProductType.Guarantee => Guarantee,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
