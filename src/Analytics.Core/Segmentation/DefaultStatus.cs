using Analytics.Core.Data;

namespace Analytics.Core.Segmentation;

/// <summary>
/// The one definition of a customer in default (docs/METHODOLOGY.md §4): PD = 1 after flooring, or more than 90 days
/// past due on any account (the DPD_90 reason of §5). Pricing leaves such customers unpriced, the deal quote refuses
/// them and the early-warning back-test counts a customer's first run in default as its default event; all of them
/// ask this class so the three never disagree.
/// </summary>
internal static class DefaultStatus
{
    /// <summary>A customer whose max days_past_due is above this many days is in default (Basel's 90-day backstop).</summary>
    public const int DaysPastDueThreshold = 90;

    /// <summary>The <c>pricing_status</c> of a customer in default.</summary>
    public const string DefaultName = "default";

    /// <summary>The <c>pricing_status</c> of every other customer.</summary>
    public const string PricedName = "priced";

    /// <summary>
    /// True when the customer is in default: <paramref name="flooredPd"/> (the customer PD after the null default and
    /// <c>risk.pd_floor</c>) is 1 or more, or <paramref name="maxDaysPastDue"/> (the largest days_past_due over the
    /// customer's accounts, 0 without accounts) is above <see cref="DaysPastDueThreshold"/>.
    /// </summary>
    public static bool IsInDefault(double flooredPd, int maxDaysPastDue) =>
        flooredPd >= 1.0 || maxDaysPastDue > DaysPastDueThreshold;

    /// <summary><c>pricing_status</c>: <c>default</c> or <c>priced</c>.</summary>
    public static string PricingStatus(bool inDefault) => inDefault ? DefaultName : PricedName;

    /// <summary>The largest days_past_due of customer <paramref name="customer"/>'s accounts; 0 without accounts.</summary>
    public static int MaxDaysPastDue(AccountTable accounts, int customer)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        int max = 0;
        for (int a = accounts.CustomerStart[customer]; a < accounts.CustomerStart[customer + 1]; a++)
        {
            max = Math.Max(max, accounts.DaysPastDue[a]);
        }

        return max;
    }

    /// <summary>
    /// Whether each customer is in default, indexed by dense customer index; <paramref name="flooredPd"/> is the floored
    /// PD by customer (<c>ProfitabilityResult.Pd</c>), the days past due come from <paramref name="accounts"/>.
    /// </summary>
    public static bool[] Of(ReadOnlySpan<double> flooredPd, AccountTable accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.CustomerStart.Length != flooredPd.Length + 1)
        {
            throw new ArgumentException(
                $"The accounts index {accounts.CustomerStart.Length - 1} customers, the PDs {flooredPd.Length}.", nameof(flooredPd));
        }

        var inDefault = new bool[flooredPd.Length];
        for (int c = 0; c < inDefault.Length; c++)
        {
            inDefault[c] = IsInDefault(flooredPd[c], MaxDaysPastDue(accounts, c));
        }

        return inDefault;
    }
}
