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
        var evaluators = new RangeEvaluator[Math.Max(1, ranges)];
        CustomerPartitions.Run(customers, ranges, threads, (range, from, to) =>
        {
            var evaluator = evaluators[range] = new RangeEvaluator(data, config);
            for (int c = from; c < to; c++)
            {
                evaluator.Evaluate(c, result);
            }
        });

        var reasons = evaluators[0]?.Reasons ?? new EarlyWarningReasonTable.Builder();
        var notices = evaluators[0]?.Notices ?? new MaturityNoticeTable.Builder();
        for (int r = 1; r < evaluators.Length; r++)
        {
            reasons.Append(evaluators[r].Reasons);
            notices.Append(evaluators[r].Notices);
        }

        result.Reasons = reasons.Build();
        result.MaturityNotices = notices.Build();
        return result;
    }

    /// <summary>
    /// Evaluates the customers of one range on one worker: holds the facts buffer, the reason definitions in id order,
    /// the reason-list text cache and the range's reason and notice rows.
    /// </summary>
    private sealed class RangeEvaluator
    {
        private readonly AccountTable _accounts;
        private readonly EarlyWarningConfig _thresholds;
        private readonly int _asOfDay;
        private readonly int _noticeEndDay;
        private readonly CustomerFacts _facts;
        private readonly ReasonDefinition[] _reasons = ReasonCode.InIdOrder();
        private readonly ReasonListText _codeText = new();

        public RangeEvaluator(PortfolioData data, EngineConfig config)
        {
            _accounts = data.Accounts;
            _thresholds = config.EarlyWarning;
            _asOfDay = config.AsOf.DayNumber;
            _noticeEndDay = _asOfDay + _thresholds.MaturityNoticeDays;
            _facts = new CustomerFacts(data, config);
        }

        public EarlyWarningReasonTable.Builder Reasons { get; } = new();

        public MaturityNoticeTable.Builder Notices { get; } = new();

        public void Evaluate(int c, EarlyWarningResult result)
        {
            _facts.Read(c);
            (Severity severity, string codes) = ApplyReasons(c);
            AddMaturityNotices(c);

            CustomerFacts f = _facts;
            result.Severity[c] = severity;
            result.ReasonCodes[c] = codes;
            result.Dscr[c] = f.Dscr;
            result.Icr[c] = f.Icr;
            result.Leverage[c] = f.Leverage;
            result.CurrentRatio[c] = f.CurrentRatio;
            result.AltmanZ[c] = f.AltmanZ;
            result.MaxDpd[c] = f.MaxDpd;
            result.FiveCategory[c] = FiveCategories.Of(f.MaxDpd, severity);
            result.Ifrs9Stage[c] = Ifrs9Stages.Of(f.MaxDpd, severity, f.SignificantIncrease);
        }

        // Rules run in id order, which is the ordinal order of the codes, so the rows and the ';'-joined list come out
        // sorted with no sort. The severity is the worst fired reason's.
        private (Severity Severity, string Codes) ApplyReasons(int c)
        {
            Severity severity = Severity.None;
            ReasonListText.Node list = _codeText.Empty;
            for (int id = 0; id < _reasons.Length; id++)
            {
                ReasonDefinition reason = _reasons[id];
                ReasonEvidence evidence = reason.Rule(_facts, _thresholds);
                if (!evidence.Fired)
                {
                    continue;
                }

                Reasons.Add(c, reason.Code, reason.Severity, evidence.Value, evidence.Threshold);
                list = list.Then(id, reason.Code);
                if (reason.Severity > severity)
                {
                    severity = reason.Severity;
                }
            }

            return (severity, list.Text);
        }

        // Loans maturing in (as_of, as_of + maturity_notice_days].
        private void AddMaturityNotices(int c)
        {
            for (int a = _accounts.CustomerStart[c]; a < _accounts.CustomerStart[c + 1]; a++)
            {
                int maturity = _accounts.MaturityDate[a];
                if (_accounts.Type[a] == ProductType.Loan && maturity != AccountTable.NoDate && maturity > _asOfDay
                    && maturity <= _noticeEndDay)
                {
                    Notices.Add(c, a, maturity, _accounts.EndBalance[a] + _accounts.InterestArrears[a]);
                }
            }
        }
    }
}
