using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Parallelism;

namespace Analytics.Core.EarlyWarning;

/// <summary>
/// docs/METHODOLOGY.md §5 repayment-capacity early warning (偿债能力预警): ratios, reasons, severity, five-category suggestion,
/// IFRS 9 stage and maturity notices. Each customer's figures depend only on that customer's rows, so customers
/// may later be evaluated in any partition without changing a bit.
/// </summary>
public static class EarlyWarningRules
{
    /// <summary>Evaluates every customer of <paramref name="data"/> as of <c>config.AsOf</c>.</summary>
    public static EarlyWarningResult Evaluate(PortfolioData data, EngineConfig config) => Evaluate(data, config, threads: 1);

    /// <summary>
    /// Evaluates every customer of <paramref name="data"/> as of <c>config.AsOf</c>, customer ranges on up to
    /// <paramref name="threads"/> threads (0 = all cores). Each range lists its reasons and notices in customer order
    /// and the lists are joined in range order, so the result is identical for any thread count.
    /// </summary>
    public static EarlyWarningResult Evaluate(PortfolioData data, EngineConfig config, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);

        int customers = data.Customers.Count;
        var result = new EarlyWarningResult(customers);
        int ranges = CustomerPartitions.RangeCount(customers, threads);
        var kernels = new Kernel[Math.Max(1, ranges)];
        CustomerPartitions.Run(customers, ranges, threads, (range, from, to) =>
        {
            var kernel = kernels[range] = new Kernel(data, config);
            for (int c = from; c < to; c++)
            {
                kernel.Evaluate(c, result);
            }
        });

        var reasons = kernels[0]?.Reasons ?? new EarlyWarningReasonTable.Builder();
        var notices = kernels[0]?.Notices ?? new MaturityNoticeTable.Builder();
        for (int r = 1; r < kernels.Length; r++)
        {
            reasons.Append(kernels[r].Reasons);
            notices.Append(kernels[r].Notices);
        }

