using System.Globalization;

namespace Analytics.IO.Reading;

/// <summary>
/// Parses CSV field text into the column kinds (docs/METHODOLOGY.md §1: invariant culture, '.' decimal point, ISO dates).
/// Every method works on a span and allocates nothing.
/// </summary>
internal static class CsvValueParser
{
    /// <summary>
    /// Decimal or exponent notation with an optional sign and surrounding white space. "NaN", "Infinity",
    /// "-Infinity" (any case) and "inf"/"-inf" yield non-finite values on purpose: the validator rejects them
    /// as not finite, a clearer reason than "unparsable". Values beyond the double range become ±Infinity for the same reason.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        ReadOnlySpan<char> t = text.Trim();
        bool negative = false;
        if (t.Length > 0 && (t[0] == '-' || t[0] == '+'))
        {
            negative = t[0] == '-';
            t = t[1..];
        }

        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>A base-10 integer within the Int32 range, with an optional sign and surrounding white space.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Exactly <c>yyyy-MM-dd</c>, or an ISO timestamp <c>yyyy-MM-ddTHH:mm:ss[.fff…][Z]</c> whose date part is taken.
    /// No white space, no other separators, no time-zone offsets (an offset could move the date).
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out int dayNumber)
    {
        dayNumber = 0;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length > 10 && !IsIsoTime(text[10..]))
        {
            return false;
        }

        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    /// <summary><c>THH:mm:ss</c>, then optional fractional seconds, then an optional <c>Z</c>.</summary>
    private static bool IsIsoTime(ReadOnlySpan<char> t)
    {
        if (t.Length < 9 || t[0] != 'T' || t[3] != ':' || t[6] != ':'
            || !TryDigits(t.Slice(1, 2), out int hour) || !TryDigits(t.Slice(4, 2), out int minute) || !TryDigits(t.Slice(7, 2), out int second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int i = 9;
        if (i < t.Length && t[i] == '.')
        {
            int start = ++i;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < t.Length && t[i] == 'Z')
        {
            i++;
        }

        return i == t.Length;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
