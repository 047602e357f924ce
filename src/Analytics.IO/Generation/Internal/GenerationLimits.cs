namespace Analytics.IO.Generation.Internal;

/// <summary>Per-customer row bounds; a block is flushed before a customer that might not fit.</summary>
internal static class GenerationLimits
{
    public const int MaxAccountsPerCustomer = 12;

    /// <summary>Statements of one customer: 3..6 on or before as_of (this is the exclusive bound of that draw), plus one after
    /// as_of.</summary>
    public const int MaxStatementsPerCustomer = 7;

    /// <summary>Smallest row group that holds any customer's accounts, cross-sales or statements.</summary>
    public const int MinRowGroupSize = 16;
}
