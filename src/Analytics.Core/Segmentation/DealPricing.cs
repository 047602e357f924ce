using System.Globalization;
using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using Analytics.Core.Profitability;

namespace Analytics.Core.Segmentation;

/// <summary>
/// The deal quote of docs/METHODOLOGY.md §4.6 — the pricing desk's question "what must this loan pay, and what does
/// it earn at the rate offered?" — for a proposed loan of amount A and term T to one customer. Pure: no I/O, safe to
/// share between threads, so a desk application can hold one per configuration and quote as often as it likes.
/// At <c>pricing.standard_loan_amount</c> and <c>pricing.standard_loan_term_years</c> the floors are bit for bit the
/// <c>loan_rate_floor</c> and <c>relationship_floor</c> of <c>customer_segments</c>.
/// </summary>
public sealed class DealPricing
{
    private readonly EngineConfig _config;
    private readonly FtpCurve _curve;
    private readonly PricingFloors _floors;

    /// <summary>Fixes the run's parameters; throws a <see cref="ConfigurationException"/> when no rate can reach EVA = 0.</summary>
    public DealPricing(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _curve = new FtpCurve(config.Ftp.Curve);
        _floors = new PricingFloors(config, _curve);
    }

    /// <summary><c>ftp(T) = interp(curve, T) + liquidity_premium.loan</c>.</summary>
    public double Ftp(double termYears) => _curve.Interpolate(termYears) + _config.Ftp.LiquidityPremium.Loan;

    /// <summary>
    /// Quotes a loan of <paramref name="amount"/> (reporting currency, &gt; 0) for <paramref name="termYears"/> (&gt; 0)
    /// to a customer with floored PD <paramref name="pd"/>, annual sales <paramref name="annualSalesMillions"/> (EUR
    /// millions, NaN when unknown), period EVA <paramref name="eva"/> and largest days past due
    /// <paramref name="maxDaysPastDue"/>; with <paramref name="rate"/> also the year's figures at that rate.
    /// A customer in default (<see cref="DefaultStatus"/>) gets a refusal instead of floors.
    /// </summary>
    /// <exception cref="UsageException">The amount, term or rate is not a finite number in range.</exception>
    public DealQuote Quote(string customerId, double pd, double annualSalesMillions, double eva, int maxDaysPastDue, double amount, double termYears, double? rate)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        CheckArguments(amount, termYears, rate);
        double lgd = _config.Risk.LgdDefault.Loan;
        double maturity = Math.Clamp(termYears, 1.0, 5.0);
        bool inDefault = DefaultStatus.IsInDefault(pd, maxDaysPastDue);
        if (inDefault)
        {
            return new DealQuote
            {
                CustomerId = customerId,
                PricingStatus = DefaultStatus.DefaultName,
                Refusal = RefusalSentence(customerId, pd, maxDaysPastDue),
                Amount = amount,
                TermYears = termYears,
                Pd = pd,
                MaxDaysPastDue = maxDaysPastDue,
                FtpRate = double.NaN,
                Lgd = lgd,
                Maturity = maturity,
                K = double.NaN,
                RelationshipEva = eva,
                LoanRateFloor = double.NaN,
                CostFloor = double.NaN,
                RelationshipFloor = double.NaN,
                RateForTargetRaroc = double.NaN,
                HurdleRate = _config.Capital.HurdleRate,
            };
        }

        double ftp = Ftp(termYears);
        double k = IrbCapital.K(IrbCapital.Obligor(pd, annualSalesMillions), lgd, maturity);
        double floor = _floors.Floor(ftp, pd, lgd, k);
        double costFloor = ftp + _config.Pricing.UnitCostRate + pd * lgd;
        return new DealQuote
        {
            CustomerId = customerId,
            PricingStatus = DefaultStatus.PricedName,
            Amount = amount,
            TermYears = termYears,
            Pd = pd,
            MaxDaysPastDue = maxDaysPastDue,
            FtpRate = ftp,
            Lgd = lgd,
            Maturity = maturity,
            K = k,
            RelationshipEva = eva,
            LoanRateFloor = floor,
            CostFloor = costFloor,
            RelationshipFloor = _floors.RelationshipFloor(costFloor, floor, eva, amount),
            // RAROC = h is EVA = 0 whenever capital > 0, so the target rate is the floor itself; at the floor revenue is
            // positive whenever c, PD·LGD or K is, i.e. always with a positive pd_floor (docs/METHODOLOGY.md §4.6).
            RateForTargetRaroc = floor,
            HurdleRate = _config.Capital.HurdleRate,
            AtRate = rate is double r ? AtRate(r, amount, ftp, pd, lgd, k) : null,
        };
    }

    /// <summary>One year of the loan at rate <paramref name="rate"/>.</summary>
    public DealAtRate AtRate(double rate, double amount, double ftp, double pd, double lgd, double k)
    {
        double t = _config.Capital.TaxRate, h = _config.Capital.HurdleRate;
        double revenue = amount * (rate - ftp);
        double cost = _config.Pricing.UnitCostRate * amount;
        double expectedLoss = pd * lgd * amount;
        double nopat = (revenue - cost - expectedLoss) * (1 - t);
        double capital = _config.Risk.CapitalMultiplier * k * amount + _config.Risk.OpRiskAlpha * Math.Max(0, revenue);
        double eva = nopat - h * capital;
        double raroc = capital > 0 ? nopat / capital : double.NaN;
        return new DealAtRate(rate, revenue, cost, expectedLoss, capital, nopat, eva, raroc);
    }

    /// <summary>The sentence a customer in default gets instead of a quote.</summary>
    public static string RefusalSentence(string customerId, double pd, int maxDaysPastDue)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        string why = maxDaysPastDue > DefaultStatus.DaysPastDueThreshold
            ? string.Create(CultureInfo.InvariantCulture, $"an account is {maxDaysPastDue} days past due (more than {DefaultStatus.DaysPastDueThreshold})")
            : "its PD is 1";
        return $"Customer '{customerId}' is in default ({why}), so it gets no quote: a new loan to a defaulted borrower is a workout decision, not a pricing one.";
    }

    /// <summary>Checks a quote's arguments: a positive finite amount, a term in (0, 100] years, a rate in [−1, 1].</summary>
    /// <exception cref="UsageException">One of them is out of range; the message names the flag and gives an example.</exception>
    public static void CheckArguments(double amount, double termYears, double? rate)
    {
        if (!double.IsFinite(amount) || amount <= 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--amount {amount} is not a loan amount; give a positive number in the reporting currency, e.g. 1000000."));
        }

        if (!double.IsFinite(termYears) || termYears <= 0 || termYears > 100)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--term-years {termYears} is not a loan term; give a positive number of years up to 100, e.g. 1 or 0.5."));
        }

        if (rate is double r && (!double.IsFinite(r) || r > 1 || r < -1))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rate {r} is not an annual rate; rates are fractions, e.g. 0.045 for 4.5 %."));
        }
    }
}
