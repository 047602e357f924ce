using System.Globalization;
using System.Runtime.CompilerServices;

namespace Analytics.Pipeline;

/// <summary>
/// An interpolated string formatted with the invariant culture. Unlike <see cref="FormattableString"/> it also
/// accepts a sum of interpolated strings (<c>$"…" + $"…"</c>), so long report lines can be broken in the source.
/// </summary>
[InterpolatedStringHandler]
internal ref struct InvariantString
{
    private DefaultInterpolatedStringHandler _inner;

    public InvariantString(int literalLength, int formattedCount) =>
        _inner = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    /// <summary>The formatted text; the handler is empty afterwards.</summary>
    public string ToStringAndClear() => _inner.ToStringAndClear();
}
