using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>
/// One YAML mapping of the configuration with a closed set of keys. Unknown keys are refused when the reader
/// is opened, in document order, so a misspelt key is reported as such before its missing twin is.
/// </summary>
internal sealed class MappingReader
{
    private readonly ConfigNodeReader _reader;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    private MappingReader(ConfigNodeReader reader, YamlMappingNode node, string path)
    {
        _reader = reader;
        Node = node;
        Path = path;
    }

    /// <summary>Dotted path of this mapping (empty for the root).</summary>
    public string Path { get; }

    /// <summary>The mapping node itself, for line numbers.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>
    /// Opens <paramref name="node"/> allowing only <paramref name="allowedKeys"/>; <paramref name="unknownRemedy"/>
    /// overrides the default advice for an unknown key.
    /// </summary>
    public static MappingReader Open(ConfigNodeReader reader, YamlMappingNode node, string path, IReadOnlyCollection<string> allowedKeys,
        string? unknownRemedy = null)
    {
        var mapping = new MappingReader(reader, node, path);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Children)
        {
            string key = KeyText(reader, entry.Key, path);
            if (!allowedKeys.Contains(key))
            {
                string keyPath = ConfigNodeReader.Child(path, key);
                throw reader.Error(keyPath, entry.Key, $"unknown key '{keyPath}'",
                    unknownRemedy ?? "remove it or check the spelling against the configuration reference");
            }
            mapping._values.Add(key, entry.Value);
        }
        return mapping;
    }

    /// <summary>The keys of an open-ended mapping (fx rates, grid) with their key and value nodes, in document order.</summary>
    public static IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(ConfigNodeReader reader, YamlMappingNode node,
        string path)
    {
        var entries = new List<(string, YamlNode, YamlNode)>(node.Children.Count);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Children)
            entries.Add((KeyText(reader, entry.Key, path), entry.Key, entry.Value));
        return entries;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent. A present but empty value is an error:
    /// leaving a key empty is more likely a slip than a wish for the default.</summary>
    public YamlNode? Optional(string key)
    {
        if (!_values.TryGetValue(key, out YamlNode? value))
            return null;
        if (ConfigNodeReader.IsNull(value))
        {
            string keyPath = ConfigNodeReader.Child(Path, key);
            throw _reader.Error(keyPath, value, $"key '{keyPath}' has no value", "give it a value, or remove the key to use its default");
        }
        return value;
    }

    /// <summary>The value of <paramref name="key"/>; absent or empty is an error that says what to add.</summary>
    public YamlNode Required(string key, string expected)
    {
        string keyPath = ConfigNodeReader.Child(Path, key);
        if (!_values.TryGetValue(key, out YamlNode? value))
            throw _reader.Missing(keyPath, expected);
        if (ConfigNodeReader.IsNull(value))
            throw _reader.Error(keyPath, value, $"required key '{keyPath}' has no value", "give it " + expected);
        return value;
    }

    private static string KeyText(ConfigNodeReader reader, YamlNode keyNode, string path)
    {
        if (keyNode is YamlScalarNode scalar && !ConfigNodeReader.IsNull(keyNode) && !string.IsNullOrEmpty(scalar.Value))
            return scalar.Value;
        string where = path.Length == 0 ? "at the top level" : $"under '{path}'";
        throw reader.Error(path, keyNode, $"a key {where} is {ConfigNodeReader.Describe(keyNode)} rather than a name",
            "write every key as a plain name");
    }
}
