namespace Analytics.IO.Validation;

/// <summary>One rejected row: where it is and why. Never holds a cell value.</summary>
/// <param name="Table">Table name (customers, accounts, fees, cross_sales, financials).</param>
/// <param name="File">File display name relative to the input folder.</param>
/// <param name="Row">1-based data row within the file.</param>
/// <param name="Column">The column that failed; empty for a whole-row problem (wrong field count).</param>
/// <param name="Reason">The rule broken.</param>
public readonly record struct Reject(string Table, string File, long Row, string Column, RejectReason Reason);

/// <summary>Collects rejected rows of a run. Not thread-safe: each loader appends from one thread.</summary>
public sealed class RejectLog
{
    private readonly List<Reject> _rejects = [];

    /// <summary>All rejects recorded so far, in recording order.</summary>
    public IReadOnlyList<Reject> Items => _rejects;

    /// <summary>Records one reject.</summary>
    public void Add(in Reject reject) => _rejects.Add(reject);

    /// <summary>Records many rejects.</summary>
    public void AddRange(IEnumerable<Reject> rejects) => _rejects.AddRange(rejects);

    /// <summary>
    /// The rejects in output order: table (in the table order of docs/METHODOLOGY.md §1), then file ordinal, row, column. Deterministic
    /// whatever order loaders appended in.
    /// </summary>
    public Reject[] Sorted()
    {
        var array = _rejects.ToArray();
        Array.Sort(array, static (a, b) =>
        {
            int c = InputTables.Order(a.Table).CompareTo(InputTables.Order(b.Table));
            if (c != 0) return c;
            c = string.CompareOrdinal(a.File, b.File);
            if (c != 0) return c;
            c = a.Row.CompareTo(b.Row);
            if (c != 0) return c;
            return string.CompareOrdinal(a.Column, b.Column);
        });
        return array;
    }
}
