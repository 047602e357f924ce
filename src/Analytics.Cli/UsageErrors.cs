using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Analytics.Cli;

/// <summary>
/// Turns the parser's errors into the sentences a person needs: one sentence for a mistyped option or command,
/// with the nearest valid name ("did you mean --input?"), and plain words for a value of the wrong type instead
/// of a .NET type name ("--customers must be a whole number, such as 500, not 'abc'").
/// </summary>
internal static class UsageErrors
{
    /// <summary>The sentences to print for a parse that failed; each ends with where to find the usage.</summary>
    public static List<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string usage = UsageHint(parse);

        // A mistyped option or command makes the parser report its consequences too (its value becomes an
        // unmatched argument, a required option looks missing): the unknown name alone is the cause.
        if (parse.UnmatchedTokens.Count > 0)
        {
            // Below a command the unknown option is the cause (its value is unmatched only because of it); at the
            // root, where a command name was expected, the first token is.
            string token = parse.UnmatchedTokens[0];
            foreach (string t in parse.UnmatchedTokens)
            {
                if (t.StartsWith('-') && command.Subcommands.Count == 0)
                {
                    token = t;
                    break;
                }
            }

            return [Unknown(token, command, usage)];
        }

        var sentences = new List<string>();
        foreach (var e in parse.Errors)
        {
            string sentence = e.SymbolResult is OptionResult option && WrongType(option) is { } typed
                ? typed
                : OneLine(e.Message);
            sentence = sentence.TrimEnd('.');

            // A sentence that ends in a question ("did you mean 0.045?") is followed by the usage as its own sentence.
            string line = sentence.EndsWith('?') ? $"{sentence} {char.ToUpperInvariant(usage[0])}{usage[1..]}." : $"{sentence}; {usage}.";
            if (!sentences.Contains(line))
            {
                sentences.Add(line);
            }
        }

        return sentences;
    }

    private static string Unknown(string token, Command command, string usage)
    {
        bool isOption = token.StartsWith('-');
        var names = new List<string>();
        if (isOption)
        {
            foreach (var option in command.Options)
            {
                if (!option.Hidden)
                {
                    names.Add(option.Name);
                    names.AddRange(option.Aliases);
                }
            }
        }
        else
        {
            foreach (var sub in command.Subcommands)
            {
                if (!sub.Hidden)
                {
                    names.Add(sub.Name);
                }
            }
        }

        string what = isOption ? "option" : command.Subcommands.Count > 0 ? "command" : "argument";
        string where = command.Parents.Any() ? $" for 'analytics {command.Name}'" : "";
        string? nearest = Nearest(token, names);
        return nearest is null
            ? $"Unknown {what} '{token}'{where}; {usage}."
            : $"Unknown {what} '{token}'{where}; did you mean {nearest}? {char.ToUpperInvariant(usage[0])}{usage[1..]}.";
    }

    /// <summary>For a value the option's type cannot hold, a plain sentence naming the option, the kind of value and what was
    /// given.</summary>
    private static string? WrongType(OptionResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string given = result.Tokens[^1].Value;
        var type = Nullable.GetUnderlyingType(result.Option.ValueType) ?? result.Option.ValueType;
        var ci = CultureInfo.InvariantCulture;
        string name = result.Option.Name;
        string example = Examples.TryGetValue(name, out string? e) ? e : type == typeof(int) || type == typeof(long) ? "500" : "0.045";
        if (type == typeof(int) || type == typeof(long))
        {
            if (!long.TryParse(given, NumberStyles.AllowLeadingSign, ci, out _))
            {
                return $"{name} must be a whole number such as {example}, not '{given}'";
            }

            return type == typeof(int) && !int.TryParse(given, NumberStyles.AllowLeadingSign, ci, out _)
                ? $"{name} must be a whole number no larger than 2147483647, not '{given}'"
                : null;
        }

        if (type == typeof(double) || type == typeof(decimal))
        {
            if (double.TryParse(given, NumberStyles.Float, ci, out _))
            {
                return null;
            }

            string sentence = $"{name} must be a number such as {example} (with '.' as the decimal point), not '{given}'";
            return Suggestion(given) is { } fixedUp ? $"{sentence}; did you mean {fixedUp}?" : sentence;
        }

        if (type == typeof(DateOnly) || type == typeof(DateTime))
        {
            return DateOnly.TryParseExact(given, "yyyy-MM-dd", ci, DateTimeStyles.None, out _) ? null
                : $"{name} must be a date in yyyy-MM-dd form such as 2026-10-31, not '{given}'";
        }

        return null;
    }

    // An example value per option where the generic one would mislead (an amount is not 0.045, a thread count not 500).
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["--amount"] = "5000000",
        ["--term-years"] = "2",
        ["--rate"] = "0.045",
        ["--threads"] = "4",
    };

    /// <summary>What a person probably meant by a percent typed as such ("4.5%" → 0.045); null for anything else.</summary>
    private static string? Suggestion(string given)
    {
        var ci = CultureInfo.InvariantCulture;
        string text = given.Trim();
        return text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, ci, out double percent)
            ? (percent / 100).ToString("R", ci)
            : null;
    }

    /// <summary>The candidate within edit distance 2 (or a third of the token's length, if larger) of <paramref name="token"/>; ties go to
    /// the first listed.</summary>
    internal static string? Nearest(string token, IEnumerable<string> candidates)
    {
        string bare = token.TrimStart('-');
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = Distance(bare, candidate.TrimStart('-'));
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        int limit = Math.Max(2, bare.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string UsageHint(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        return command.Parents.Any() ? $"run 'analytics {command.Name} --help' for usage" : "run 'analytics --help' for usage";
    }

    // Some parser messages span lines ("Must be one of:\n\t'parquet'\n\t'csv'"); errors are one line each.
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string sentence = lines.Length == 0 ? "Invalid command line" : lines[0];
        if (lines.Length > 1)
        {
            sentence += " " + string.Join(", ", lines[1..]);
        }

        return sentence;
    }
}
