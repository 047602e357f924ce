namespace Analytics.Core.Profitability;

/// <summary>
/// docs/METHODOLOGY.md §3 figures as columns. Customer arrays are indexed by dense customer index; account arrays by
/// position in <see cref="Data.AccountTable"/>. A null figure (RAROC when capital is 0) is NaN here and null in outputs.
/// </summary>
public sealed class ProfitabilityResult
{
    /// <summary>Allocates zeroed columns.</summary>
    public ProfitabilityResult(int customerCount, int accountCount)
    {
        Nii = new double[customerCount];
        FeeIncome = new double[customerCount];
        CrossSellRevenue = new double[customerCount];
        Revenue = new double[customerCount];
        OperatingCost = new double[customerCount];
        ExpectedLoss = new double[customerCount];
        Ead = new double[customerCount];
        CreditCapital = new double[customerCount];
        OpCapital = new double[customerCount];
        Capital = new double[customerCount];
        CapitalCharge = new double[customerCount];
        PreTaxProfit = new double[customerCount];
        Nopat = new double[customerCount];
        Eva = new double[customerCount];
        Raroc = new double[customerCount];
        ProductsHeld = new int[customerCount];
        DepositBalance = new double[customerCount];
        LendingBalance = new double[customerCount];
        Pd = new double[customerCount];
        ContributionScore = new double[customerCount];

        AccountFtpRate = new double[accountCount];
        AccountNii = new double[accountCount];
        AccountEad = new double[accountCount];
        AccountLgd = new double[accountCount];
        AccountMaturityYears = new double[accountCount];
        AccountExpectedLoss = new double[accountCount];
        AccountCreditCapital = new double[accountCount];
    }

    /// <summary>Net interest income over FTP, in the period.</summary>
    public double[] Nii { get; }
    /// <summary>Σ fx(amount) of in-period fees.</summary>
    public double[] FeeIncome { get; }
    /// <summary>Σ fx(revenue) of cross-sales.</summary>
    public double[] CrossSellRevenue { get; }
    /// <summary>NII + fee income + cross-sell revenue.</summary>
    public double[] Revenue { get; }
    /// <summary>Activity-based cost.</summary>
    public double[] OperatingCost { get; }
    /// <summary>Σ EL over exposures, in the period.</summary>
    public double[] ExpectedLoss { get; }
    /// <summary>Σ EAD.</summary>
    public double[] Ead { get; }
    /// <summary>Σ IRB credit capital.</summary>
    public double[] CreditCapital { get; }
    /// <summary>Operational-risk capital.</summary>
    public double[] OpCapital { get; }
    /// <summary>Credit + operational capital.</summary>
    public double[] Capital { get; }
    /// <summary>hurdle × capital × Y.</summary>
    public double[] CapitalCharge { get; }
    /// <summary>revenue − cost − EL.</summary>
    public double[] PreTaxProfit { get; }
    /// <summary>pre-tax profit × (1 − tax).</summary>
    public double[] Nopat { get; }
    /// <summary>NOPAT − capital charge.</summary>
    public double[] Eva { get; }
    /// <summary>(NOPAT / Y) / capital; NaN when capital is 0.</summary>
    public double[] Raroc { get; }
    /// <summary>Distinct product types + fee types + product lines held.</summary>
    public int[] ProductsHeld { get; }
    /// <summary>Σ fx(avg) of deposits.</summary>
    public double[] DepositBalance { get; }
    /// <summary>Σ fx(avg) of loans and overdrafts (extra column).</summary>
    public double[] LendingBalance { get; }
    /// <summary>Customer PD after null default and floor.</summary>
    public double[] Pd { get; }
    /// <summary>Contribution score in [0, 100].</summary>
    public double[] ContributionScore { get; }

    /// <summary>Per account: FTP rate used.</summary>
    public double[] AccountFtpRate { get; }
    /// <summary>Per account: NII.</summary>
    public double[] AccountNii { get; }
    /// <summary>Per account: EAD (0 for deposits).</summary>
    public double[] AccountEad { get; }
    /// <summary>Per account: LGD used (lgd or product default; 0 for deposits).</summary>
    public double[] AccountLgd { get; }
    /// <summary>Per account: IRB effective maturity M in years, clamped to [1, 5] (0 for deposits).</summary>
    public double[] AccountMaturityYears { get; }
    /// <summary>Per account: expected loss in the period.</summary>
    public double[] AccountExpectedLoss { get; }
    /// <summary>Per account: IRB credit capital.</summary>
    public double[] AccountCreditCapital { get; }

    /// <summary>Number of customers.</summary>
    public int CustomerCount => Nii.Length;
}
