namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The early-warning reason codes of docs/METHODOLOGY.md §5, as they appear in <c>early_warnings.reason_codes</c> and
/// <c>early_warning_reasons.reason_code</c>. Each reason is defined once (<see cref="Definitions"/>, written in
/// ReasonDefinitions.cs); everything here is derived from that list.
/// </summary>
public static class ReasonCode
{
    // A reason's id is its position in ordinal order of the code, derived here rather than written down, so adding a
    // reason shifts nothing by hand. Walking the ids in order yields a customer's fired reasons already sorted as
    // docs/METHODOLOGY.md §6 requires, with no per-customer sort.
    private static readonly ReasonDefinition[] ById = SortedByCode(ReasonDefinitions.InDocumentOrder);

    private static readonly string[] Codes = CodesOf(ById);

    /// <summary>Every reason, in the order of docs/METHODOLOGY.md §5.2 and of the reason table in docs/EARLY_WARNING.md.</summary>
    public static IReadOnlyList<ReasonDefinition> Definitions => ReasonDefinitions.InDocumentOrder;

    /// <summary>Every code, in ordinal (<see cref="StringComparer.Ordinal"/>) order.</summary>
    public static IReadOnlyList<string> All => Codes;

    /// <summary>Number of reason codes.</summary>
    public static int Count => ById.Length;

    /// <summary>The severity docs/METHODOLOGY.md §5 assigns to <paramref name="code"/>.</summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="All"/>.</exception>
    public static Severity SeverityOf(string code)
    {
        int index = Array.IndexOf(Codes, code);
        if (index < 0)
        {
            throw new ArgumentException($"'{code}' is not an early-warning reason code.", nameof(code));
        }

        return ById[index].Severity;
    }

    /// <summary>Every reason by id (its index in <see cref="All"/>); a copy, for a worker to hold.</summary>
    internal static ReasonDefinition[] InIdOrder() => (ReasonDefinition[])ById.Clone();

    private static ReasonDefinition[] SortedByCode(ReasonDefinition[] definitions)
    {
        var sorted = (ReasonDefinition[])definitions.Clone();
        Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Code, y.Code));
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Code == sorted[i - 1].Code)
            {
                throw new InvalidOperationException($"The early-warning reason {sorted[i].Code} is defined twice.");
            }
        }

        return sorted;
    }

    private static string[] CodesOf(ReasonDefinition[] definitions)
    {
        var codes = new string[definitions.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = definitions[i].Code;
        }

        return codes;
    }
}
