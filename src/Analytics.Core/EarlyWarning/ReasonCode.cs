namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The early-warning reason codes of docs/METHODOLOGY.md §5, as they appear in <c>early_warnings.reason_codes</c> and
/// <c>early_warning_reasons.reason_code</c>.
/// </summary>
public static class ReasonCode
{
    /// <summary>Altman Z'' below <c>altman_distress</c> (warning).</summary>
    public const string AltmanDistress = "ALTMAN_DISTRESS";
    /// <summary>Altman Z'' in [<c>altman_distress</c>, <c>altman_grey</c>) (watch).</summary>
    public const string AltmanGrey = "ALTMAN_GREY";
    /// <summary>Latest current ratio below <c>current_ratio_min</c> (warning).</summary>
    public const string CurrentRatioLow = "CURRENT_RATIO_LOW";
    /// <summary>Deposit balances fell by at least <c>deposit_outflow</c> against the prior period (watch).</summary>
    public const string DepositOutflow = "DEPOSIT_OUTFLOW";
    /// <summary>Max days past due above 0 (watch).</summary>
    public const string Dpd1 = "DPD_1";
    /// <summary>Max days past due above 30 (warning).</summary>
    public const string Dpd30 = "DPD_30";
    /// <summary>Max days past due above 90 (critical).</summary>
    public const string Dpd90 = "DPD_90";
    /// <summary>DSCR trending down by at least <c>trend_decline</c> (watch).</summary>
    public const string DscrDeclining = "DSCR_DECLINING";
    /// <summary>Latest DSCR below <c>dscr_min</c> (warning).</summary>
    public const string DscrLow = "DSCR_LOW";
    /// <summary>Loan and overdraft utilisation at or above <c>utilization_max</c> (watch).</summary>
    public const string HighUtilization = "HIGH_UTILIZATION";
    /// <summary>Latest ICR below <c>icr_min</c> (warning).</summary>
    public const string IcrLow = "ICR_LOW";
    /// <summary>Overdue interest outstanding (warning).</summary>
    public const string InterestArrears = "INTEREST_ARREARS";
    /// <summary>Latest leverage above <c>leverage_max</c> (warning).</summary>
    public const string LeverageHigh = "LEVERAGE_HIGH";
    /// <summary>Leverage trending up by at least <c>trend_decline</c> (watch).</summary>
    public const string LeverageRising = "LEVERAGE_RISING";
    /// <summary>Latest EBITDA at or below zero (warning).</summary>
    public const string NegativeEbitda = "NEGATIVE_EBITDA";
    /// <summary>Revenue trending down by at least <c>trend_decline</c> (watch).</summary>
    public const string RevenueDeclining = "REVENUE_DECLINING";
    /// <summary>A borrower without a statement dated within <c>stale_months</c> of as_of (watch).</summary>
    public const string StaleFinancials = "STALE_FINANCIALS";

    /// <summary>Number of reason codes.</summary>
    public const int Count = 17;

    // Indexed by ReasonId. Kept in ordinal order of the text so that walking a customer's fired reasons by id
    // yields them already sorted as docs/METHODOLOGY.md §6 requires, with no per-customer sort.
    private static readonly string[] Codes =
    [
        AltmanDistress, AltmanGrey, CurrentRatioLow, DepositOutflow, Dpd1, Dpd30, Dpd90, DscrDeclining, DscrLow,
        HighUtilization, IcrLow, InterestArrears, LeverageHigh, LeverageRising, NegativeEbitda, RevenueDeclining,
        StaleFinancials,
    ];

    private static readonly Severity[] Severities =
    [
        Severity.Warning, Severity.Watch, Severity.Warning, Severity.Watch, Severity.Watch, Severity.Warning,
        Severity.Critical, Severity.Watch, Severity.Warning, Severity.Watch, Severity.Warning, Severity.Warning,
        Severity.Warning, Severity.Watch, Severity.Warning, Severity.Watch, Severity.Watch,
    ];

    /// <summary>Every code, in ordinal (<see cref="StringComparer.Ordinal"/>) order.</summary>
    public static IReadOnlyList<string> All => Codes;

    /// <summary>The severity docs/METHODOLOGY.md §5 assigns to <paramref name="code"/>.</summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="All"/>.</exception>
    public static Severity SeverityOf(string code)
    {
        int index = Array.IndexOf(Codes, code);
        if (index < 0)
        {
            throw new ArgumentException($"'{code}' is not an early-warning reason code.", nameof(code));
        }

        return Severities[index];
    }

    internal static string Text(ReasonId id) => Codes[(int)id];

    internal static Severity SeverityOf(ReasonId id) => Severities[(int)id];
}

/// <summary>Dense index of a reason code, in the ordinal order of its text (see <see cref="ReasonCode.All"/>).</summary>
internal enum ReasonId
{
    AltmanDistress,
    AltmanGrey,
    CurrentRatioLow,
    DepositOutflow,
    Dpd1,
    Dpd30,
    Dpd90,
    DscrDeclining,
    DscrLow,
    HighUtilization,
    IcrLow,
    InterestArrears,
    LeverageHigh,
    LeverageRising,
    NegativeEbitda,
    RevenueDeclining,
    StaleFinancials,
}
