namespace Analytics.Pipeline.Serialization;

/// <summary>
/// Length-prefixed arrays in the binary files and messages of a distributed run (partition files, pass results,
/// report facts): one layout, so every writer and reader of those bytes agrees.
/// </summary>
internal static class BinaryArrays
{
    public static void Doubles(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (double v in values) w.Write(v);
    }

    public static double[] Doubles(BinaryReader r)
    {
        var values = new double[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
        return values;
    }

    public static void Ints(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (int v in values) w.Write(v);
    }

    public static int[] Ints(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadInt32();
        return values;
    }

    public static void Longs(BinaryWriter w, long[] values)
    {
        w.Write(values.Length);
        foreach (long v in values) w.Write(v);
    }

    public static long[] Longs(BinaryReader r)
    {
        var values = new long[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        return values;
    }
}
