namespace Analytics.IO.Generation.Internal;

/// <summary>What accounts a customer holds.</summary>
internal enum CustomerKind : byte
{
    /// <summary>No account (a prospect, or a customer with fees or cross-sales only).</summary>
    NoAccounts,
    /// <summary>Deposits only.</summary>
    DepositOnly,
    /// <summary>At least one loan, overdraft or guarantee (SPEC §5 borrower), usually with a deposit.</summary>
    Borrower,
}

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
