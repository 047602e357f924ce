using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>What a numeric value must satisfy beyond being finite.</summary>
internal enum NumberRule : byte
{
    /// <summary>Any finite value (signed amounts, rates).</summary>
    Any,
    /// <summary>≥ 0 (balances, limits, arrears).</summary>
    NonNegative,
    /// <summary>In [0, 1] (PD, LGD).</summary>
    Probability,
}

/// <summary>
/// Per-cell checks of docs/METHODOLOGY.md §1's row rules. Each returns null when the cell is acceptable, else the reason.
/// Nulls are acceptable unless <c>required</c>; the caller substitutes defaults.
/// </summary>
internal static class CellRules
{
    /// <summary>Smallest accepted date, 1900-01-01.</summary>
    public static readonly int MinDay = new DateOnly(1900, 1, 1).DayNumber;

    /// <summary>Largest accepted date, 2100-12-31.</summary>
    public static readonly int MaxDay = new DateOnly(2100, 12, 31).DayNumber;

    public static RejectReason? String(ColumnData column, int row, bool required, out string? value)
    {
        value = null;
        string? text = column.State[row] == CellState.Value ? column.TextAt(row) : null;
        if (string.IsNullOrEmpty(text))
        {
            return required ? RejectReason.MissingValue : null;
        }

        value = text;
        return null;
    }

    /// <summary>Checks a double cell; <paramref name="value"/> is NaN when null.</summary>
    public static RejectReason? Number(ColumnData column, int row, bool required, NumberRule rule, out double value)
    {
        value = double.NaN;
        switch (column.State[row])
        {
            case CellState.Unparsable:
                return RejectReason.Unparsable;
            case CellState.Null:
                return required ? RejectReason.MissingValue : null;
        }

        double v = column.Doubles![row];
        if (!double.IsFinite(v))
        {
            return RejectReason.NotFinite;
        }

        switch (rule)
        {
            case NumberRule.NonNegative when v < 0:
                return RejectReason.NegativeValue;
            case NumberRule.Probability when v is < 0 or > 1:
                return RejectReason.OutOfRange;
        }

        value = v;
        return null;
    }

    /// <summary>Checks an int cell that must be ≥ 0; <paramref name="value"/> is 0 when null.</summary>
    public static RejectReason? NonNegativeInt(ColumnData column, int row, out int value)
    {
        value = 0;
        switch (column.State[row])
        {
            case CellState.Unparsable:
                return RejectReason.Unparsable;
            case CellState.Null:
                return null;
        }

        int v = column.Ints![row];
        if (v < 0)
        {
            return RejectReason.NegativeValue;
        }

        value = v;
        return null;
    }

    /// <summary>Checks a date cell; <paramref name="day"/> is <see cref="Core.Data.AccountTable.NoDate"/> when null.</summary>
    public static RejectReason? Date(ColumnData column, int row, bool required, out int day)
    {
        day = Core.Data.AccountTable.NoDate;
        switch (column.State[row])
        {
            case CellState.Unparsable:
                return RejectReason.Unparsable;
            case CellState.Null:
                return required ? RejectReason.MissingValue : null;
        }

        int d = column.Ints![row];
        if (d < MinDay || d > MaxDay)
        {
            return RejectReason.DateOutOfRange;
        }

        day = d;
        return null;
    }
}
