namespace Analytics.IO.Validation;

/// <summary>
/// Row counts of one input table for reconciliation: every row read is exactly one of accepted, rejected or
/// out of period (fees outside the period, statements after as_of).
/// </summary>
public sealed class TableStats(string table)
{
    /// <summary>Table name.</summary>
    public string Table { get; } = table;

    /// <summary>Whether the table was present in the input folder.</summary>
    public bool Present { get; set; }

    /// <summary>Data rows read from all files of the table.</summary>
    public long RowsRead { get; set; }

    /// <summary>Rows that passed every rule and take part in figures.</summary>
    public long Accepted { get; set; }

    /// <summary>Rows rejected.</summary>
    public long Rejected { get; set; }

    /// <summary>Valid rows outside the period (fees) or dated after as_of (financials).</summary>
    public long OutOfPeriod { get; set; }

    /// <summary>Earliest date of the valid rows outside the period (fees) or after as_of (financials); null when none.</summary>
    public DateOnly? FirstOutOfPeriodDate { get; private set; }

    /// <summary>Latest date of the valid rows outside the period (fees) or after as_of (financials); null when none.</summary>
    public DateOnly? LastOutOfPeriodDate { get; private set; }

    /// <summary>Widens the out-of-period date range by the day numbers <paramref name="first"/>..<paramref name="last"/>; an empty range (first &gt; last) is ignored.</summary>
    public void NoteOutOfPeriodDays(int first, int last)
    {
        if (first > last)
        {
            return;
        }

        var from = DateOnly.FromDayNumber(first);
        var to = DateOnly.FromDayNumber(last);
        FirstOutOfPeriodDate = FirstOutOfPeriodDate is { } f && f <= from ? f : from;
        LastOutOfPeriodDate = LastOutOfPeriodDate is { } l && l >= to ? l : to;
    }

    /// <summary>Rejected share of rows read (0 for an empty table).</summary>
    public double RejectRate => RowsRead == 0 ? 0 : (double)Rejected / RowsRead;

    /// <summary>Per input file: display name and data rows.</summary>
    public List<(string File, long Rows)> Files { get; } = [];
}
