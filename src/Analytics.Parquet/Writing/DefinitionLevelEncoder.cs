namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// Parquet's RLE/bit-packing hybrid for definition levels of a flat optional column (bit width 1). Runs of 16 or
/// more equal levels become RLE runs; everything between them is bit-packed in groups of 8 (at most 63 groups per
/// run, as common writers do), the last group padded with zeros — readers stop at the page's value count.
/// </summary>
internal static class DefinitionLevelEncoder
{
    private const int MinRleRun = 16;
    private const int MaxGroupsPerRun = 63;

    /// <summary>The largest encoding of <paramref name="count"/> levels, for sizing buffers.</summary>
    public static int MaxLength(int count) => count / 8 + count / (MaxGroupsPerRun * 8) + 16 + count / MinRleRun * 6;

    /// <summary>Encodes <paramref name="levels"/> (each 0 or 1) into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> levels, Span<byte> output)
    {
        int n = levels.Length, pos = 0, literalStart = 0, i = 0;
        while (i < n)
        {
            byte v = levels[i];
            int end = i + 1;
            while (end < n && levels[end] == v)
            {
                end++;
            }

            if (end - i >= MinRleRun)
            {
                // Complete the pending literals to a multiple of 8 with the run's first values, then emit the rest as a run.
                int pad = (8 - (i - literalStart) % 8) % 8;
                pos = BitPack(levels[literalStart..(i + pad)], output, pos);
                pos = Rle(end - i - pad, v, output, pos);
                literalStart = end;
            }

            i = end;
        }

        return BitPack(levels[literalStart..n], output, pos);
    }

    private static int Rle(int count, byte value, Span<byte> output, int pos)
    {
        pos = RleBitPackedEncoder.VarInt((uint)count << 1, output, pos);
        output[pos++] = value;
        return pos;
    }

    private static int BitPack(ReadOnlySpan<byte> levels, Span<byte> output, int pos)
    {
        int groups = (levels.Length + 7) / 8;
        int k = 0;
        while (groups > 0)
        {
            int run = Math.Min(groups, MaxGroupsPerRun);
            pos = RleBitPackedEncoder.VarInt(((uint)run << 1) | 1, output, pos);
            for (int g = 0; g < run; g++)
            {
                int bits = 0;
                for (int b = 0; b < 8 && k < levels.Length; b++, k++)
                {
                    bits |= levels[k] << b;
                }

                output[pos++] = (byte)bits;
            }

            groups -= run;
        }

        return pos;
    }
}
