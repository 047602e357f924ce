namespace Analytics.Core.EarlyWarning;

/// <summary>Calendar-month arithmetic for the STALE_FINANCIALS reason.</summary>
public static class CalendarMonths
{
    /// <summary>
    /// Whole calendar months from <paramref name="from"/> to <paramref name="to"/>: the largest m ≥ 0 with
    /// <c>to.AddMonths(−m) ≥ from</c>, counting back from <paramref name="to"/> exactly as the staleness cut-off
    /// does (so month ends clamp the same way: from 2024-01-31 to 2024-02-29 is 0 months, to 2024-03-31 is 2).
    /// 0 when <paramref name="from"/> is on or after <paramref name="to"/>.
    /// </summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        if (from >= to)
        {
            return 0;
        }

        int months = (to.Year - from.Year) * 12 + (to.Month - from.Month);
        if (to.AddMonths(-months) < from)
        {
            months--;
        }

        return months;
    }

    /// <summary>
    /// The staleness cut-off at <paramref name="asOf"/>: <c>asOf.AddMonths(−staleMonths)</c>. A statement dated before
    /// it is stale; one dated exactly on it is not. The rules compute it once per run and compare day numbers.
    /// </summary>
    public static DateOnly StaleCutoff(DateOnly asOf, int staleMonths) => asOf.AddMonths(-staleMonths);
}
