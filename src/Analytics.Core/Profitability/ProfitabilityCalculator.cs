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
internal static class ProfitabilityCalculator
{
    /// <summary>Computes every §3 figure for every customer, contribution score included.</summary>
    /// <exception cref="DataQualityException">A figure overflowed to ±Infinity or became NaN.</exception>
    public static ProfitabilityResult Compute(PortfolioData data, EngineConfig config) => Compute(data, config, threads: 1);

    /// <summary>
    /// Computes every §3 figure for every customer, contribution score included, with the per-customer work split
    /// into customer ranges on up to <paramref name="threads"/> threads (0 = all cores). Identical for any thread count.
    /// </summary>
    /// <exception cref="DataQualityException">A figure overflowed to ±Infinity or became NaN (the lowest such customer is
    /// named).</exception>
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
    public static void ComputeCustomers(PortfolioData data, EngineConfig config, ProfitabilityResult result, int fromCustomer,
        int toCustomer)
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
        ContributionScore.Compute(result.Eva, result.Revenue, result.ProductsHeld, result.DepositBalance, config.Score,
            result.ContributionScore);
    }

    /// <summary>One customer's account sums (docs/METHODOLOGY.md §3.1–§3.5), added account by account.</summary>
    private struct AccountSums
    {
        public double Nii, Ead, El, CreditCapital, Cost, Deposits, Lending;
        public int ProductMask;
    }

    /// <summary>One customer's figures after its accounts (docs/METHODOLOGY.md §3.3–§3.7).</summary>
    private struct CustomerFigures
    {
        public double Fee, Cross, Cost, Revenue, OpCapital, PreTax, Nopat, Capital, Charge, Eva, Raroc;
    }

    private static void ComputeCustomer(PortfolioData data, RunParameters run, ProfitabilityResult result, int c)
    {
        // Math.Max propagates NaN, so a NaN PD reaches the figure check below instead of being floored away.
        double pd = Math.Max(data.Customers.Pd[c], run.PdFloor);
        IrbObligor obligor = IrbCapital.Obligor(pd, data.Customers.AnnualSales[c]);

        var sums = default(AccountSums);
        AccountTable accounts = data.Accounts;
        int end = accounts.CustomerStart[c + 1];
        for (int a = accounts.CustomerStart[c]; a < end; a++)
        {
            ComputeAccount(data, run, result, c, a, pd, obligor, ref sums);
        }

        CustomerFigures f = CustomerLevel(data.Activity, run, c, in sums);
        if (FirstNonFinite(in sums, in f) is { } bad)
        {
            throw Overflow(bad, data, run, c);
        }

        Store(result, c, pd, in sums, in f,
            BitOperations.PopCount((uint)sums.ProductMask) + data.Activity.FeeTypesHeld[c] + data.Activity.ProductLinesHeld[c]);
    }

    /// <summary>One account's FTP, NII, EAD, EL and credit capital (docs/METHODOLOGY.md §3.1, §3.2, §3.5), stored and summed.</summary>
    private static void ComputeAccount(PortfolioData data, RunParameters run, ProfitabilityResult result, int c, int a, double pd,
        IrbObligor obligor, ref AccountSums sums)
    {
        AccountTable accounts = data.Accounts;
        double y = run.Y;
        ProductType type = accounts.Type[a];
        int t = (int)type;
        double ftp = run.Curve.AccountRate(accounts.FtpRate[a], accounts.OpenDate[a], accounts.MaturityDate[a], run.LiquidityPremium[t],
            run.NonMaturityTerm[t]);
        double avg = accounts.AverageBalance[a];
        double accountNii, accountEad;
        switch (type)
        {
            case ProductType.Loan:
            case ProductType.Overdraft:
                accountNii = avg * (accounts.ClientRate[a] - ftp) * y;
                accountEad = accounts.EndBalance[a] + run.Ccf[t] * Math.Max(0, accounts.Limit[a] - accounts.EndBalance[a]);
                sums.Lending += avg;
                break;
            case ProductType.Deposit:
                accountNii = avg * (ftp - accounts.ClientRate[a]) * y;
                accountEad = 0;
                sums.Deposits += avg;
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

        sums.Nii += accountNii;
        sums.Ead += accountEad;
        sums.El += accountEl;
        sums.CreditCapital += accountCapital;
        sums.Cost += run.PerAccount[t];
        sums.ProductMask |= 1 << t;
    }

    /// <summary>
    /// Fees, cost, revenue, capital, NOPAT, EVA and RAROC of customer <paramref name="c"/> (docs/METHODOLOGY.md §3.3–§3.7).
    /// </summary>
    private static CustomerFigures CustomerLevel(ActivityAggregates activity, RunParameters run, int c, in AccountSums sums)
    {
        double y = run.Y;
        var f = default(CustomerFigures);
        f.Fee = ExactSum.ToDouble(activity.FeeIncome[c]);
        f.Cross = ExactSum.ToDouble(activity.CrossSellRevenue[c]);
        f.Cost = run.PerCustomer + sums.Cost + run.PerFeeTransaction * activity.FeeRows[c]
            + run.PerCrossSaleUnit * activity.CrossSellUnits[c];
        f.Revenue = sums.Nii + f.Fee + f.Cross;
        f.OpCapital = run.OpRiskAlpha * Math.Max(0, f.Revenue / y);
        f.PreTax = f.Revenue - f.Cost - sums.El;
        f.Nopat = f.PreTax * (1 - run.TaxRate);
        f.Capital = sums.CreditCapital + f.OpCapital;
        f.Charge = run.HurdleRate * f.Capital * y;
        f.Eva = f.Nopat - f.Charge;
        f.Raroc = f.Capital == 0 ? double.NaN : f.Nopat / y / f.Capital;
        return f;
    }

    /// <summary>
    /// The first customer figure that is not finite, by its output column name, or null. Every account figure is summed
    /// into one of these, and a sum with a non-finite term is non-finite, so checking the customer figures also covers the
    /// accounts.
    /// </summary>
    private static string? FirstNonFinite(in AccountSums s, in CustomerFigures f) =>
        !double.IsFinite(s.Nii) ? "nii" :
        !double.IsFinite(f.Fee) ? "fee_income" :
        !double.IsFinite(f.Cross) ? "cross_sell_revenue" :
        !double.IsFinite(f.Revenue) ? "revenue" :
        !double.IsFinite(f.Cost) ? "operating_cost" :
        !double.IsFinite(s.El) ? "expected_loss" :
        !double.IsFinite(s.Ead) ? "ead" :
        !double.IsFinite(s.CreditCapital) ? "credit_capital" :
        !double.IsFinite(f.OpCapital) ? "op_capital" :
        !double.IsFinite(f.Capital) ? "capital" :
        !double.IsFinite(f.Charge) ? "capital_charge" :
        !double.IsFinite(f.PreTax) ? "pre_tax_profit" :
        !double.IsFinite(f.Nopat) ? "nopat" :
        !double.IsFinite(f.Eva) ? "eva" :
        f.Capital != 0 && !double.IsFinite(f.Raroc) ? "raroc" :
        !double.IsFinite(s.Deposits) ? "deposit_balance" :
        !double.IsFinite(s.Lending) ? "lending_balance" :
        null;

    private static void Store(ProfitabilityResult result, int c, double pd, in AccountSums s, in CustomerFigures f, int productsHeld)
    {
        result.Pd[c] = pd;
        result.Nii[c] = s.Nii;
        result.FeeIncome[c] = f.Fee;
        result.CrossSellRevenue[c] = f.Cross;
        result.Revenue[c] = f.Revenue;
        result.OperatingCost[c] = f.Cost;
        result.ExpectedLoss[c] = s.El;
        result.Ead[c] = s.Ead;
        result.CreditCapital[c] = s.CreditCapital;
        result.OpCapital[c] = f.OpCapital;
        result.Capital[c] = f.Capital;
        result.CapitalCharge[c] = f.Charge;
        result.PreTaxProfit[c] = f.PreTax;
        result.Nopat[c] = f.Nopat;
        result.Eva[c] = f.Eva;
        result.Raroc[c] = f.Raroc;
        result.ProductsHeld[c] = productsHeld;
        result.DepositBalance[c] = s.Deposits;
        result.LendingBalance[c] = s.Lending;
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
