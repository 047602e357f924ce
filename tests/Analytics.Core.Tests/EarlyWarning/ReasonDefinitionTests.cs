using System.Globalization;
using Analytics.Core.Configuration;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

/// <summary>
/// The reason definitions are the one source of each reason: these tests hold the documentation and the configuration
/// reference to them, so a reason added or changed in code and not in the docs (or the other way round) fails here.
/// </summary>
public class ReasonDefinitionTests
{
    [Fact]
    public void The_reason_table_of_EARLY_WARNING_md_is_the_definitions_row_for_row()
    {
        string[] expected = [.. ReasonCode.Definitions.Select(d => d.DocumentationRow)];
        Assert.Equal(expected, TableRows(Doc("EARLY_WARNING.md"), "| reason code | fires when | severity | value | threshold |"));
    }

    [Fact]
    public void The_methodology_reason_table_names_every_code_once_with_its_severity()
    {
        // docs/METHODOLOGY.md §5.2 groups related codes in one row ("DPD_1 / DPD_30 / DPD_90 | … | watch / warning /
        // critical"); a single severity applies to every code of its row.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string row in TableRows(Doc("METHODOLOGY.md"), "| reason code | fires when | severity |"))
        {
            string[] cells = Cells(row);
            string[] codes = cells[0].Split(" / ");
            string[] severities = cells[2].Split(" / ");
            for (int i = 0; i < codes.Length; i++)
            {
                seen.Add(codes[i], severities.Length == 1 ? severities[0] : severities[i]);
            }
        }

        Assert.Equal(ReasonCode.All.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        foreach (ReasonDefinition d in ReasonCode.Definitions)
        {
            Assert.Equal(Severities.Name(d.Severity), seen[d.Code]);
        }
    }

    [Fact]
    public void Every_config_key_a_reason_names_is_an_early_warning_setting_the_page_explains()
    {
        var keys = EarlyWarningConfig.Settings.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        string page = Doc("EARLY_WARNING.md");
        foreach (ReasonDefinition d in ReasonCode.Definitions)
        {
            foreach (string key in d.ConfigKeys)
            {
                Assert.Contains(key, keys);
                Assert.Contains($"`{key}`", page, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_configuration_reference_lists_every_early_warning_setting_with_its_type_and_default()
    {
        var rows = TableRows(Doc("CONFIGURATION.md"), "| key | type | default | allowed | meaning |")
            .Where(r => r.StartsWith("| `early_warning.", StringComparison.Ordinal))
            .Select(Cells)
            .ToArray();
        IReadOnlyList<EarlyWarningSetting> settings = EarlyWarningConfig.Settings;
        Assert.Equal(settings.Select(s => $"`early_warning.{s.Key}`"), rows.Select(r => r[0]));
        for (int i = 0; i < settings.Count; i++)
        {
            Assert.Equal(settings[i].WholeNumber ? "whole number" : "number", rows[i][1]);
            Assert.Equal(settings[i].Default, double.Parse(rows[i][2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Settings_read_and_replace_their_own_property()
    {
        var defaults = new EarlyWarningConfig();
        foreach (EarlyWarningSetting s in EarlyWarningConfig.Settings)
        {
            double changed = s.Default + 1;
            EarlyWarningConfig edited = s.With(defaults, changed);
            Assert.Equal(changed, s.Get(edited));
            // Every other setting keeps its default.
            Assert.All(EarlyWarningConfig.Settings.Where(o => o != s), o => Assert.Equal(o.Default, o.Get(edited)));
        }
    }

    [Fact]
    public void Reason_lists_are_joined_once_per_combination_for_any_number_of_codes()
    {
        // The text cache is a tree keyed by id, not a bit mask, so it has no limit on the number of codes; a
        // combination met again returns the same string instance (no allocation per customer).
        var cache = new ReasonListText();
        Assert.Equal("", cache.Empty.Text);
        string first = cache.Empty.Then(0, "A").Then(2, "C").Text;
        Assert.Equal("A;C", first);
        Assert.Same(first, cache.Empty.Then(0, "A").Then(2, "C").Text);
        ReasonListText.Node every = new ReasonListText().Empty;
        for (int id = 0; id < ReasonCode.Count; id++)
        {
            every = every.Then(id, ReasonCode.All[id]);
        }

        Assert.Equal(string.Join(';', ReasonCode.All), every.Text);
    }

    private static string Doc(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", name));
    }

    // The body rows of the first Markdown table whose header row is exactly header.
    private static List<string> TableRows(string markdown, string header)
    {
        string[] lines = markdown.Split('\n');
        int start = Array.IndexOf(lines, header);
        Assert.True(start >= 0, $"table '{header}' not found");
        var rows = new List<string>();
        for (int i = start + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            rows.Add(lines[i]);
        }

        return rows;
    }

    // Cells of one row, trimmed; an escaped \| stays inside its cell.
    private static string[] Cells(string row) =>
        [.. row.Replace("\\|", "\u0001", StringComparison.Ordinal).Trim('|').Split('|')
            .Select(c => c.Trim().Replace("\u0001", "\\|", StringComparison.Ordinal))];
}
