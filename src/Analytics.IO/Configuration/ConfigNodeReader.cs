using System.Globalization;
using Analytics.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>
/// Turns YAML nodes of one configuration file into typed values, and builds every configuration error so that
/// all messages share one shape: "SOURCE: what is wrong with 'key' (line N); what to do."
/// </summary>
internal sealed class ConfigNodeReader(string sourceName)
{
    /// <summary>The file name shown at the start of every message.</summary>
    public string SourceName { get; } = sourceName;

    /// <summary>Joins a parent path and a mapping key: <c>ftp</c> + <c>curve</c> → <c>ftp.curve</c>.</summary>
    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>Path of a sequence item: <c>ftp.curve</c> + 2 → <c>ftp.curve[2]</c> (0-based).</summary>
    public static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>An error about <paramref name="key"/>; <paramref name="problem"/> and <paramref name="remedy"/> are sentence fragments.</summary>
    public ConfigurationException Error(string key, YamlNode? at, string problem, string remedy, Exception? inner = null)
    {
        string line = at is null ? "" : " (line " + at.Start.Line.ToString(CultureInfo.InvariantCulture) + ")";
        return new ConfigurationException(key, $"{SourceName}: {problem}{line}; {remedy}.", inner);
    }

    /// <summary>A required key is absent.</summary>
    public ConfigurationException Missing(string key, string expected) =>
        Error(key, null, $"required key '{key}' is missing", $"add it with {expected}");

    /// <summary>A YAML null (empty value, <c>~</c> or <c>null</c>): the key is present but says nothing.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>A mapping, or an error naming what was found instead.</summary>
    public YamlMappingNode Mapping(YamlNode node, string key, string expected)
    {
        if (node is YamlMappingNode mapping)
            return mapping;
        throw WrongType(node, key, "a mapping of keys to values", expected);
    }

    /// <summary>A sequence, or an error naming what was found instead.</summary>
    public YamlSequenceNode Sequence(YamlNode node, string key, string expected)
    {
        if (node is YamlSequenceNode sequence)
            return sequence;
        throw WrongType(node, key, "a list", expected);
    }

    /// <summary>
    /// A finite binary64 number written as a plain YAML scalar in invariant culture. Quoted text is refused
    /// because YAML makes it a string, and a config that silently reads "0.5" as 0.5 hides typos elsewhere.
    /// </summary>
    public double Number(YamlNode node, string key, Bound bound, string? reason = null)
    {
        string text = PlainScalar(node, key, "a number", "a plain number such as 0.25");
        if (IsNonFiniteLiteral(text))
            throw Error(key, node, $"key '{key}' is '{text}', which is not a finite number", "write a finite number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(key, node, $"key '{key}' must be a number but is '{text}'", "write a plain number with '.' as the decimal point, such as 0.25");
        if (!double.IsFinite(value))
            throw Error(key, node, $"key '{key}' is '{text}', which is not a finite number", "write a finite number");
        CheckBound(node, key, value, text, bound, reason);
        return value;
    }

    /// <summary>A whole number (no fraction, no exponent) within <paramref name="bound"/>.</summary>
    public int Integer(YamlNode node, string key, Bound bound, string? reason = null)
    {
        string text = PlainScalar(node, key, "a whole number", "a whole number such as 3");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw Error(key, node, $"key '{key}' must be a whole number but is '{text}'", "write a whole number without a fraction, such as 3");
        CheckBound(node, key, value, text, bound, reason);
        return value;
    }

    /// <summary>Non-empty text without surrounding blanks; quoted or plain.</summary>
    public string Text(YamlNode node, string key, string expected)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
            throw WrongType(node, key, "text", expected);
        string text = scalar.Value ?? "";
        if (text.Trim().Length == 0)
            throw Error(key, node, $"key '{key}' is empty", $"write {expected}");
        if (text.Trim().Length != text.Length)
            throw Error(key, node, $"key '{key}' has blanks before or after its text", "remove the surrounding blanks");
        return text;
    }

    /// <summary>A calendar date written <c>yyyy-MM-dd</c>, plain or quoted.</summary>
    public DateOnly Date(YamlNode node, string key)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
            throw WrongType(node, key, "a date", "a date in yyyy-MM-dd form, such as 2026-10-31");
        string text = scalar.Value ?? "";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            throw Error(key, node, $"key '{key}' must be a date in yyyy-MM-dd form but is '{text}'", "write a real calendar date such as 2026-10-31");
        return date;
    }

    /// <summary>An ISO 4217 code: exactly three upper-case ASCII letters.</summary>
    public static bool IsCurrencyCode(string text) =>
        text.Length == 3 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2]);

    /// <summary>Describes a node's kind in plain words, for "found …" in messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the quoted text '{s.Value}'",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private void CheckBound(YamlNode node, string key, double value, string text, Bound bound, string? reason)
    {
        if (bound.Contains(value))
            return;
        if (bound.IsFraction && value > 1 && value / 100 <= 1 && bound.Contains(value / 100))
        {
            // "hurdle_rate: 12" is 12 %, not 1,200 %: say so instead of reciting the interval. The key path names
            // the place, so the message keeps the short form of docs/CONFIGURATION.md without a line number.
            string fraction = (value / 100).ToString("R", CultureInfo.InvariantCulture);
            throw new ConfigurationException(key, $"{SourceName}: {key}: {text} — rates are fractions; did you mean {fraction}?");
        }
        string because = reason is null ? "" : " " + reason;
        throw Error(key, node, $"key '{key}' is {text} but must be {bound.Describe()}{because}", $"set a value that is {bound.Describe()}");
    }

    private string PlainScalar(YamlNode node, string key, string kind, string example)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && !IsNull(node))
            return scalar.Value ?? "";
        if (node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } quoted)
            throw Error(key, node, $"key '{key}' must be {kind} but is the quoted text '{quoted.Value}'", "remove the quotes and write " + example);
        throw WrongType(node, key, kind, example);
    }

    private ConfigurationException WrongType(YamlNode node, string key, string kind, string expected) =>
        Error(key, node, $"key '{key}' must be {kind} but is {Describe(node)}", "write " + expected);

    // YAML's spellings of NaN and infinity; .NET would parse "NaN"/"Infinity" itself, so both families are refused.
    private static bool IsNonFiniteLiteral(string text)
    {
        string t = text.TrimStart('+', '-');
        return t is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF";
    }
}
