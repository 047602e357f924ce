using Analytics.Core.Data;

namespace Analytics.Cluster.Tests;

/// <summary>Cuts a validated portfolio into contiguous customer ranges, as range partitions hold it.</summary>
internal static class PortfolioSlices
{
    /// <summary>
    /// Customers [<paramref name="from"/>, <paramref name="to"/>) with their accounts, activity and statements, re-indexed from 0.
    /// </summary>
    public static PortfolioData Slice(PortfolioData data, int from, int to)
    {
        var c = data.Customers;
        var customers = new CustomerTable
        {
            Ids = c.Ids[from..to], Industry = c.Industry[from..to], Region = c.Region[from..to], RmId = c.RmId[from..to],
            Rating = c.Rating[from..to], Pd = c.Pd[from..to], AnnualSales = c.AnnualSales[from..to],
        };

        var a = data.Accounts;
        int a0 = a.CustomerStart[from], a1 = a.CustomerStart[to];
        var accounts = new AccountTable
        {
            Customer = Shift(a.Customer[a0..a1], -from), AccountId = a.AccountId[a0..a1], Type = a.Type[a0..a1],
            Currency = a.Currency[a0..a1], AverageBalance = a.AverageBalance[a0..a1], EndBalance = a.EndBalance[a0..a1],
            Limit = a.Limit[a0..a1], ClientRate = a.ClientRate[a0..a1], FtpRate = a.FtpRate[a0..a1], OpenDate = a.OpenDate[a0..a1],
            MaturityDate = a.MaturityDate[a0..a1], Lgd = a.Lgd[a0..a1], DaysPastDue = a.DaysPastDue[a0..a1],
            InterestArrears = a.InterestArrears[a0..a1], OriginationPd = a.OriginationPd[a0..a1],
            PriorAverageBalance = a.PriorAverageBalance[a0..a1], CustomerStart = Shift(a.CustomerStart[from..(to + 1)], -a0),
        };

        var activity = new ActivityAggregates(to - from);
        var x = data.Activity;
        Array.Copy(x.FeeIncome, from, activity.FeeIncome, 0, to - from);
        Array.Copy(x.FeeRows, from, activity.FeeRows, 0, to - from);
        Array.Copy(x.FeeTypesHeld, from, activity.FeeTypesHeld, 0, to - from);
        Array.Copy(x.CrossSellRevenue, from, activity.CrossSellRevenue, 0, to - from);
        Array.Copy(x.CrossSellUnits, from, activity.CrossSellUnits, 0, to - from);
        Array.Copy(x.ProductLinesHeld, from, activity.ProductLinesHeld, 0, to - from);

        var f = data.Financials;
        int f0 = f.CustomerStart[from], f1 = f.CustomerStart[to];
        var items = new double[f.Items.Length][];
        for (int m = 0; m < items.Length; m++) items[m] = f.Items[m][f0..f1];
        var financials = new FinancialTable
        {
            Customer = Shift(f.Customer[f0..f1], -from), StatementDate = f.StatementDate[f0..f1], Items = items,
            CustomerStart = Shift(f.CustomerStart[from..(to + 1)], -f0),
        };

        return new PortfolioData(customers, accounts, activity, financials);
    }

    private static int[] Shift(int[] values, int by)
    {
        for (int i = 0; i < values.Length; i++) values[i] += by;
        return values;
    }
}
