namespace Analytics.Core.EarlyWarning;

/// <summary>
/// docs/METHODOLOGY.md §5 results. Customer arrays (the <c>early_warnings</c> table) are indexed by dense customer index;
/// a null ratio is NaN here and null in outputs. The long tables are <see cref="Reasons"/> and <see cref="MaturityNotices"/>.
/// </summary>
public sealed class EarlyWarningResult
{
    /// <summary>Allocates customer columns for <paramref name="customerCount"/> customers, with empty long tables.</summary>
    public EarlyWarningResult(int customerCount)
    {
        Severity = new Severity[customerCount];
        ReasonCodes = new string[customerCount];
        Dscr = new double[customerCount];
        Icr = new double[customerCount];
        Leverage = new double[customerCount];
        CurrentRatio = new double[customerCount];
        AltmanZ = new double[customerCount];
        MaxDpd = new int[customerCount];
        FiveCategory = new FiveCategory[customerCount];
        Ifrs9Stage = new int[customerCount];
        Array.Fill(ReasonCodes, string.Empty);
    }

    /// <summary>Worst severity among the customer's reasons (<see cref="EarlyWarning.Severity.None"/> when none fired).</summary>
    public Severity[] Severity { get; }

    /// <summary>Fired reason codes, sorted ordinally and <c>;</c>-joined; empty string when none.</summary>
    public string[] ReasonCodes { get; }

    /// <summary>DSCR of the latest statement; NaN when null or no statement.</summary>
    public double[] Dscr { get; }

    /// <summary>ICR of the latest statement; NaN when null.</summary>
    public double[] Icr { get; }

    /// <summary>Leverage of the latest statement; NaN when null.</summary>
    public double[] Leverage { get; }

    /// <summary>Current ratio of the latest statement; NaN when null.</summary>
    public double[] CurrentRatio { get; }

    /// <summary>Altman Z'' of the latest statement; NaN when null.</summary>
    public double[] AltmanZ { get; }

    /// <summary>Max days_past_due over the customer's accounts; 0 without accounts.</summary>
    public int[] MaxDpd { get; }

    /// <summary>Five-category suggestion.</summary>
    public FiveCategory[] FiveCategory { get; }

    /// <summary>IFRS 9 stage, 1–3.</summary>
    public int[] Ifrs9Stage { get; }

    /// <summary>The <c>early_warning_reasons</c> rows.</summary>
    public EarlyWarningReasonTable Reasons { get; internal set; } = EarlyWarningReasonTable.Empty;

    /// <summary>The <c>maturity_notices</c> rows.</summary>
    public MaturityNoticeTable MaturityNotices { get; internal set; } = MaturityNoticeTable.Empty;

    /// <summary>Number of customers.</summary>
    public int CustomerCount => Severity.Length;
}
