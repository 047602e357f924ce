namespace Analytics.IO.Validation;

/// <summary>
/// A staged row's first failure packed in one int (<see cref="RowFailure"/> as a staging column): 0 for none, else
/// the column (−1 for the whole row) and the reason. Rules are checked column by column in schema order and only the
/// first failure of a row is kept, which is the failure <see cref="RowFailure.Check"/> keeps when checking row by row.
/// </summary>
internal static class StagedFailure
{
    /// <summary>No rule broken.</summary>
    public const int None = 0;

    /// <summary>The code for <paramref name="reason"/> in <paramref name="column"/> (−1 = the whole row); never <see
    /// cref="None"/>.</summary>
    public static int Of(RejectReason reason, int column) => ((column + 2) << 8) | (int)reason;

    /// <summary>The failing column of <paramref name="code"/>, −1 for the whole row.</summary>
    public static int Column(int code) => (code >> 8) - 2;

    /// <summary>The reason of <paramref name="code"/>.</summary>
    public static RejectReason Reason(int code) => (RejectReason)(code & 0xFF);

    /// <summary>Records the failure unless the row already failed (an earlier column).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Record(int[] failures, int row, RejectReason reason, int column)
    {
        if (failures[row] == None)
        {
            failures[row] = Of(reason, column);
        }
    }

    /// <summary>The reject of a staged row that failed with <paramref name="code"/>.</summary>
    public static Reject ToReject(string table, string file, long row, Reading.TableSchema schema, int code)
    {
        int column = Column(code);
        return new Reject(table, file, row, column < 0 ? "" : schema.Columns[column].Name, Reason(code));
    }
}
