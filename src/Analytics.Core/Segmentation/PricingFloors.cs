using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Loan rate floors of docs/METHODOLOGY.md §4: the rate at which a loan earns EVA = 0,
/// <c>floor = ftp + [(c + PD·LGD)(1 − t) + h·m·K] / ((1 − t) − h·α)</c>, and the relationship floor that gives back
/// a share of the customer's annualised EVA, never below the direct cost <c>ftp + c + PD·LGD</c>.
/// </summary>
public sealed class PricingFloors
{
    private readonly double _unitCost;
    private readonly double _tax;
    private readonly double _hurdle;
    private readonly double _multiplier;
    private readonly double _lgdLoan;
    private readonly double _standardMaturity;
    private readonly double _yearFraction;
    private readonly double _amount;
    private readonly double _share;

    /// <summary>Fixes the parameters of the run. Throws when <c>(1 − t) − h·α ≤ 0</c>, where no rate can reach EVA = 0.</summary>
    public PricingFloors(EngineConfig config, FtpCurve curve)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(curve);
        _unitCost = config.Pricing.UnitCostRate;
        _tax = config.Capital.TaxRate;
        _hurdle = config.Capital.HurdleRate;
        _multiplier = config.Risk.CapitalMultiplier;
        _lgdLoan = config.Risk.LgdDefault.Loan;
        _standardMaturity = Math.Clamp(config.Pricing.StandardLoanTermYears, 1.0, 5.0);
        _yearFraction = config.YearFraction;
        _amount = config.Pricing.StandardLoanAmount;
        _share = config.Pricing.RelationshipShare;
        StandardFtp = curve.Interpolate(config.Pricing.StandardLoanTermYears) + config.Ftp.LiquidityPremium.Loan;
        Denominator = (1 - _tax) - _hurdle * config.Risk.OpRiskAlpha;
        if (!(Denominator > 0))
        {
            throw new ConfigurationException(
                "capital.tax_rate",
                "capital.tax_rate, capital.hurdle_rate and risk.op_risk_alpha leave no margin for a loan floor: (1 − tax_rate) − hurdle_rate × op_risk_alpha must be above 0.");
        }
    }

    /// <summary><c>ftp(standard term) = interp(curve, standard_loan_term_years) + liquidity_premium.loan</c>.</summary>
    public double StandardFtp { get; }

    /// <summary><c>(1 − t) − h·α</c>, the after-tax share of a rate point left once its operational capital is charged.</summary>
    public double Denominator { get; }

    /// <summary>The EVA-neutral rate for a loan with the given FTP, PD, LGD and IRB K.</summary>
    public double Floor(double ftp, double pd, double lgd, double k) =>
        ftp + ((_unitCost + pd * lgd) * (1 - _tax) + _hurdle * _multiplier * k) / Denominator;

    /// <summary>The customer's loan rate floor: a standard-term loan at the default loan LGD.</summary>
    public double LoanRateFloor(double pd, double annualSalesMillions) =>
        LoanRateFloor(pd, IrbCapital.Obligor(pd, annualSalesMillions));

    /// <summary><see cref="LoanRateFloor(double, double)"/> for an obligor already resolved by <see cref="IrbCapital.Obligor"/>.</summary>
    public double LoanRateFloor(double pd, in IrbObligor obligor) =>
        Floor(StandardFtp, pd, _lgdLoan, IrbCapital.K(obligor, _lgdLoan, _standardMaturity));

    /// <summary><c>cost_floor = ftp(standard term) + c + PD·LGD</c>: the loan's direct cost, the relationship floor's lower bound.</summary>
    public double CostFloor(double pd) => StandardFtp + _unitCost + pd * _lgdLoan;

    /// <summary>
    /// <c>max(cost_floor, floor − s·E / (A·((1 − t) − h·α)))</c> with <c>E = max(0, eva / Y)</c>; <paramref name="loanRateFloor"/>
    /// is the value of <see cref="LoanRateFloor(double, double)"/>.
    /// </summary>
    public double RelationshipFloor(double pd, double loanRateFloor, double eva) =>
        RelationshipFloor(CostFloor(pd), loanRateFloor, eva, _amount);

    /// <summary>
    /// The relationship floor of a loan of <paramref name="amount"/> (reporting currency) whose direct cost is
    /// <paramref name="costFloor"/> and whose EVA-neutral rate is <paramref name="loanRateFloor"/>:
    /// <c>max(cost_floor, floor − s·E / (A·((1 − t) − h·α)))</c> with <c>E = max(0, eva / Y)</c> (the deal quote's form).
    /// </summary>
    public double RelationshipFloor(double costFloor, double loanRateFloor, double eva, double amount)
    {
        double e = Math.Max(0, eva / _yearFraction);
        return Math.Max(costFloor, loanRateFloor - _share * e / (amount * Denominator));
    }

    /// <summary>The floor of an existing loan or overdraft: its own FTP, LGD and (clamped) IRB maturity, the customer's PD and sales.</summary>
    public double AccountFloor(double ftp, double pd, double lgd, double maturityYears, double annualSalesMillions) =>
        AccountFloor(ftp, pd, lgd, maturityYears, IrbCapital.Obligor(pd, annualSalesMillions));

    /// <summary>
    /// <see cref="AccountFloor(double, double, double, double, double)"/> for an obligor already resolved by
    /// <see cref="IrbCapital.Obligor"/>: its normal-distribution terms depend only on PD and sales, so a customer's
    /// loans share them.
    /// </summary>
    public double AccountFloor(double ftp, double pd, double lgd, double maturityYears, in IrbObligor obligor) =>
        Floor(ftp, pd, lgd, IrbCapital.K(obligor, lgd, maturityYears));
}
