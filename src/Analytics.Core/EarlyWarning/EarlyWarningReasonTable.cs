namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The <c>early_warning_reasons</c> long table: one row per fired reason, sorted by customer index then
/// reason code (ordinal). <see cref="Value"/> and <see cref="Threshold"/> are the evidence; NaN is null.
/// </summary>
public sealed class EarlyWarningReasonTable
{
    /// <summary>Dense customer index.</summary>
    public required int[] Customer { get; init; }

    /// <summary>One of <see cref="ReasonCode.All"/>.</summary>
    public required string[] ReasonCode { get; init; }

    /// <summary>The reason's own severity.</summary>
    public required Severity[] Severity { get; init; }

    /// <summary>The figure that fired the reason; NaN (null) for a borrower with no statement at all.</summary>
    public required double[] Value { get; init; }

    /// <summary>The bound it crossed.</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Number of rows.</summary>
    public int Count => Customer.Length;

    /// <summary>An empty table.</summary>
    public static EarlyWarningReasonTable Empty { get; } = new()
    {
        Customer = [], ReasonCode = [], Severity = [], Value = [], Threshold = [],
    };

    /// <summary>Appends rows in the order given; the caller keeps them sorted.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _customer = [];
        private readonly List<string> _code = [];
        private readonly List<Severity> _severity = [];
        private readonly List<double> _value = [];
        private readonly List<double> _threshold = [];

        public void Add(int customer, string code, Severity severity, double value, double threshold)
        {
            _customer.Add(customer);
            _code.Add(code);
            _severity.Add(severity);
            _value.Add(value);
            _threshold.Add(threshold);
        }

        /// <summary>Appends the rows of <paramref name="other"/> after this builder's rows.</summary>
        public void Append(Builder other)
        {
            _customer.AddRange(other._customer);
            _code.AddRange(other._code);
            _severity.AddRange(other._severity);
            _value.AddRange(other._value);
            _threshold.AddRange(other._threshold);
        }

        public EarlyWarningReasonTable Build() => new()
        {
            Customer = [.. _customer],
            ReasonCode = [.. _code],
            Severity = [.. _severity],
            Value = [.. _value],
            Threshold = [.. _threshold],
        };
    }
}
