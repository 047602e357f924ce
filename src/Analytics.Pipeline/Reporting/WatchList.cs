using Analytics.Core.EarlyWarning;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// The report's watch list: customers at <see cref="Severity.Watch"/> or worse, critical first, then by EAD (largest
/// first), then by customer_id; the first <c>limit</c> of them grouped by relationship manager, each manager in the order
/// of their first customer on that list, so the manager with the most urgent case comes first.
/// </summary>
internal static class WatchList
{
    /// <summary>One relationship manager's customers, in list order (dense customer indices).</summary>
    public sealed record Group(string RmId, int[] Customers);

    /// <summary>The whole ordered list of flagged customers (dense customer indices).</summary>
    public static int[] Ordered(ReadOnlySpan<Severity> severity, ReadOnlySpan<double> ead)
    {
        if (ead.Length != severity.Length)
        {
            throw new ArgumentException($"Expected {severity.Length} EAD values, got {ead.Length}.", nameof(ead));
        }

        var flagged = new List<int>();
        for (int c = 0; c < severity.Length; c++)
        {
            if (severity[c] >= Severity.Watch) flagged.Add(c);
        }

        var sev = severity.ToArray();
        var exposure = ead.ToArray();
        var order = flagged.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int bySeverity = sev[b].CompareTo(sev[a]);
            if (bySeverity != 0) return bySeverity;
            int byEad = exposure[b].CompareTo(exposure[a]);
            return byEad != 0 ? byEad : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Rows of the watch list grouped by relationship manager, each manager in the order of their first row.</summary>
    public sealed record RowGroup(string RmId, ReportFacts.WatchRow[] Customers);

    /// <summary><paramref name="rows"/> (in list order) grouped by relationship manager.</summary>
    public static IReadOnlyList<RowGroup> Grouped(IReadOnlyList<ReportFacts.WatchRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var groups = new List<(string Rm, List<ReportFacts.WatchRow> Customers)>();
        var byRm = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byRm.TryGetValue(row.RmId, out int g))
            {
                g = groups.Count;
                byRm.Add(row.RmId, g);
                groups.Add((row.RmId, []));
            }

            groups[g].Customers.Add(row);
        }

        var result = new RowGroup[groups.Count];
        for (int g = 0; g < result.Length; g++)
        {
            result[g] = new RowGroup(groups[g].Rm, [.. groups[g].Customers]);
        }

        return result;
    }

    /// <summary>The first <paramref name="limit"/> customers of <paramref name="ordered"/>, grouped by <paramref name="rmId"/>.</summary>
    public static IReadOnlyList<Group> Grouped(int[] ordered, string[] rmId, int limit)
    {
        var groups = new List<(string Rm, List<int> Customers)>();
        var byRm = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < Math.Min(limit, ordered.Length); k++)
        {
            int c = ordered[k];
            if (!byRm.TryGetValue(rmId[c], out int g))
            {
                g = groups.Count;
                byRm.Add(rmId[c], g);
                groups.Add((rmId[c], []));
            }

            groups[g].Customers.Add(c);
        }

        var result = new Group[groups.Count];
        for (int g = 0; g < result.Length; g++)
        {
            result[g] = new Group(groups[g].Rm, [.. groups[g].Customers]);
        }

        return result;
    }
}
