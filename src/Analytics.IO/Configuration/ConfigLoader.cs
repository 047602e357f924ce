using Analytics.Core.Configuration;
using Analytics.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>
/// Loads the run configuration of docs/METHODOLOGY.md §2 from YAML. Every key is checked: unknown keys, wrong types, values out
/// of range and missing required keys throw <see cref="ConfigurationException"/> naming the dotted key path
/// (such as <c>ftp.curve[2].rate</c>) in a one-sentence message. Only text is read, so a run can validate its
/// configuration before it touches any data.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Reads and validates the configuration file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable, not valid YAML, or not a valid configuration.</exception>
    public static EngineConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var reader = new ConfigNodeReader(path);
        if (Directory.Exists(path))
            throw reader.Error("", null, $"the configuration path '{path}' is a folder, not a file", "pass the path of the YAML configuration file");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw reader.Error("", null, $"the configuration file '{path}' does not exist", "check the --config path", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw reader.Error("", null, $"the configuration file '{path}' cannot be read ({Sentence(e.Message)})", "check that the file exists and that you may read it", e);
        }
        return Parse(text, path);
    }

    /// <summary>
    /// Parses and validates configuration text; <paramref name="sourceName"/> (usually the file name) starts every
    /// error message.
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not valid YAML or not a valid configuration.</exception>
    public static EngineConfig Parse(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        var reader = new ConfigNodeReader(sourceName);
        var stream = new YamlStream();
        try
        {
            if (DuplicateKeyScanner.FindFirst(yamlText) is { } duplicate)
            {
                throw new ConfigurationException(duplicate.Path,
                    $"{sourceName}: key '{duplicate.Path}' appears twice (line {duplicate.Start.Line}); keep one of them.");
            }
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException("",
                $"{sourceName}: the file is not valid YAML at line {e.Start.Line}, column {e.Start.Column} ({Sentence(e.Message)}); fix the syntax there.", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails with an internal-state error, not a YamlException, on some truncated
            // documents (an unclosed flow collection at the end of the file); it gives no position.
            throw new ConfigurationException("",
                $"{sourceName}: the file is not valid YAML (the parser stopped without naming a position, which usually means an unclosed '[', '{{' or quote); fix the syntax.", e);
        }

        if (stream.Documents.Count == 0 || (stream.Documents.Count == 1 && ConfigNodeReader.IsNull(stream.Documents[0].RootNode)))
            throw reader.Error("", null, "the file holds no settings", "add at least as_of, period and pricing.grid");
        if (stream.Documents.Count > 1)
            throw reader.Error("", stream.Documents[1].RootNode, $"the file holds {stream.Documents.Count} YAML documents", "keep a single document");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw reader.Error("", stream.Documents[0].RootNode, $"the file must be a mapping of keys to values but is {ConfigNodeReader.Describe(stream.Documents[0].RootNode)}", "start the file with keys such as as_of: 2026-10-31");
        return new EngineConfigReader(reader).Read(root);
    }

    // Library messages are whole sentences; inside our one sentence they lose the capital and the full stop.
    private static string Sentence(string message)
    {
        string text = message.Trim().TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
