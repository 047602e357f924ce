namespace Analytics.IO.Generation.Internal;

/// <summary>Per-customer traits that shape several tables.</summary>
[Flags]
internal enum CustomerTraits : byte
{
    None = 0,
    Defaulted = 1,
    Deteriorating = 2,
    StaleFinancials = 4,
    StatementAfterAsOf = 8,
    Semiannual = 16,
}
