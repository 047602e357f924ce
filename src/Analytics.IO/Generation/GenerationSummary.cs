using Analytics.IO.Generation.Internal;

namespace Analytics.IO.Generation;

/// <summary>What one generation wrote.</summary>
/// <param name="Customers">Rows of <c>customers</c>.</param>
/// <param name="Accounts">Rows of <c>accounts</c>.</param>
/// <param name="Fees">Rows of <c>fees</c>, over all part files.</param>
/// <param name="CrossSales">Rows of <c>cross_sales</c>.</param>
/// <param name="Financials">Rows of <c>financials</c>.</param>
/// <param name="Files">Files written, relative to the output folder with '/' separators, in the order written.</param>
/// <param name="PlantedDefects">Every row the engine must reject (empty unless defects were injected), in the order written.</param>
public sealed record GenerationSummary(
    long Customers,
    long Accounts,
    long Fees,
    long CrossSales,
    long Financials,
    IReadOnlyList<string> Files,
    IReadOnlyList<PlantedDefect> PlantedDefects)
{
    /// <summary>The configuration written beside the tables (<see cref="GeneratedConfig.FileName"/>), or null when none was.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Rows written to <paramref name="table"/> (<c>customers</c>, <c>accounts</c>, <c>fees</c>, <c>cross_sales</c> or <c>financials</c>).</summary>
    public long RowsOf(string table) => table switch
    {
        GeneratedTables.CustomersName => Customers,
        GeneratedTables.AccountsName => Accounts,
        GeneratedTables.FeesName => Fees,
        GeneratedTables.CrossSalesName => CrossSales,
        GeneratedTables.FinancialsName => Financials,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a generated table."),
    };
}
