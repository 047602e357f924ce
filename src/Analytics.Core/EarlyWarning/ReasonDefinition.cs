using Analytics.Core.Configuration;

namespace Analytics.Core.EarlyWarning;

/// <summary>
/// One early-warning reason of docs/METHODOLOGY.md §5.2, defined once: its code, its severity, the
/// <c>early_warning</c> keys it reads, its line in the reason table of docs/EARLY_WARNING.md (when it fires and what its
/// evidence means) and the rule that fires it. The rules, the outputs, the report and the documentation tests all
/// read these definitions (<see cref="ReasonCode.Definitions"/>).
/// </summary>
public sealed class ReasonDefinition
{
    internal ReasonDefinition(string code, Severity severity, string[] configKeys, string firesWhen, string value,
        string threshold, ReasonRule rule)
    {
        Code = code;
        Severity = severity;
        ConfigKeys = configKeys;
        FiresWhen = firesWhen;
        Value = value;
        Threshold = threshold;
        Rule = rule;
    }

    /// <summary>The code as it appears in <c>early_warnings.reason_codes</c> and <c>early_warning_reasons.reason_code</c>.</summary>
    public string Code { get; }

    /// <summary>The reason's own severity.</summary>
    public Severity Severity { get; }

    /// <summary>The <c>early_warning</c> configuration keys whose values the rule compares against (may be empty).</summary>
    public IReadOnlyList<string> ConfigKeys { get; }

    /// <summary>When the reason fires, as written in the "fires when" column of docs/EARLY_WARNING.md (Markdown).</summary>
    public string FiresWhen { get; }

    /// <summary>What <c>early_warning_reasons.value</c> holds for this reason (Markdown).</summary>
    public string Value { get; }

    /// <summary>What <c>early_warning_reasons.threshold</c> holds for this reason (Markdown).</summary>
    public string Threshold { get; }

    /// <summary>The rule: whether the reason fires for one customer's facts, with its evidence.</summary>
    internal ReasonRule Rule { get; }

    /// <summary>The reason's row of the reason-code table in docs/EARLY_WARNING.md.</summary>
    public string DocumentationRow =>
        $"| `{Code}` | {FiresWhen} | {Severities.Name(Severity)} | {Value} | {Threshold} |";
}

/// <summary>Decides whether a reason fires for the customer described by <paramref name="facts"/>.</summary>
internal delegate ReasonEvidence ReasonRule(CustomerFacts facts, EarlyWarningConfig thresholds);

/// <summary>A rule's answer: whether the reason fired, and if so the figure that fired it and the bound it crossed.</summary>
internal readonly record struct ReasonEvidence(bool Fired, double Value, double Threshold)
{
    /// <summary>Not fired.</summary>
    public static ReasonEvidence None => default;

    /// <summary>Fired with (<paramref name="value"/>, <paramref name="threshold"/>) when <paramref name="fires"/>.</summary>
    public static ReasonEvidence When(bool fires, double value, double threshold) =>
        fires ? new ReasonEvidence(true, value, threshold) : default;
}
