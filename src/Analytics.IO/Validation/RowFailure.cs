namespace Analytics.IO.Validation;

/// <summary>The first rule a row broke, checked in column order, or none.</summary>
internal struct RowFailure
{
    public RejectReason Reason;
    public int Column;
    public bool Failed;

    /// <summary>Records <paramref name="reason"/> for <paramref name="column"/> unless an earlier column already failed.</summary>
    public void Check(RejectReason? reason, int column)
    {
        if (!Failed && reason is { } r)
        {
            Reason = r;
            Column = column;
            Failed = true;
        }
    }
}