        result.Reasons = reasons.Build();
        result.MaturityNotices = notices.Build();
        return result;
    }

    /// <summary>Per-worker state: thresholds, trend scratch buffers and the reason-list text cache.</summary>
    private sealed class Kernel
    {
        private readonly CustomerTable _customers;
        private readonly AccountTable _accounts;
        private readonly FinancialTable _statements;
        private readonly EarlyWarningConfig _rules;
        private readonly DateOnly _asOf;
        private readonly int _asOfDay;
        private readonly int _staleCutoffDay;
        private readonly int _noticeEndDay;
        private readonly double _pdFloor;
        private readonly TrendAnalysis _trends;

        // The ';'-joined text depends only on which reasons fired, and few combinations occur in practice.
        private readonly Dictionary<int, string> _codeText = new() { [0] = string.Empty };

        public Kernel(PortfolioData data, EngineConfig config)
        {
            _customers = data.Customers;
            _accounts = data.Accounts;
            _statements = data.Financials;
            _rules = config.EarlyWarning;
            _asOf = config.AsOf;
            _asOfDay = config.AsOf.DayNumber;
            _staleCutoffDay = config.AsOf.AddMonths(-_rules.StaleMonths).DayNumber;
            _noticeEndDay = _asOfDay + _rules.MaturityNoticeDays;
            _pdFloor = config.Risk.PdFloor;
            _trends = new TrendAnalysis(Math.Max(0, _rules.TrendPeriods));
        }

        public EarlyWarningReasonTable.Builder Reasons { get; } = new();

        public MaturityNoticeTable.Builder Notices { get; } = new();

        public void Evaluate(int c, EarlyWarningResult result)
        {
            Span<double> value = stackalloc double[ReasonCode.Count];
            Span<double> threshold = stackalloc double[ReasonCode.Count];
            int fired = 0;

            void Fire(ReasonId id, double v, double t, Span<double> value, Span<double> threshold)
            {
                fired |= 1 << (int)id;
                value[(int)id] = v;
                threshold[(int)id] = t;
            }

            // Statements: the table holds only as_of-or-earlier rows, but trimming here keeps the rule true by
            // construction for any caller.
            int first = _statements.CustomerStart[c];
            int end = _statements.CustomerStart[c + 1];
            while (end > first && _statements.StatementDate[end - 1] > _asOfDay)
            {
                end--;
            }

            bool hasStatement = end > first;
            double dscr = double.NaN, icr = double.NaN, leverage = double.NaN, currentRatio = double.NaN, altman = double.NaN;
            if (hasStatement)
            {
                int latest = end - 1;
                dscr = FinancialRatios.Dscr(_statements, latest);
                icr = FinancialRatios.Icr(_statements, latest);
                leverage = FinancialRatios.Leverage(_statements, latest);
                currentRatio = FinancialRatios.CurrentRatio(_statements, latest);
                altman = FinancialRatios.AltmanZ(_statements, latest);
                double ebitda = _statements.Get(latest, FinancialItem.Ebitda);

                // NaN compares false everywhere below, so a null ratio never fires.
                if (dscr < _rules.DscrMin) Fire(ReasonId.DscrLow, dscr, _rules.DscrMin, value, threshold);
                if (icr < _rules.IcrMin) Fire(ReasonId.IcrLow, icr, _rules.IcrMin, value, threshold);
                if (currentRatio < _rules.CurrentRatioMin) Fire(ReasonId.CurrentRatioLow, currentRatio, _rules.CurrentRatioMin, value, threshold);
                if (leverage > _rules.LeverageMax) Fire(ReasonId.LeverageHigh, leverage, _rules.LeverageMax, value, threshold);
                if (ebitda <= 0) Fire(ReasonId.NegativeEbitda, ebitda, 0, value, threshold);
                if (altman < _rules.AltmanDistress)
                {
                    Fire(ReasonId.AltmanDistress, altman, _rules.AltmanDistress, value, threshold);
                }
                else if (_rules.AltmanDistress <= altman && altman < _rules.AltmanGrey)
                {
                    Fire(ReasonId.AltmanGrey, altman, _rules.AltmanGrey, value, threshold);
                }

                double decline = _rules.TrendDecline;
                Trend dscrTrend = _trends.Of(_statements, first, end, TrendSeries.Dscr);
                if (dscrTrend.IsDecline(decline)) Fire(ReasonId.DscrDeclining, dscrTrend.RelativeChange, -decline, value, threshold);
                Trend revenueTrend = _trends.Of(_statements, first, end, TrendSeries.Revenue);
                if (revenueTrend.IsDecline(decline)) Fire(ReasonId.RevenueDeclining, revenueTrend.RelativeChange, -decline, value, threshold);
                Trend leverageTrend = _trends.Of(_statements, first, end, TrendSeries.Leverage);
                if (leverageTrend.IsRise(decline)) Fire(ReasonId.LeverageRising, leverageTrend.RelativeChange, decline, value, threshold);
            }

            // Accounts.
            double pd = Math.Max(_customers.Pd[c], _pdFloor);
            int maxDpd = 0;
            double arrears = 0;
            double depositAverage = 0, depositPrior = 0;
            bool borrower = false, significantIncrease = false;
            for (int a = _accounts.CustomerStart[c]; a < _accounts.CustomerStart[c + 1]; a++)
            {
                ProductType type = _accounts.Type[a];
                maxDpd = Math.Max(maxDpd, _accounts.DaysPastDue[a]);
                arrears += _accounts.InterestArrears[a];
                if (ProductTypes.IsCredit(type))
                {
                    borrower = true;
                    significantIncrease |= Ifrs9Stages.IsSignificantIncrease(pd, _accounts.OriginationPd[a], _pdFloor, _rules.SicrPdRatio);
                }
                else if (!double.IsNaN(_accounts.PriorAverageBalance[a]))
                {
                    depositAverage += _accounts.AverageBalance[a];
                    depositPrior += _accounts.PriorAverageBalance[a];
                }

                int maturity = _accounts.MaturityDate[a];
                if (type == ProductType.Loan && maturity != AccountTable.NoDate && maturity > _asOfDay && maturity <= _noticeEndDay)
                {
                    Notices.Add(c, a, maturity, _accounts.EndBalance[a] + _accounts.InterestArrears[a]);
                }
            }

            int latestDay = hasStatement ? _statements.StatementDate[end - 1] : AccountTable.NoDate;
            if (borrower && (!hasStatement || latestDay < _staleCutoffDay))
            {
                double months = hasStatement ? CalendarMonths.WholeMonths(DateOnly.FromDayNumber(latestDay), _asOf) : double.NaN;
                Fire(ReasonId.StaleFinancials, months, _rules.StaleMonths, value, threshold);
            }

            // Only the highest DPD bucket is listed.
            if (maxDpd > 90) Fire(ReasonId.Dpd90, maxDpd, 90, value, threshold);
            else if (maxDpd > 30) Fire(ReasonId.Dpd30, maxDpd, 30, value, threshold);
            else if (maxDpd > 0) Fire(ReasonId.Dpd1, maxDpd, 0, value, threshold);

            if (arrears > 0) Fire(ReasonId.InterestArrears, arrears, 0, value, threshold);

            double utilization = Utilization.Of(_accounts, c);
            if (utilization >= _rules.UtilizationMax) Fire(ReasonId.HighUtilization, utilization, _rules.UtilizationMax, value, threshold);

            // Literally the rule's (docs/METHODOLOGY.md §5.2) 1 − Σavg / Σprior, so the evidence value matches an independent
            // computation bit for bit.
            if (depositPrior > 0)
            {
                double outflow = 1 - depositAverage / depositPrior;
                if (outflow >= _rules.DepositOutflow) Fire(ReasonId.DepositOutflow, outflow, _rules.DepositOutflow, value, threshold);
            }

            Severity severity = Severity.None;
            for (int id = 0; id < ReasonCode.Count; id++)
            {
                if ((fired & (1 << id)) != 0)
                {
                    Severity reasonSeverity = ReasonCode.SeverityOf((ReasonId)id);
                    Reasons.Add(c, ReasonCode.Text((ReasonId)id), reasonSeverity, value[id], threshold[id]);
                    if (reasonSeverity > severity)
                    {
                        severity = reasonSeverity;
                    }
                }
            }

            result.Severity[c] = severity;
            result.ReasonCodes[c] = CodeText(fired);
            result.Dscr[c] = dscr;
            result.Icr[c] = icr;
            result.Leverage[c] = leverage;
            result.CurrentRatio[c] = currentRatio;
            result.AltmanZ[c] = altman;
            result.MaxDpd[c] = maxDpd;
            result.FiveCategory[c] = FiveCategories.Of(maxDpd, severity);
            result.Ifrs9Stage[c] = Ifrs9Stages.Of(maxDpd, severity, significantIncrease);
        }

        private string CodeText(int fired)
        {
            if (!_codeText.TryGetValue(fired, out string? text))
            {
                var codes = new List<string>(ReasonCode.Count);
                for (int id = 0; id < ReasonCode.Count; id++)
                {
                    if ((fired & (1 << id)) != 0)
                    {
                        codes.Add(ReasonCode.Text((ReasonId)id));
                    }
                }

                text = string.Join(';', codes);
                _codeText.Add(fired, text);
            }

            return text;
        }
    }
}
