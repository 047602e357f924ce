using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// The per-cell rules of <see cref="CellRules"/> applied to a whole column of a batch (named by its position in the
/// table's schema, <see cref="AccountColumn"/> and its siblings), writing the values into a
/// staging slot from position <c>at</c> and recording failures in <see cref="StagedFailure"/> codes. Call them in
/// schema column order, after <see cref="Start"/>, so each row keeps its first failure. A cell that passes the
/// quick test (a present, finite, in-range value) is copied; any other goes through <see cref="CellRules"/>, which
/// decides the value and the reason, so both paths give what the row-by-row rules give.
/// </summary>
internal static class StagedRules
{
    /// <summary>Starts the batch's rows: a wrong field count fails the whole row, any other row has no failure yet.</summary>
    public static void Start(ColumnBatch batch, int[] failures, int at)
    {
        var wrong = batch.WrongFieldCount;
        int code = StagedFailure.Of(RejectReason.WrongFieldCount, -1);
        for (int i = 0; i < batch.RowCount; i++)
        {
            failures[at + i] = wrong[i] ? code : StagedFailure.None;
        }
    }

    /// <summary>String cells: the value, or <paramref name="whenMissing"/> for a null or empty cell (a failure when required).</summary>
    public static void Strings(ColumnBatch batch, int columnIndex, bool required, string?[] slot, int at, int[] failures,
        string? whenMissing = null)
    {
        var column = batch.Columns[columnIndex];
        int count = batch.RowCount;
        var state = column.State;
        var values = column.Strings!;
        for (int i = 0; i < count; i++)
        {
            string? v = values[i];
            if (state[i] == CellState.Value && !string.IsNullOrEmpty(v))
            {
                slot[at + i] = v;
            }
            else
            {
                slot[at + i] = whenMissing;
                if (required)
                {
                    StagedFailure.Record(failures, at + i, RejectReason.MissingValue, columnIndex);
                }
            }
        }
    }

    /// <summary>
    /// A required customer_id column: each id's dense customer index (resolved through <paramref name="customers"/>),
    /// <paramref name="unknown"/> with an unknown-customer failure for an id that is no accepted customer, and
    /// <paramref name="missing"/> with a missing-value failure for a null or empty cell.
    /// </summary>
    public static void Customers(
        ColumnBatch batch, int columnIndex, CustomerResolver customers, int unknown, int missing, int[] slot, int at, int[] failures)
    {
        var column = batch.Columns[columnIndex];
        int count = batch.RowCount;
        var state = column.State;
        var values = column.Strings!;
        customers.StartBatch(column);
        bool resolved = column.HasCustomers;
        var resolvedIndex = column.Customers;
        for (int i = 0; i < count; i++)
        {
            int index = CustomerResolver.Empty;
            if (state[i] == CellState.Value)
            {
                index = resolved ? resolvedIndex![i]
                    : string.IsNullOrEmpty(values[i]) ? CustomerResolver.Empty : customers.At(column, i);
            }

            if (index >= 0)
            {
                slot[at + i] = index;
            }
            else if (index == CustomerResolver.Empty)
            {
                slot[at + i] = missing;
                StagedFailure.Record(failures, at + i, RejectReason.MissingValue, columnIndex);
            }
            else
            {
                slot[at + i] = unknown;
                StagedFailure.Record(failures, at + i, RejectReason.UnknownCustomer, columnIndex);
            }
        }
    }

    /// <summary>Double cells under <paramref name="rule"/>: the value, or NaN for a null or failing cell.</summary>
    public static void Numbers(ColumnBatch batch, int columnIndex, bool required, NumberRule rule, double[] slot, int at,
        int[] failures)
    {
        var column = batch.Columns[columnIndex];
        int count = batch.RowCount;
        var state = column.State;
        var values = column.Doubles!;
        double low = rule == NumberRule.Any ? double.NegativeInfinity : 0;
        double high = rule == NumberRule.Probability ? 1 : double.PositiveInfinity;
        for (int i = 0; i < count; i++)
        {
            double v = values[i];
            if (state[i] == CellState.Value && double.IsFinite(v) && v >= low && v <= high)
            {
                slot[at + i] = v;
            }
            else
            {
                var reason = CellRules.Number(column, i, required, rule, out slot[at + i]);
                if (reason is { } r)
                {
                    StagedFailure.Record(failures, at + i, r, columnIndex);
                }
            }
        }
    }

    /// <summary>Date cells: the day number, or <see cref="Core.Data.AccountTable.NoDate"/> for a null or failing cell.</summary>
    public static void Dates(ColumnBatch batch, int columnIndex, bool required, int[] slot, int at, int[] failures)
    {
        var column = batch.Columns[columnIndex];
        int count = batch.RowCount;
        var state = column.State;
        var values = column.Ints!;
        int min = CellRules.MinDay, max = CellRules.MaxDay;
        for (int i = 0; i < count; i++)
        {
            int d = values[i];
            if (state[i] == CellState.Value && d >= min && d <= max)
            {
                slot[at + i] = d;
            }
            else
            {
                var reason = CellRules.Date(column, i, required, out slot[at + i]);
                if (reason is { } r)
                {
                    StagedFailure.Record(failures, at + i, r, columnIndex);
                }
            }
        }
    }

    /// <summary>Optional int cells that must be ≥ 0: the value, or 0 for a null or failing cell.</summary>
    public static void NonNegativeInts(ColumnBatch batch, int columnIndex, int[] slot, int at, int[] failures)
    {
        var column = batch.Columns[columnIndex];
        int count = batch.RowCount;
        var state = column.State;
        var values = column.Ints!;
        for (int i = 0; i < count; i++)
        {
            int v = values[i];
            if (state[i] == CellState.Value && v >= 0)
            {
                slot[at + i] = v;
            }
            else
            {
                var reason = CellRules.NonNegativeInt(column, i, out slot[at + i]);
                if (reason is { } r)
                {
                    StagedFailure.Record(failures, at + i, r, columnIndex);
                }
            }
        }
    }
}
