using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// Rows of a table staged column by column before any can be accepted (a duplicated key rejects every row carrying
/// it, so nothing is decided until all rows are read): typed arrays in slots that each loader names, plus each row's
/// first failure (<see cref="StagedFailure"/>). No per-row objects.
/// </summary>
/// <remarks>
/// While reading there is one buffer per input file and a batch's rows go to positions <c>FirstRowNumber − 1</c>
/// onwards, so blocks of one file staged by different workers fill disjoint ranges and the staged order is the
/// file's row order whatever the thread count. A file whose row count is known when it is opened (Parquet) gets
/// exactly that many rows, once; a file whose count is not (CSV, always one block, so one writer) grows as it is read.
/// The files' buffers are then joined in file order (<see cref="Join"/>): the order a sequential read stages rows in.
/// </remarks>
internal sealed class StagingBuffer
{
    /// <summary>First capacity of a buffer whose row count is not known up front; it doubles from there.</summary>
    private const int GrowingStart = 1024;

    private readonly bool _fixedSize;

    /// <summary>A buffer for <paramref name="rows"/> rows, or a growing one when null.</summary>
    public StagingBuffer(int doubles, int ints, int strings, long? rows)
    {
        if (rows > Array.MaxLength)
        {
            throw new InvalidOperationException($"A file of {rows} rows is more than one table can stage.");
        }

        int capacity = rows is { } known ? (int)known : GrowingStart;
        _fixedSize = rows is not null;
        Count = _fixedSize ? capacity : 0;
        Doubles = new double[doubles][];
        Ints = new int[ints][];
        Strings = new string?[strings][];
        Allocate(capacity);
    }

    /// <summary>Double slots.</summary>
    public double[][] Doubles { get; }

    /// <summary>Int slots.</summary>
    public int[][] Ints { get; }

    /// <summary>String slots.</summary>
    public string?[][] Strings { get; }

    /// <summary>Per row, <see cref="StagedFailure.None"/> or the first rule it broke.</summary>
    public int[] Failures { get; private set; } = [];

    /// <summary>Rows staged; the arrays may be longer (a growing buffer).</summary>
    public int Count { get; private set; }

    /// <summary>Whether every array holds exactly <see cref="Count"/> rows, so it can become a table column as it is.</summary>
    public bool IsExact => Failures.Length == Count;

    /// <summary>
    /// The position of row 0 of <paramref name="batch"/>, after making room for the batch (growing buffers only;
    /// a fixed-size buffer that is too small means the reader delivered more rows than it announced).
    /// </summary>
    public int Place(ColumnBatch batch)
    {
        long first = batch.FirstRowNumber - 1;
        long end = first + batch.RowCount;
        if (first < 0 || end > Failures.Length)
        {
            if (_fixedSize || first < 0 || end > Array.MaxLength)
            {
                throw new InvalidOperationException(
                    $"Rows {first + 1}..{end} of {batch.File} do not fit the {Failures.Length} rows staged for it.");
            }

            Grow((int)Math.Min(Array.MaxLength, Math.Max(end, 2L * Failures.Length)));
        }

        if (end > Count)
        {
            Count = (int)end;
        }

        return (int)first;
    }

    /// <summary>
    /// The files' buffers (null for a file with no block) as one buffer in file order, and where each file's rows start
    /// (<paramref name="fileStart"/>[f], with the total at the end). A single file's buffer is returned as it is; several
    /// are copied slot by slot, each source array dropped once copied, so the join holds one extra column at a time.
    /// </summary>
    public static StagingBuffer Join(StagingBuffer?[] files, int doubles, int ints, int strings, out int[] fileStart)
    {
        fileStart = new int[files.Length + 1];
        long total = 0;
        for (int f = 0; f < files.Length; f++)
        {
            fileStart[f] = (int)total;
            total += files[f]?.Count ?? 0;
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException($"{total} rows are more than one table can stage.");
            }
        }

        fileStart[files.Length] = (int)total;
        if (files.Length == 1 && files[0] is { } only)
        {
            return only;
        }

        var failures = JoinSlot(files, fileStart, total, static b => b.Failures, static b => b.Failures = []);
        var d = new double[doubles][];
        for (int k = 0; k < doubles; k++)
        {
            d[k] = JoinSlot(files, fileStart, total, b => b.Doubles[k], b => b.Doubles[k] = []);
        }

        var i = new int[ints][];
        for (int k = 0; k < ints; k++)
        {
            i[k] = JoinSlot(files, fileStart, total, b => b.Ints[k], b => b.Ints[k] = []);
        }

        var s = new string?[strings][];
        for (int k = 0; k < strings; k++)
        {
            s[k] = JoinSlot(files, fileStart, total, b => b.Strings[k], b => b.Strings[k] = []);
        }

        return new StagingBuffer(failures, d, i, s);
    }

    private StagingBuffer(int[] failures, double[][] doubles, int[][] ints, string?[][] strings)
    {
        _fixedSize = true;
        Failures = failures;
        Count = failures.Length;
        Doubles = doubles;
        Ints = ints;
        Strings = strings;
    }

    private static T[] JoinSlot<T>(StagingBuffer?[] files, int[] fileStart, long total, Func<StagingBuffer, T[]> slot,
        Action<StagingBuffer> drop)
    {
        var joined = new T[total];
        for (int f = 0; f < files.Length; f++)
        {
            if (files[f] is { } b)
            {
                Array.Copy(slot(b), 0, joined, fileStart[f], b.Count);
                drop(b);
            }
        }

        return joined;
    }

    private void Allocate(int capacity)
    {
        Failures = new int[capacity];
        for (int k = 0; k < Doubles.Length; k++)
        {
            Doubles[k] = new double[capacity];
        }

        for (int k = 0; k < Ints.Length; k++)
        {
            Ints[k] = new int[capacity];
        }

        for (int k = 0; k < Strings.Length; k++)
        {
            Strings[k] = new string?[capacity];
        }
    }

    private void Grow(int capacity)
    {
        var failures = Failures;
        Failures = new int[capacity];
        Array.Copy(failures, Failures, Count);
        for (int k = 0; k < Doubles.Length; k++)
        {
            var old = Doubles[k];
            Doubles[k] = new double[capacity];
            Array.Copy(old, Doubles[k], Count);
        }

        for (int k = 0; k < Ints.Length; k++)
        {
            var old = Ints[k];
            Ints[k] = new int[capacity];
            Array.Copy(old, Ints[k], Count);
        }

        for (int k = 0; k < Strings.Length; k++)
        {
            var old = Strings[k];
            Strings[k] = new string?[capacity];
            Array.Copy(old, Strings[k], Count);
        }
    }
}
