namespace Analytics.Core.OverTime;

/// <summary>
/// One run's figures as the profit bridge needs them (docs/METHODOLOGY.md §9): per customer the period figures of
/// customer_profitability, and per account (when the run has account_profitability) the average balance and NII.
/// Rows may come in any order; <see cref="ProfitBridge"/> sorts them. Amounts are the run's own period figures
/// (not annualised); <see cref="YearFraction"/> is the run's Y.
/// </summary>
public sealed class BridgeSnapshot
{
    /// <summary>The run's Y = D / 365.</summary>
    public required double YearFraction { get; init; }

    /// <summary>The run's capital.tax_rate (only the current run's is used).</summary>
    public required double TaxRate { get; init; }

    /// <summary>customer_id per customer row (unique).</summary>
    public required string[] CustomerIds { get; init; }

    /// <summary>EVA per customer row.</summary>
    public required double[] Eva { get; init; }

    /// <summary>NII per customer row.</summary>
    public required double[] Nii { get; init; }

    /// <summary>Fee income per customer row.</summary>
    public required double[] FeeIncome { get; init; }

    /// <summary>Cross-sell revenue per customer row.</summary>
    public required double[] CrossSellRevenue { get; init; }

    /// <summary>Operating cost per customer row.</summary>
    public required double[] OperatingCost { get; init; }

    /// <summary>Expected loss per customer row.</summary>
    public required double[] ExpectedLoss { get; init; }

    /// <summary>Capital charge per customer row.</summary>
    public required double[] CapitalCharge { get; init; }

    /// <summary>The run's accounts, or null when the run has no account_profitability (runs scored before it existed).</summary>
    public BridgeAccounts? Accounts { get; init; }
}

/// <summary>Per-account figures of one run for the volume/margin split; rows in any order.</summary>
public sealed class BridgeAccounts
{
    /// <summary>customer_id per account row.</summary>
    public required string[] CustomerIds { get; init; }

    /// <summary>account_id per account row (unique within a customer).</summary>
    public required string[] AccountIds { get; init; }

    /// <summary>Average balance in reporting currency.</summary>
    public required double[] AverageBalance { get; init; }

    /// <summary>The account's NII in the run's period.</summary>
    public required double[] Nii { get; init; }
}
