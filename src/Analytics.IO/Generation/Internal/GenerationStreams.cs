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
