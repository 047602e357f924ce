using Analytics.Core.Data;

namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The repayment-capacity ratios of docs/METHODOLOGY.md §5 for one statement. A ratio is NaN (null in outputs) when its
/// denominator is missing or ≤ 0, or a value it needs is missing; it is never ±∞ from a zero denominator.
/// </summary>
public static class FinancialRatios
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>; NaN when either is NaN or the denominator is ≤ 0.</summary>
    public static double Ratio(double numerator, double denominator) =>
        double.IsNaN(numerator) || !(denominator > 0) ? double.NaN : numerator / denominator;

    /// <summary>DSCR = ebitda / debt_service.</summary>
    public static double Dscr(FinancialTable statements, int row) =>
        Ratio(statements.Get(row, FinancialItem.Ebitda), statements.Get(row, FinancialItem.DebtService));

    /// <summary>ICR = ebit / interest_expense.</summary>
    public static double Icr(FinancialTable statements, int row) =>
        Ratio(statements.Get(row, FinancialItem.Ebit), statements.Get(row, FinancialItem.InterestExpense));

    /// <summary>Leverage = total_debt / ebitda (null when ebitda ≤ 0; NEGATIVE_EBITDA covers that case).</summary>
    public static double Leverage(FinancialTable statements, int row) =>
        Ratio(statements.Get(row, FinancialItem.TotalDebt), statements.Get(row, FinancialItem.Ebitda));

    /// <summary>Current ratio = current_assets / current_liabilities.</summary>
    public static double CurrentRatio(FinancialTable statements, int row) =>
        Ratio(statements.Get(row, FinancialItem.CurrentAssets), statements.Get(row, FinancialItem.CurrentLiabilities));

    /// <summary>Altman Z'' of statement <paramref name="row"/> (see <see cref="AltmanZ(double, double, double, double, double, double,
    /// double)"/>).</summary>
    public static double AltmanZ(FinancialTable statements, int row) => AltmanZ(
        statements.Get(row, FinancialItem.CurrentAssets),
        statements.Get(row, FinancialItem.CurrentLiabilities),
        statements.Get(row, FinancialItem.TotalAssets),
        statements.Get(row, FinancialItem.RetainedEarnings),
        statements.Get(row, FinancialItem.Ebit),
        statements.Get(row, FinancialItem.Equity),
        statements.Get(row, FinancialItem.TotalLiabilities));

    /// <summary>
    /// Altman Z'' = 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4 with X1 = (CA − CL)/TA, X2 = RE/TA, X3 = EBIT/TA,
    /// X4 = equity/total_liabilities. NaN when any input is NaN or either denominator (TA, total_liabilities) is ≤ 0:
    /// a partial score would read as healthier or weaker than the firm is, so no score is better than a wrong one.
    /// </summary>
    public static double AltmanZ(
        double currentAssets,
        double currentLiabilities,
        double totalAssets,
        double retainedEarnings,
        double ebit,
        double equity,
        double totalLiabilities)
    {
        if (double.IsNaN(currentAssets) || double.IsNaN(currentLiabilities) || double.IsNaN(retainedEarnings)
            || double.IsNaN(ebit) || double.IsNaN(equity) || !(totalAssets > 0) || !(totalLiabilities > 0))
        {
            return double.NaN;
        }

        double x1 = (currentAssets - currentLiabilities) / totalAssets;
        double x2 = retainedEarnings / totalAssets;
        double x3 = ebit / totalAssets;
        double x4 = equity / totalLiabilities;
        return 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4;
    }
}
