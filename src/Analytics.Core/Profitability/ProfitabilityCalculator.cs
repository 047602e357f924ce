using System.Globalization;
using System.Numerics;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.Core.Numerics;
using Analytics.Core.Parallelism;

namespace Analytics.Core.Profitability;

/// <summary>
/// docs/METHODOLOGY.md §3: per-account FTP, NII, EAD, EL and IRB capital, summed per customer in account order, then
/// revenue, cost, capital, EVA, RAROC and the contribution score.
/// </summary>
/// <remarks>
/// Per-customer work reads only that customer's rows, so customers may be split into ranges and computed on
/// different threads with <see cref="ComputeCustomers"/>; the only global step is
/// <see cref="ApplyContributionScore"/>, which must run after every range is done. Sums run in the
/// <see cref="AccountTable"/> order, which is fixed by (customer, account_id), so results do not depend on input order.
/// </remarks>
public static class ProfitabilityCalculator
{
    /// <summary>Computes every §3 figure for every customer, contribution score included.</summary>
    /// <exception cref="DataQualityException">A figure overflowed to ±Infinity or became NaN.</exception>
    public static ProfitabilityResult Compute(PortfolioData data, EngineConfig config) => Compute(data, config, threads: 1);

    /// <summary>
    /// Computes every §3 figure for every customer, contribution score included, with the per-customer work split
    /// into customer ranges on up to <paramref name="threads"/> threads (0 = all cores). Identical for any thread count.
    /// </summary>
    /// <exception cref="DataQualityException">A figure overflowed to ±Infinity or became NaN (the lowest such customer is named).</exception>
    public static ProfitabilityResult Compute(PortfolioData data, EngineConfig config, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        var result = ComputeFigures(data, config, threads);
        ApplyContributionScore(result, config);
        return result;
    }

    /// <summary>
    /// Every §3 figure but the contribution score (which ranks the whole portfolio), over customer ranges on up to
    /// <paramref name="threads"/> threads: what the kernel needs before it can start clustering.
    /// </summary>
    internal static ProfitabilityResult ComputeFigures(PortfolioData data, EngineConfig config, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        int n = data.Customers.Count;
        var result = new ProfitabilityResult(n, data.Accounts.Count);
        CustomerPartitions.Run(n, CustomerPartitions.RangeCount(n, threads), threads,
            (_, from, to) => ComputeCustomers(data, config, result, from, to));
        return result;
    }

    /// <summary>
    /// Fills every per-customer and per-account column except <see cref="ProfitabilityResult.ContributionScore"/>
    /// for customers <c>[fromCustomer, toCustomer)</c>. Ranges may run concurrently on one result when they do not overlap.
    /// </summary>
    /// <exception cref="DataQualityException">A figure overflowed to ±Infinity or became NaN.</exception>
    public static void ComputeCustomers(PortfolioData data, EngineConfig config, ProfitabilityResult result, int fromCustomer, int toCustomer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);
        if (result.CustomerCount != data.Customers.Count || result.AccountNii.Length != data.Accounts.Count)
        {
            throw new ArgumentException("The result was not sized for this portfolio.", nameof(result));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(fromCustomer);
        ArgumentOutOfRangeException.ThrowIfLessThan(toCustomer, fromCustomer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toCustomer, data.Customers.Count);

        var run = new RunParameters(config);
        for (int c = fromCustomer; c < toCustomer; c++)
        {
            ComputeCustomer(data, run, result, c);
        }
    }

    /// <summary>Ranks all customers and fills <see cref="ProfitabilityResult.ContributionScore"/> (§3.11).</summary>
    public static void ApplyContributionScore(ProfitabilityResult result, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        ContributionScore.Compute(result.Eva, result.Revenue, result.ProductsHeld, result.DepositBalance, config.Score, result.ContributionScore);
    }

