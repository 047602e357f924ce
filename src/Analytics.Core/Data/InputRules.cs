using System.Runtime.CompilerServices;
using Analytics.Core.Numerics;

namespace Analytics.Core.Data;

/// <summary>
/// One customer's fee sums (docs/METHODOLOGY.md §3.3), kept together so a row touches one cache line: exact fee
/// income, in-period fee rows, and a bit per fee type held (types from 64 on are tracked by the caller).
/// </summary>
public struct FeeSums
{
    /// <summary>Σ fx(amount) of the in-period fee rows, in <see cref="ExactSum"/> fixed point.</summary>
    public Fixed128 Income;

    /// <summary>Count of the in-period fee rows.</summary>
    public long Rows;

    /// <summary>Bit <c>t</c> set when fee type <c>t</c> (&lt; 64) has a row.</summary>
    public ulong Types;
}

/// <summary>One customer's cross-sale sums (docs/METHODOLOGY.md §3.3): exact revenue, units, a bit per product line held.</summary>
public struct CrossSaleSums
{
    /// <summary>Σ fx(revenue), in <see cref="ExactSum"/> fixed point.</summary>
    public Fixed128 Revenue;

    /// <summary>Σ units.</summary>
    public long Units;

    /// <summary>Bit <c>l</c> set when product line <c>l</c> (&lt; 64) sold units.</summary>
    public ulong Lines;
}

/// <summary>
/// The business rules an accepted input row is subject to before it enters a figure (docs/METHODOLOGY.md §1, §3.3):
/// conversion into the reporting currency, the period filter of fees, and what a fee or cross-sale row adds to its
/// customer's sums. Pure per-row functions; the loaders call them on their hot paths, so they allocate nothing.
/// </summary>
internal static class InputRules
{
    /// <summary>fx(amount): <paramref name="amount"/> in the row's currency times the currency's rate to the reporting currency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToReporting(double amount, double fxRate) => amount * fxRate;

    /// <summary>fx(amount) of an optional amount (limit, arrears): a missing one (NaN) is none, 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OptionalToReporting(double amount, double fxRate) => double.IsNaN(amount) ? 0 : amount * fxRate;

    /// <summary>
    /// A fee counts towards the period's figures when its booking day lies in [<paramref name="periodStart"/>,
    /// <paramref name="periodEnd"/>] (day numbers, both inclusive); other valid fees are counted as out of period.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InPeriod(int bookedDay, int periodStart, int periodEnd) => bookedDay >= periodStart && bookedDay <= periodEnd;

    /// <summary>A fee's amount in the reporting currency, in fixed point (reversals are negative amounts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed128 FeeAmount(double amount, double fxRate) => ExactSum.ToFixed(amount * fxRate);

    /// <summary>A cross-sale's revenue in the reporting currency, in fixed point; a null revenue (NaN) books nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed128 CrossSaleRevenue(double revenue, double fxRate) =>
        double.IsNaN(revenue) ? default : ExactSum.ToFixed(revenue * fxRate);

    /// <summary>Adds one in-period fee of <paramref name="amount"/> (fixed point) to its customer's sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddFee(ref FeeSums sums, Fixed128 amount)
    {
        sums.Income = ExactSum.Add(sums.Income, amount);
        sums.Rows++;
    }

    /// <summary>
    /// Adds one cross-sale to its customer's sums; returns whether the row's product line counts as held (it sold
    /// units: null units sell nothing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddCrossSale(ref CrossSaleSums sums, Fixed128 revenue, int units)
    {
        sums.Revenue = ExactSum.Add(sums.Revenue, revenue);
        sums.Units += units;
        return units > 0;
    }
}
