using Analytics.Core.Configuration;
using Analytics.Core.Data;

namespace Analytics.Core.EarlyWarning;

/// <summary>
/// What the reason rules (<see cref="ReasonCode.Definitions"/>) know about one customer: the latest statement's ratios,
/// the trends and the account figures of docs/METHODOLOGY.md §5. One instance per worker, refilled for each customer by
/// <see cref="Read"/>, so evaluating a customer allocates nothing. A figure that is null is NaN, which compares false
/// in every rule.
/// </summary>
internal sealed class CustomerFacts
{
    private readonly CustomerTable _customers;
    private readonly AccountTable _accounts;
    private readonly FinancialTable _statements;
    private readonly TrendAnalysis _trends;
    private readonly int _asOfDay;
    private readonly double _pdFloor;
    private readonly double _sicrPdRatio;

    public CustomerFacts(PortfolioData data, EngineConfig config)
    {
        _customers = data.Customers;
        _accounts = data.Accounts;
        _statements = data.Financials;
        EarlyWarningConfig rules = config.EarlyWarning;
        _trends = new TrendAnalysis(Math.Max(0, rules.TrendPeriods));
        _asOfDay = config.AsOf.DayNumber;
        _pdFloor = config.Risk.PdFloor;
        _sicrPdRatio = rules.SicrPdRatio;
        AsOf = config.AsOf;
        StaleCutoffDay = CalendarMonths.StaleCutoff(config.AsOf, rules.StaleMonths).DayNumber;
    }

    /// <summary>The run date.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Day number of the staleness cut-off: a latest statement dated before it is stale.</summary>
    public int StaleCutoffDay { get; }

    /// <summary>The customer has a statement dated on or before as_of.</summary>
    public bool HasStatement { get; private set; }

    /// <summary>Day number of the latest statement; meaningless without <see cref="HasStatement"/>.</summary>
    public int LatestStatementDay { get; private set; }

    /// <summary>DSCR of the latest statement.</summary>
    public double Dscr { get; private set; }

    /// <summary>ICR of the latest statement.</summary>
    public double Icr { get; private set; }

    /// <summary>Leverage of the latest statement.</summary>
    public double Leverage { get; private set; }

    /// <summary>Current ratio of the latest statement.</summary>
    public double CurrentRatio { get; private set; }

    /// <summary>Altman Z'' of the latest statement.</summary>
    public double AltmanZ { get; private set; }

    /// <summary>EBITDA of the latest statement.</summary>
    public double Ebitda { get; private set; }

    /// <summary>DSCR trend over the last <c>trend_periods</c> statements.</summary>
    public Trend DscrTrend { get; private set; }

    /// <summary>Revenue trend over the last <c>trend_periods</c> statements.</summary>
    public Trend RevenueTrend { get; private set; }

    /// <summary>Leverage trend over the last <c>trend_periods</c> statements.</summary>
    public Trend LeverageTrend { get; private set; }

    /// <summary>The customer has at least one loan, overdraft or guarantee.</summary>
    public bool Borrower { get; private set; }

    /// <summary>A significant increase in credit risk on at least one exposure (IFRS 9 stage 2; not a reason).</summary>
    public bool SignificantIncrease { get; private set; }

    /// <summary>Max days_past_due over all accounts, deposits included; 0 without accounts.</summary>
    public int MaxDpd { get; private set; }

    /// <summary>Σ interest_arrears over all accounts.</summary>
    public double InterestArrears { get; private set; }

    /// <summary>Loan and overdraft utilisation (<see cref="Data.Utilization"/>).</summary>
    public double Utilization { get; private set; }

    /// <summary>
    /// 1 − Σ average_balance / Σ prior_average_balance over deposits that report a prior balance; NaN when that Σprior
    /// is not positive. Literally the rule's formula (docs/METHODOLOGY.md §5.2), so the evidence value matches an
    /// independent computation bit for bit.
    /// </summary>
    public double DepositOutflow { get; private set; }

    /// <summary>A borrower whose latest statement is missing or dated before the staleness cut-off.</summary>
    public bool IsStale => Borrower && (!HasStatement || LatestStatementDay < StaleCutoffDay);

    /// <summary>Whole calendar months from the latest statement to as_of; NaN without a statement.</summary>
    public double MonthsSinceLatestStatement() =>
        HasStatement ? CalendarMonths.WholeMonths(DateOnly.FromDayNumber(LatestStatementDay), AsOf) : double.NaN;

    /// <summary>Refills the facts for customer <paramref name="c"/>.</summary>
    public void Read(int c)
    {
        ReadStatements(c);
        ReadAccounts(c);
    }

    private void ReadStatements(int c)
    {
        // The table holds only as_of-or-earlier rows, but trimming here keeps the rule true by construction for any
        // caller.
        int first = _statements.CustomerStart[c];
        int end = _statements.CustomerStart[c + 1];
        while (end > first && _statements.StatementDate[end - 1] > _asOfDay)
        {
            end--;
        }

        HasStatement = end > first;
        if (!HasStatement)
        {
            LatestStatementDay = AccountTable.NoDate;
            Dscr = Icr = Leverage = CurrentRatio = AltmanZ = Ebitda = double.NaN;
            DscrTrend = RevenueTrend = LeverageTrend = Trend.None;
            return;
        }

        int latest = end - 1;
        LatestStatementDay = _statements.StatementDate[latest];
        Dscr = FinancialRatios.Dscr(_statements, latest);
        Icr = FinancialRatios.Icr(_statements, latest);
        Leverage = FinancialRatios.Leverage(_statements, latest);
        CurrentRatio = FinancialRatios.CurrentRatio(_statements, latest);
        AltmanZ = FinancialRatios.AltmanZ(_statements, latest);
        Ebitda = _statements.Get(latest, FinancialItem.Ebitda);
        DscrTrend = _trends.Of(_statements, first, end, TrendSeries.Dscr);
        RevenueTrend = _trends.Of(_statements, first, end, TrendSeries.Revenue);
        LeverageTrend = _trends.Of(_statements, first, end, TrendSeries.Leverage);
    }

    private void ReadAccounts(int c)
    {
        double pd = Math.Max(_customers.Pd[c], _pdFloor);
        int maxDpd = 0;
        double arrears = 0;
        double depositAverage = 0, depositPrior = 0;
        bool borrower = false, significantIncrease = false;
        for (int a = _accounts.CustomerStart[c]; a < _accounts.CustomerStart[c + 1]; a++)
        {
            maxDpd = Math.Max(maxDpd, _accounts.DaysPastDue[a]);
            arrears += _accounts.InterestArrears[a];
            if (ProductTypes.IsCredit(_accounts.Type[a]))
            {
                borrower = true;
                significantIncrease |= Ifrs9Stages.IsSignificantIncrease(pd, _accounts.OriginationPd[a], _pdFloor, _sicrPdRatio);
            }
            else if (!double.IsNaN(_accounts.PriorAverageBalance[a]))
            {
                depositAverage += _accounts.AverageBalance[a];
                depositPrior += _accounts.PriorAverageBalance[a];
            }
        }

        MaxDpd = maxDpd;
        InterestArrears = arrears;
        Borrower = borrower;
        SignificantIncrease = significantIncrease;
        Utilization = Data.Utilization.Of(_accounts, c);
        DepositOutflow = depositPrior > 0 ? 1 - depositAverage / depositPrior : double.NaN;
    }
}
