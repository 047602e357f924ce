namespace Analytics.Pipeline.Outputs;

/// <summary>Names of the output tables (file names without extension), docs/METHODOLOGY.md §6.</summary>
public static class OutputTableNames
{
    /// <summary>Per-customer profitability.</summary>
    public const string CustomerProfitability = "customer_profitability";
    /// <summary>The pricing desk's file.</summary>
    public const string CustomerSegments = "customer_segments";
    /// <summary>Cluster profiles.</summary>
    public const string ClusterProfiles = "cluster_profiles";
    /// <summary>One row per customer with severity and classifications.</summary>
    public const string EarlyWarnings = "early_warnings";
    /// <summary>One row per fired reason.</summary>
    public const string EarlyWarningReasons = "early_warning_reasons";
    /// <summary>Loans maturing soon.</summary>
    public const string MaturityNotices = "maturity_notices";
    /// <summary>Loans priced below their floor.</summary>
    public const string UnderpricedLoans = "underpriced_loans";
    /// <summary>Rejected input rows.</summary>
    public const string Rejects = "rejects";
    /// <summary>One row per accepted account with its profitability figures (docs/METHODOLOGY.md §9).</summary>
    public const string AccountProfitability = "account_profitability";
    /// <summary>Why each customer's EVA moved since a previous run (docs/METHODOLOGY.md §9).</summary>
    public const string ProfitBridge = "profit_bridge";
}
