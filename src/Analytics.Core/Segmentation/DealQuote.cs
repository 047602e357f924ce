namespace Analytics.Core.Segmentation;

/// <summary>
/// The pricing desk's answer for one proposed loan (docs/METHODOLOGY.md §4.6): what it must pay, and, when a rate was
/// offered, what it earns at that rate over one year. Rates are annual decimal fractions, money is in the reporting
/// currency. A customer in default gets no quote: <see cref="InDefault"/> is true, the rates are NaN and
/// <see cref="Refusal"/> says why.
/// </summary>
public sealed record DealQuote
{
    /// <summary>The customer quoted.</summary>
    public required string CustomerId { get; init; }

    /// <summary><c>priced</c>, or <c>default</c> for a customer in default (<see cref="DefaultStatus"/>).</summary>
    public required string PricingStatus { get; init; }

    /// <summary>True when the customer is in default and gets no quote.</summary>
    public bool InDefault => PricingStatus == DefaultStatus.DefaultName;

    /// <summary>One sentence saying why a customer in default gets no quote; null for a priced customer.</summary>
    public string? Refusal { get; init; }

    /// <summary>Loan amount A.</summary>
    public required double Amount { get; init; }

    /// <summary>Loan term T in years.</summary>
    public required double TermYears { get; init; }

    /// <summary>The customer's PD after the null default and <c>risk.pd_floor</c>.</summary>
    public required double Pd { get; init; }

    /// <summary>Days past due the default test saw: the largest over the customer's accounts.</summary>
    public required int MaxDaysPastDue { get; init; }

    /// <summary><c>ftp(T) = interp(curve, T) + liquidity_premium.loan</c>; NaN in default.</summary>
    public required double FtpRate { get; init; }

    /// <summary><c>lgd_default.loan</c>.</summary>
    public required double Lgd { get; init; }

    /// <summary>IRB effective maturity: T clamped to [1, 5].</summary>
    public required double Maturity { get; init; }

    /// <summary>IRB capital requirement K per unit of exposure at the customer's PD, LGD and M; NaN in default.</summary>
    public required double K { get; init; }

    /// <summary>The customer's EVA over the run's period (the relationship floor gives a share of it back).</summary>
    public required double RelationshipEva { get; init; }

    /// <summary><c>floor(T)</c>: the rate at which the loan earns EVA = 0; NaN in default.</summary>
    public required double LoanRateFloor { get; init; }

    /// <summary><c>ftp(T) + c + PD·LGD</c>: the loan's direct cost, the relationship floor's lower bound; NaN in default.</summary>
    public required double CostFloor { get; init; }

    /// <summary><c>relationship_floor(A, T)</c>; NaN in default.</summary>
    public required double RelationshipFloor { get; init; }

    /// <summary>The rate at which RAROC equals the hurdle rate (= <see cref="LoanRateFloor"/>); NaN in default.</summary>
    public required double RateForTargetRaroc { get; init; }

    /// <summary>The hurdle rate h the quote is measured against.</summary>
    public required double HurdleRate { get; init; }

    /// <summary>The figures at the offered rate; null when no rate was given or the customer is in default.</summary>
    public DealAtRate? AtRate { get; init; }
}

/// <summary>
/// One year of a proposed loan at an offered rate r (docs/METHODOLOGY.md §4.6): <c>revenue = A·(r − ftp(T))</c>,
/// <c>cost = c·A</c>, <c>EL = PD·LGD·A</c>, <c>nopat = (revenue − cost − EL)·(1 − t)</c>,
/// <c>capital = m·K·A + α·max(0, revenue)</c>, <c>EVA = nopat − h·capital</c>, <c>RAROC = nopat / capital</c>.
/// </summary>
/// <param name="Rate">The offered rate r.</param>
/// <param name="Revenue">Net interest income over FTP for one year.</param>
/// <param name="OperatingCost">Unit cost rate × amount.</param>
/// <param name="ExpectedLoss">PD × LGD × amount.</param>
/// <param name="Capital">Credit capital m·K·A plus operational capital α·max(0, revenue).</param>
/// <param name="Nopat">Pre-tax profit after tax.</param>
/// <param name="Eva">NOPAT less the hurdle charge on capital.</param>
/// <param name="Raroc">NOPAT / capital; NaN when capital is 0.</param>
public sealed record DealAtRate(
    double Rate, double Revenue, double OperatingCost, double ExpectedLoss, double Capital, double Nopat, double Eva, double Raroc);
