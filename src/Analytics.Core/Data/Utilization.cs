namespace Analytics.Core.Data;

/// <summary>Limit utilisation as docs/METHODOLOGY.md §5 defines it, shared by early warning and clustering.</summary>
internal static class Utilization
{
    /// <summary>
    /// Σ end / Σ limit over the customer's loans and overdrafts with limit &gt; 0; NaN when there is none.
    /// </summary>
    public static double Of(AccountTable accounts, int customer)
    {
        double end = 0, limit = 0;
        bool any = false;
        for (int a = accounts.CustomerStart[customer]; a < accounts.CustomerStart[customer + 1]; a++)
        {
            if (ProductTypes.IsLending(accounts.Type[a]) && accounts.Limit[a] > 0)
            {
                end += accounts.EndBalance[a];
                limit += accounts.Limit[a];
                any = true;
            }
        }

        return any ? end / limit : double.NaN;
    }
}
