namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The <c>;</c>-joined reason lists of <c>early_warnings.reason_codes</c>, built once per combination. The text depends
/// only on which reasons fired and few combinations occur, so each is a path in a small tree keyed by reason id:
/// following a customer's fired ids in order reaches a node that already holds the text, with no allocation and no
/// limit on the number of reason codes.
/// </summary>
internal sealed class ReasonListText
{
    /// <summary>The list with no reason: the empty string.</summary>
    public Node Empty { get; } = new(string.Empty);

    /// <summary>One list of reasons, ordered by id.</summary>
    internal sealed class Node(string text)
    {
        private Node?[]? _next;

        /// <summary>The <c>;</c>-joined codes.</summary>
        public string Text { get; } = text;

        /// <summary>This list followed by reason <paramref name="id"/> (<paramref name="code"/>), which has a larger id.</summary>
        public Node Then(int id, string code)
        {
            _next ??= new Node?[ReasonCode.Count];
            return _next[id] ??= new Node(Text.Length == 0 ? code : Text + ";" + code);
        }
    }
}