    private static void ComputeCustomer(PortfolioData data, RunParameters run, ProfitabilityResult result, int c)
    {
        AccountTable accounts = data.Accounts;
        double y = run.Y;
        // Math.Max propagates NaN, so a NaN PD reaches the figure check below instead of being floored away.
        double pd = Math.Max(data.Customers.Pd[c], run.PdFloor);

        IrbObligor obligor = IrbCapital.Obligor(pd, data.Customers.AnnualSales[c]);

        double nii = 0, ead = 0, el = 0, creditCapital = 0, accountCost = 0, deposits = 0, lending = 0;
        int productMask = 0;
        int end = accounts.CustomerStart[c + 1];
        for (int a = accounts.CustomerStart[c]; a < end; a++)
        {
            ProductType type = accounts.Type[a];
            int t = (int)type;
            double ftp = run.Curve.AccountRate(accounts.FtpRate[a], accounts.OpenDate[a], accounts.MaturityDate[a], run.LiquidityPremium[t], run.NonMaturityTerm[t]);
            double avg = accounts.AverageBalance[a];
            double accountNii, accountEad;
            switch (type)
            {
                case ProductType.Loan:
                case ProductType.Overdraft:
                    accountNii = avg * (accounts.ClientRate[a] - ftp) * y;
                    accountEad = accounts.EndBalance[a] + run.Ccf[t] * Math.Max(0, accounts.Limit[a] - accounts.EndBalance[a]);
                    lending += avg;
                    break;
                case ProductType.Deposit:
                    accountNii = avg * (ftp - accounts.ClientRate[a]) * y;
                    accountEad = 0;
                    deposits += avg;
                    break;
                default:
                    // Guarantee: the commission arrives as fees; the exposure is the converted notional.
                    accountNii = 0;
                    accountEad = run.Ccf[t] * accounts.Limit[a];
                    break;
            }

            double lgd = 0, maturity = 0, accountEl = 0, accountCapital = 0;
            if (type != ProductType.Deposit)
            {
                lgd = double.IsNaN(accounts.Lgd[a]) ? run.LgdDefault[t] : accounts.Lgd[a];
                maturity = IrbCapital.EffectiveMaturity(run.AsOfDay, accounts.MaturityDate[a], run.MaturityDefaultYears);
                accountEl = pd * lgd * accountEad * y;
                accountCapital = run.CapitalMultiplier * IrbCapital.K(obligor, lgd, maturity) * accountEad;
            }

            if (!double.IsFinite(ftp))
            {
                // The only account figure not summed into a customer figure for every product (guarantees).
                throw Overflow("ftp_rate", data, run, c);
            }

            result.AccountFtpRate[a] = ftp;
            result.AccountNii[a] = accountNii;
            result.AccountEad[a] = accountEad;
            result.AccountLgd[a] = lgd;
            result.AccountMaturityYears[a] = maturity;
            result.AccountExpectedLoss[a] = accountEl;
            result.AccountCreditCapital[a] = accountCapital;

            nii += accountNii;
            ead += accountEad;
            el += accountEl;
            creditCapital += accountCapital;
            accountCost += run.PerAccount[t];
            productMask |= 1 << t;
        }

        ActivityAggregates activity = data.Activity;
        double fee = ExactSum.ToDouble(activity.FeeIncome[c]);
        double cross = ExactSum.ToDouble(activity.CrossSellRevenue[c]);
        double cost = run.PerCustomer + accountCost + run.PerFeeTransaction * activity.FeeRows[c] + run.PerCrossSaleUnit * activity.CrossSellUnits[c];
        double revenue = nii + fee + cross;
        double opCapital = run.OpRiskAlpha * Math.Max(0, revenue / y);
        double preTax = revenue - cost - el;
        double nopat = preTax * (1 - run.TaxRate);
        double capital = creditCapital + opCapital;
        double charge = run.HurdleRate * capital * y;
        double eva = nopat - charge;
        double raroc = capital == 0 ? double.NaN : nopat / y / capital;

        // Every account figure is summed into one of these, and a sum with a non-finite term is non-finite,
        // so checking the customer figures also covers the accounts.
        string? bad =
            !double.IsFinite(nii) ? "nii" :
            !double.IsFinite(fee) ? "fee_income" :
            !double.IsFinite(cross) ? "cross_sell_revenue" :
            !double.IsFinite(revenue) ? "revenue" :
            !double.IsFinite(cost) ? "operating_cost" :
            !double.IsFinite(el) ? "expected_loss" :
            !double.IsFinite(ead) ? "ead" :
            !double.IsFinite(creditCapital) ? "credit_capital" :
            !double.IsFinite(opCapital) ? "op_capital" :
            !double.IsFinite(capital) ? "capital" :
            !double.IsFinite(charge) ? "capital_charge" :
            !double.IsFinite(preTax) ? "pre_tax_profit" :
            !double.IsFinite(nopat) ? "nopat" :
            !double.IsFinite(eva) ? "eva" :
            capital != 0 && !double.IsFinite(raroc) ? "raroc" :
            !double.IsFinite(deposits) ? "deposit_balance" :
            !double.IsFinite(lending) ? "lending_balance" :
            null;
        if (bad is not null)
        {
            throw Overflow(bad, data, run, c);
        }

        result.Pd[c] = pd;
        result.Nii[c] = nii;
        result.FeeIncome[c] = fee;
        result.CrossSellRevenue[c] = cross;
        result.Revenue[c] = revenue;
        result.OperatingCost[c] = cost;
        result.ExpectedLoss[c] = el;
        result.Ead[c] = ead;
        result.CreditCapital[c] = creditCapital;
        result.OpCapital[c] = opCapital;
        result.Capital[c] = capital;
        result.CapitalCharge[c] = charge;
        result.PreTaxProfit[c] = preTax;
        result.Nopat[c] = nopat;
        result.Eva[c] = eva;
        result.Raroc[c] = raroc;
        result.ProductsHeld[c] = BitOperations.PopCount((uint)productMask) + activity.FeeTypesHeld[c] + activity.ProductLinesHeld[c];
        result.DepositBalance[c] = deposits;
        result.LendingBalance[c] = lending;
    }

