namespace Analytics.Core.Segmentation;

/// <summary>One row of <c>underpriced_loans</c>: a loan or overdraft whose client rate is below its own floor.</summary>
/// <param name="Customer">Dense customer index.</param>
/// <param name="Account">Position in the account table.</param>
/// <param name="ClientRate">The account's client_rate.</param>
/// <param name="FloorRate">The EVA-neutral rate with the account's own FTP, LGD and maturity.</param>
public readonly record struct UnderpricedLoan(int Customer, int Account, double ClientRate, double FloorRate)
{
    /// <summary><c>gap_bps = (floor_rate − client_rate) × 10,000</c>: how far below its floor the loan is priced, in basis points.</summary>
    public double GapBps => (FloorRate - ClientRate) * 10_000;

    /// <summary>
    /// <c>annual_shortfall = fx(average_balance) × (floor_rate − client_rate)</c>: what the loan falls short of EVA = 0 over a year
    /// at its period's average balance, in reporting currency; <paramref name="averageBalance"/> is already converted.
    /// </summary>
    public double AnnualShortfall(double averageBalance) => averageBalance * (FloorRate - ClientRate);
}
