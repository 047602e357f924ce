namespace Analytics.IO.Generation.Internal;

/// <summary>What accounts a customer holds.</summary>
internal enum CustomerKind : byte
{
    /// <summary>No account (a prospect, or a customer with fees or cross-sales only).</summary>
    NoAccounts,
    /// <summary>Deposits only.</summary>
    DepositOnly,
    /// <summary>At least one loan, overdraft or guarantee (docs/METHODOLOGY.md §5 borrower), usually with a deposit.</summary>
    Borrower,
}