    private static DataQualityException Overflow(string figure, PortfolioData data, RunParameters run, int c)
    {
        // customer_id identifies the row for the analyst; it is left out if the bank lists it as confidential (§7).
        string who = run.CustomerIdConfidential
            ? string.Create(CultureInfo.InvariantCulture, $"customer index {c}")
            : string.Create(CultureInfo.InvariantCulture, $"customer index {c} (customer_id {data.Customers.Ids[c]})");
        return new DataQualityException($"A figure overflowed: {figure} for {who}; check the input magnitudes.");
    }

    /// <summary>Configuration flattened once per call so that the account loop indexes arrays by product.</summary>
    private sealed class RunParameters
    {
        public RunParameters(EngineConfig config)
        {
            Curve = new FtpCurve(config.Ftp.Curve);
            Y = config.YearFraction;
            AsOfDay = config.AsOf.DayNumber;
            PdFloor = config.Risk.PdFloor;
            MaturityDefaultYears = config.Risk.MaturityDefaultYears;
            CapitalMultiplier = config.Risk.CapitalMultiplier;
            OpRiskAlpha = config.Risk.OpRiskAlpha;
            TaxRate = config.Capital.TaxRate;
            HurdleRate = config.Capital.HurdleRate;
            PerCustomer = config.Costs.PerCustomer;
            PerFeeTransaction = config.Costs.PerFeeTransaction;
            PerCrossSaleUnit = config.Costs.PerCrossSaleUnit;
            LiquidityPremium = ByProduct(config.Ftp.LiquidityPremium);
            NonMaturityTerm = ByProduct(config.Ftp.NonMaturityTermYears);
            PerAccount = ByProduct(config.Costs.PerAccount);
            LgdDefault = ByProduct(config.Risk.LgdDefault);
            Ccf = ByProduct(config.Risk.Ccf);
            CustomerIdConfidential = config.IsConfidential("customer_id");
        }

        public FtpCurve Curve { get; }
        public double Y { get; }
        public int AsOfDay { get; }
        public double PdFloor { get; }
        public double MaturityDefaultYears { get; }
        public double CapitalMultiplier { get; }
        public double OpRiskAlpha { get; }
        public double TaxRate { get; }
        public double HurdleRate { get; }
        public double PerCustomer { get; }
        public double PerFeeTransaction { get; }
        public double PerCrossSaleUnit { get; }
        public double[] LiquidityPremium { get; }
        public double[] NonMaturityTerm { get; }
        public double[] PerAccount { get; }
        public double[] LgdDefault { get; }
        public double[] Ccf { get; }
        public bool CustomerIdConfidential { get; }

        private static double[] ByProduct(ProductMap map)
        {
            var values = new double[ProductTypes.Count];
            foreach (ProductType type in ProductTypes.All)
            {
                values[(int)type] = map[type];
            }

            return values;
        }
    }
}
