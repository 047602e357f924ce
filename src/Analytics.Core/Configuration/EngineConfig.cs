namespace Analytics.Core.Configuration;

/// <summary>
/// The whole run configuration of docs/METHODOLOGY.md §2. Every property except <see cref="AsOf"/>, <see cref="Period"/>
/// and <see cref="PricingConfig.Grid"/> has a default equal to the documented example file (docs/config.example.yaml).
/// Instances are validated by the loader; the core trusts them.
/// </summary>
public sealed record EngineConfig
{
    /// <summary>The date the run is as of (<c>as_of</c>).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The scored period (<c>period</c>), both ends inclusive.</summary>
    public required ReportingPeriod Period { get; init; }

    /// <summary>ISO 4217 code every amount is converted to (<c>reporting_currency</c>, default <c>CNY</c>).</summary>
    public string ReportingCurrency { get; init; } = "CNY";

    /// <summary>Reporting-currency units per one unit of each foreign currency (<c>fx_rates</c>, default empty).</summary>
    public IReadOnlyDictionary<string, double> FxRates { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Funds transfer pricing (<c>ftp</c>).</summary>
    public FtpConfig Ftp { get; init; } = new();

    /// <summary>Activity-based costs per period (<c>costs</c>).</summary>
    public CostConfig Costs { get; init; } = new();

    /// <summary>Credit and operational risk parameters (<c>risk</c>).</summary>
    public RiskConfig Risk { get; init; } = new();

    /// <summary>Hurdle and tax (<c>capital</c>).</summary>
    public CapitalConfig Capital { get; init; } = new();

    /// <summary>Contribution score weights (<c>score</c>).</summary>
    public ScoreConfig Score { get; init; } = new();

    /// <summary>Tiers, risk bands and clusters (<c>segmentation</c>).</summary>
    public SegmentationConfig Segmentation { get; init; } = new();

    /// <summary>Pricing grid and loan floors (<c>pricing</c>).</summary>
    public required PricingConfig Pricing { get; init; }

    /// <summary>Early-warning thresholds (<c>early_warning</c>).</summary>
    public EarlyWarningConfig EarlyWarning { get; init; } = new();

    /// <summary>Run gates (<c>run</c>).</summary>
    public RunConfig Run { get; init; } = new();

    /// <summary>Input columns that must never appear in logs, errors, rejects or the pricing desk's file (<c>confidential_columns</c>,
    /// default <c>[customer_name]</c>).</summary>
    public IReadOnlyList<string> ConfidentialColumns { get; init; } = ["customer_name"];

    /// <summary>True when <paramref name="column"/> is listed in <see cref="ConfidentialColumns"/> (exact name).</summary>
    public bool IsConfidential(string column)
    {
        foreach (string c in ConfidentialColumns)
        {
            if (string.Equals(c, column, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Days in the period, <c>D = end − start + 1</c>.</summary>
    public int PeriodDays => Period.End.DayNumber - Period.Start.DayNumber + 1;

    /// <summary>Year fraction of the period, <c>Y = D / 365</c> (ACT/365 fixed).</summary>
    public double YearFraction => PeriodDays / 365.0;
}

/// <summary>The scored period, both ends inclusive.</summary>
public sealed record ReportingPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>True when <paramref name="day"/> lies within the period (inclusive).</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>One point of the FTP curve.</summary>
public sealed record CurvePoint(double TermYears, double Rate);

/// <summary>Funds transfer pricing configuration (<c>ftp</c>).</summary>
public sealed record FtpConfig
{
    /// <summary>Curve points sorted by strictly increasing term (<c>ftp.curve</c>).</summary>
    public IReadOnlyList<CurvePoint> Curve { get; init; } =
    [
        new(0.25, 0.0165), new(1, 0.0190), new(3, 0.0225), new(5, 0.0250), new(10, 0.0280),
    ];

    /// <summary>Added to the curve rate per product (<c>ftp.liquidity_premium</c>).</summary>
    public ProductMap LiquidityPremium { get; init; } = new(0.0010, 0.0015, -0.0005, 0);

    /// <summary>Term used when an account has no maturity date (<c>ftp.non_maturity_term_years</c>).</summary>
    public ProductMap NonMaturityTermYears { get; init; } = new(1.0, 1.0, 1.0, 1.0);
}

/// <summary>Activity-based costs per period (<c>costs</c>).</summary>
public sealed record CostConfig
{
    /// <summary><c>costs.per_customer</c>.</summary>
    public double PerCustomer { get; init; } = 500;

    /// <summary><c>costs.per_account</c>.</summary>
    public ProductMap PerAccount { get; init; } = new(300, 150, 40, 200);

    /// <summary><c>costs.per_fee_transaction</c>, per in-period fee row.</summary>
    public double PerFeeTransaction { get; init; } = 0.8;

    /// <summary><c>costs.per_cross_sale_unit</c>.</summary>
    public double PerCrossSaleUnit { get; init; } = 5;
}

/// <summary>Credit and operational risk parameters (<c>risk</c>).</summary>
public sealed record RiskConfig
{
    /// <summary>PD used when a customer's pd is null (<c>risk.pd_default</c>).</summary>
    public double PdDefault { get; init; } = 0.02;

    /// <summary>Lower bound applied to every PD (<c>risk.pd_floor</c>).</summary>
    public double PdFloor { get; init; } = 0.0003;

    /// <summary>LGD when an account's lgd is null (<c>risk.lgd_default</c>); deposits carry no exposure, their entry is unused.</summary>
    public ProductMap LgdDefault { get; init; } = new(0.45, 0.45, 0.45, 0.45);

    /// <summary>Credit conversion factors (<c>risk.ccf</c>); the deposit entry is unused.</summary>
    public ProductMap Ccf { get; init; } = new(0.50, 0.75, 0, 0.50);

    /// <summary>M when an exposure has no maturity date (<c>risk.maturity_default_years</c>).</summary>
    public double MaturityDefaultYears { get; init; } = 2.5;

    /// <summary>Scales IRB capital (<c>risk.capital_multiplier</c>).</summary>
    public double CapitalMultiplier { get; init; } = 1.0;

    /// <summary>Operational risk alpha on annualised revenue (<c>risk.op_risk_alpha</c>).</summary>
    public double OpRiskAlpha { get; init; } = 0.15;
}

/// <summary>Cost of capital and tax (<c>capital</c>).</summary>
public sealed record CapitalConfig
{
    /// <summary><c>capital.hurdle_rate</c>.</summary>
    public double HurdleRate { get; init; } = 0.12;

    /// <summary><c>capital.tax_rate</c>.</summary>
    public double TaxRate { get; init; } = 0.25;
}

/// <summary>Contribution score weights (<c>score.weights</c>).</summary>
public sealed record ScoreConfig
{
    /// <summary>Weight of EVA.</summary>
    public double EvaWeight { get; init; } = 0.6;

    /// <summary>Weight of revenue.</summary>
    public double RevenueWeight { get; init; } = 0.2;

    /// <summary>Weight of products_held.</summary>
    public double ProductsHeldWeight { get; init; } = 0.1;

    /// <summary>Weight of deposit_balance.</summary>
    public double DepositBalanceWeight { get; init; } = 0.1;
}

/// <summary>A tier: the customers ranked within the top <see cref="TopShare"/> not taken by an earlier tier.</summary>
public sealed record TierDefinition(string Name, double TopShare);

/// <summary>A risk band: PD up to and including <see cref="MaxPd"/>.</summary>
public sealed record RiskBandDefinition(string Name, double MaxPd);

/// <summary>k-means settings (<c>segmentation.clusters</c>).</summary>
/// <param name="K">Number of clusters asked for (fewer when there are fewer distinct customers).</param>
/// <param name="Seed">Seed of the k-means++ initialisation.</param>
/// <param name="SampleSize">Customers k-means trains on (those with the smallest id hash); every customer is assigned.</param>
/// <param name="MaxIterations">Most Lloyd iterations of the training.</param>
public sealed record ClusterConfig(int K = 6, int Seed = 42, int SampleSize = 20_000, int MaxIterations = 100);

/// <summary>Segmentation configuration (<c>segmentation</c>).</summary>
public sealed record SegmentationConfig
{
    /// <summary>Tiers with strictly increasing shares ending at 1.0.</summary>
    public IReadOnlyList<TierDefinition> Tiers { get; init; } =
    [
        new("strategic", 0.05), new("core", 0.20), new("growth", 0.50), new("basic", 1.0),
    ];

    /// <summary>Risk bands with increasing max PD.</summary>
    public IReadOnlyList<RiskBandDefinition> RiskBands { get; init; } =
    [
        new("low", 0.005), new("medium", 0.03), new("high", 1.0),
    ];

    /// <summary>k-means settings.</summary>
    public ClusterConfig Clusters { get; init; } = new();
}

/// <summary>One pricing grid cell: the adjustments for a (tier, risk band).</summary>
public sealed record PricingCell(double LoanSpreadBps, double DepositRateBps, double FeeDiscount);

/// <summary>Pricing configuration (<c>pricing</c>).</summary>
public sealed record PricingConfig
{
    /// <summary><c>pricing.standard_loan_term_years</c>.</summary>
    public double StandardLoanTermYears { get; init; } = 1.0;

    /// <summary><c>pricing.unit_cost_rate</c> (c in the floor formula).</summary>
    public double UnitCostRate { get; init; } = 0.004;

    /// <summary><c>pricing.standard_loan_amount</c> (A), reporting currency.</summary>
    public double StandardLoanAmount { get; init; } = 1_000_000;

    /// <summary><c>pricing.relationship_share</c> (s).</summary>
    public double RelationshipShare { get; init; } = 0.5;

    /// <summary>tier name → risk band name → cell; must cover every tier × band (required).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, PricingCell>> Grid { get; init; }
}

/// <summary>Early-warning thresholds (<c>early_warning</c>).</summary>
public sealed record EarlyWarningConfig
{
    /// <summary><c>dscr_min</c>.</summary>
    public double DscrMin { get; init; } = 1.2;
    /// <summary><c>icr_min</c>.</summary>
    public double IcrMin { get; init; } = 1.5;
    /// <summary><c>leverage_max</c>.</summary>
    public double LeverageMax { get; init; } = 5.0;
    /// <summary><c>current_ratio_min</c>.</summary>
    public double CurrentRatioMin { get; init; } = 1.0;
    /// <summary><c>altman_distress</c>.</summary>
    public double AltmanDistress { get; init; } = 1.1;
    /// <summary><c>altman_grey</c>.</summary>
    public double AltmanGrey { get; init; } = 2.6;
    /// <summary><c>trend_periods</c>: statements used for trends.</summary>
    public int TrendPeriods { get; init; } = 3;
    /// <summary><c>trend_decline</c>: relative change that fires a trend reason.</summary>
    public double TrendDecline { get; init; } = 0.20;
    /// <summary><c>utilization_max</c>.</summary>
    public double UtilizationMax { get; init; } = 0.90;
    /// <summary><c>deposit_outflow</c>.</summary>
    public double DepositOutflow { get; init; } = 0.30;
    /// <summary><c>stale_months</c>, calendar months.</summary>
    public int StaleMonths { get; init; } = 15;
    /// <summary><c>maturity_notice_days</c>.</summary>
    public int MaturityNoticeDays { get; init; } = 30;
    /// <summary><c>sicr_pd_ratio</c>.</summary>
    public double SicrPdRatio { get; init; } = 2.0;

    /// <summary>
    /// Every key of the section with its bounds, in the order the configuration reader checks them (the first invalid
    /// one is reported) and docs/CONFIGURATION.md lists them. A new threshold is a property above and an entry here;
    /// the reader needs no change.
    /// </summary>
    public static IReadOnlyList<EarlyWarningSetting> Settings { get; } =
    [
        EarlyWarningSetting.NonNegative("dscr_min", static c => c.DscrMin, static (c, v) => c with { DscrMin = v }),
        EarlyWarningSetting.NonNegative("icr_min", static c => c.IcrMin, static (c, v) => c with { IcrMin = v }),
        EarlyWarningSetting.NonNegative("leverage_max", static c => c.LeverageMax, static (c, v) => c with { LeverageMax = v }),
        EarlyWarningSetting.NonNegative("current_ratio_min", static c => c.CurrentRatioMin,
            static (c, v) => c with { CurrentRatioMin = v }),
        EarlyWarningSetting.NonNegative("altman_distress", static c => c.AltmanDistress, static (c, v) => c with { AltmanDistress = v }),
        EarlyWarningSetting.NonNegative("altman_grey", static c => c.AltmanGrey, static (c, v) => c with { AltmanGrey = v }),
        EarlyWarningSetting.WholeAtLeast("trend_periods", 2, static c => c.TrendPeriods,
            static (c, v) => c with { TrendPeriods = (int)v }, "because a trend needs at least two statements"),
        EarlyWarningSetting.Fraction("trend_decline", static c => c.TrendDecline, static (c, v) => c with { TrendDecline = v }),
        EarlyWarningSetting.Fraction("utilization_max", static c => c.UtilizationMax, static (c, v) => c with { UtilizationMax = v }),
        EarlyWarningSetting.Fraction("deposit_outflow", static c => c.DepositOutflow, static (c, v) => c with { DepositOutflow = v }),
        EarlyWarningSetting.WholeAtLeast("stale_months", 0, static c => c.StaleMonths, static (c, v) => c with { StaleMonths = (int)v }),
        EarlyWarningSetting.WholeAtLeast("maturity_notice_days", 0, static c => c.MaturityNoticeDays,
            static (c, v) => c with { MaturityNoticeDays = (int)v }),
        EarlyWarningSetting.Positive("sicr_pd_ratio", static c => c.SicrPdRatio, static (c, v) => c with { SicrPdRatio = v }),
    ];
}

/// <summary>Run gates (<c>run</c>).</summary>
public sealed record RunConfig
{
    /// <summary><c>run.max_reject_rate</c>: share of a table's rows that may be rejected.</summary>
    public double MaxRejectRate { get; init; } = 0.01;
}
