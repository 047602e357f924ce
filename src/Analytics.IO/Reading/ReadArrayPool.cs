using System.Runtime.CompilerServices;

namespace Analytics.IO.Reading;

/// <summary>
/// Large arrays the Parquet reader's column buffers and batches use, kept between files: a run reads several
/// tables with one or two leases each, and without reuse every lease allocated its own arrays of a row group's
/// length (≈ 190 MiB per run at 200k customers, all on the large-object heap, each allocation bringing the next
/// blocking full collection nearer). A lease takes its arrays here and gives them back when it is disposed, after its
/// last batch has been consumed. <see cref="Clear"/> lets them all go when loading ends, so nothing is held through
/// the rest of the run (the reason the shared <see cref="System.Buffers.ArrayPool{T}"/> is not used: it keeps
/// million-entry arrays per core for the life of the process).
/// </summary>
internal static class ReadArrayPool
{
    private static readonly List<Action> Clears = [];

    /// <summary>Drops every array held; arrays out on loan are unaffected and are simply not kept when returned late.</summary>
    public static void Clear()
    {
        Action[] clears;
        lock (Clears)
        {
            clears = [.. Clears];
        }

        foreach (var clear in clears)
        {
            clear();
        }
    }

    /// <summary>Returns <paramref name="array"/> to the pool of its element type.</summary>
    public static void Return(Array array)
    {
        // By exact type: the runtime lets an int[] test match a uint[] and a byte[] test match a CellState[].
        Type type = array.GetType();
        if (type == typeof(double[])) ReadArrayPool<double>.Return((double[])array);
        else if (type == typeof(int[])) ReadArrayPool<int>.Return((int[])array);
        else if (type == typeof(string[])) ReadArrayPool<string>.Return((string[])array);
        else if (type == typeof(CellState[])) ReadArrayPool<CellState>.Return((CellState[])array);
        else if (type == typeof(byte[])) ReadArrayPool<byte>.Return((byte[])array);
        else if (type == typeof(bool[])) ReadArrayPool<bool>.Return((bool[])array);
        else if (type == typeof(long[])) ReadArrayPool<long>.Return((long[])array);
        else if (type == typeof(DateOnly[])) ReadArrayPool<DateOnly>.Return((DateOnly[])array);
        else if (type == typeof(DateTime[])) ReadArrayPool<DateTime>.Return((DateTime[])array);
        // Rare element types (narrow integers, decimals) are left to the collector.
    }

    internal static void Register(Action clear)
    {
        lock (Clears)
        {
            Clears.Add(clear);
        }
    }
}

/// <summary>The arrays of one element type held by <see cref="ReadArrayPool"/>.</summary>
internal static class ReadArrayPool<T>
{
    /// <summary>Enough for every column of the tables read at once by two workers; beyond it returns are dropped.</summary>
    private const int MaxHeld = 64;

    /// <summary>Smaller arrays are cheap to allocate and not worth holding.</summary>
    private const int MinPooledLength = 1024;

    private static readonly List<T[]> Free = [];

    static ReadArrayPool()
    {
        ReadArrayPool.Register(Clear);
    }

    /// <summary>
    /// An array of at least <paramref name="length"/> entries: the smallest held one that fits, else a new one.
    /// Contents are unspecified for value types; reference-type arrays come back cleared.
    /// </summary>
    public static T[] Take(int length)
    {
        if (length >= MinPooledLength)
        {
            lock (Free)
            {
                int best = -1;
                for (int i = 0; i < Free.Count; i++)
                {
                    if (Free[i].Length >= length && (best < 0 || Free[i].Length < Free[best].Length))
                    {
                        best = i;
                    }
                }

                if (best >= 0)
                {
                    var array = Free[best];
                    Free[best] = Free[^1];
                    Free.RemoveAt(Free.Count - 1);
                    return array;
                }
            }
        }

        return GC.AllocateUninitializedArray<T>(Math.Max(length, 1));
    }

    /// <summary>Gives <paramref name="array"/> back; the caller must hold no reference to it that it still reads or writes.</summary>
    public static void Return(T[] array)
    {
        if (array.Length < MinPooledLength)
        {
            return;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Values of one file must not be kept alive by, or leak into, the next lease's arrays.
            Array.Clear(array);
        }

        lock (Free)
        {
            if (Free.Count < MaxHeld)
            {
                Free.Add(array);
            }
        }
    }

    /// <summary>Drops every held array.</summary>
    public static void Clear()
    {
        lock (Free)
        {
            Free.Clear();
        }
    }
}
