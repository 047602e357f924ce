using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Analytics.IO.Configuration;

/// <summary>
/// Finds the first duplicate mapping key in a YAML text and returns its dotted path. The representation model
/// refuses duplicates too, but only with a position; walking the events first lets the error name the key path.
/// Syntax errors surface here as <see cref="YamlException"/>, exactly as the full load would raise them.
/// </summary>
internal static class DuplicateKeyScanner
{
    private sealed class Frame(bool isMapping, string path)
    {
        public bool IsMapping { get; } = isMapping;
        public string Path { get; } = path;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public bool ExpectKey { get; set; } = true;
        public string PendingKey { get; set; } = "?";
        public int Index { get; set; }
    }

    /// <summary>The first duplicate key's path and the event that repeats it, or null when keys are unique.</summary>
    public static (string Path, Mark Start)? FindFirst(string yamlText)
    {
        var parser = new Parser(new StringReader(yamlText));
        var stack = new Stack<Frame>();
        while (parser.MoveNext())
        {
            ParsingEvent current = parser.Current!;
            switch (current)
            {
                case MappingStart:
                case SequenceStart:
                    stack.Push(new Frame(current is MappingStart, PathOfNext(stack)));
                    break;
                case Scalar scalar:
                    if (stack.Count > 0 && stack.Peek() is { IsMapping: true, ExpectKey: true } parent)
                    {
                        string path = ConfigNodeReader.Child(parent.Path, scalar.Value);
                        if (!parent.Keys.Add(scalar.Value))
                            return (path, scalar.Start);
                        parent.PendingKey = scalar.Value;
                    }
                    Completed(stack);
                    break;
                case AnchorAlias:
                    if (stack.Count > 0 && stack.Peek() is { IsMapping: true, ExpectKey: true } aliasParent)
                        aliasParent.PendingKey = "?";
                    Completed(stack);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    stack.Pop();
                    Completed(stack);
                    break;
            }
        }
        return null;
    }

    // A collection that starts as a mapping key (a YAML complex key) gets the placeholder path "?"; the loader
    // refuses such keys later, so only the paths of values matter here.
    private static string PathOfNext(Stack<Frame> stack)
    {
        if (stack.Count == 0)
            return "";
        Frame parent = stack.Peek();
        if (!parent.IsMapping)
            return ConfigNodeReader.Item(parent.Path, parent.Index);
        if (parent.ExpectKey)
            parent.PendingKey = "?";
        return ConfigNodeReader.Child(parent.Path, parent.PendingKey);
    }

    // After a whole key or value: a mapping alternates key → value → key; a sequence moves to its next item.
    private static void Completed(Stack<Frame> stack)
    {
        if (stack.Count == 0)
            return;
        Frame parent = stack.Peek();
        if (parent.IsMapping)
            parent.ExpectKey = !parent.ExpectKey;
        else
            parent.Index++;
    }
}
