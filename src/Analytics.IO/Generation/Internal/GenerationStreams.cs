namespace Analytics.IO.Generation.Internal;

/// <summary>PRNG stream numbers: one per table, so adding a column to one table leaves the others unchanged.</summary>
internal static class GenerationStreams
{
    public const int Profiles = 1;
    public const int Customers = 2;
    public const int Accounts = 3;
    public const int Fees = 4;
    public const int CrossSales = 5;
    public const int Financials = 6;
    public const int Defects = 7;
}

/// <summary>Per-customer row bounds; a block is flushed before a customer that might not fit.</summary>
internal static class GenerationLimits
{
    public const int MaxAccountsPerCustomer = 12;

    /// <summary>Exclusive upper bound of statements on or before as_of (3..6), plus one after as_of.</summary>
    public const int MaxStatementsPerCustomer = 7;

    public const int MaxRowsPerCustomer = 12;

    /// <summary>Smallest row group that holds any customer's accounts, cross-sales or statements.</summary>
    public const int MinRowGroupSize = 16;
}
