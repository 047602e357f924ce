namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// Parquet's RLE/bit-packing hybrid for dictionary indices of any bit width: runs of 16 or more equal indices become
/// RLE runs, everything between is bit-packed in groups of 8 (at most 63 groups per run, the last padded with zeros;
/// readers stop at the page's value count). <see cref="DefinitionLevelEncoder"/> is the same scheme for width 1.
/// </summary>
internal static class RleBitPackedEncoder
{
    private const int MinRleRun = 16;
    private const int MaxGroupsPerRun = 63;

    /// <summary>Bits needed for values up to <paramref name="max"/>; at least 1, which every reader accepts.</summary>
    public static int BitWidth(int max) => Math.Max(1, 32 - int.LeadingZeroCount(max));

    /// <summary>The largest encoding of <paramref name="count"/> values of <paramref name="bitWidth"/> bits.</summary>
    public static int MaxLength(int count, int bitWidth) =>
        (count / 8 + 1) * bitWidth + (count / MinRleRun + count / (MaxGroupsPerRun * 8) + 2) * 10 + 16;

    /// <summary>Encodes <paramref name="values"/> (each below 2^<paramref name="bitWidth"/>); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<int> values, int bitWidth, Span<byte> output)
    {
        int n = values.Length, pos = 0, literalStart = 0, i = 0;
        while (i < n)
        {
            int v = values[i];
            int end = i + 1;
            while (end < n && values[end] == v)
            {
                end++;
            }

            if (end - i >= MinRleRun)
            {
                int pad = (8 - (i - literalStart) % 8) % 8;
                pos = BitPack(values[literalStart..(i + pad)], bitWidth, output, pos);
                pos = VarInt((uint)(end - i - pad) << 1, output, pos);
                for (int b = 0; b < (bitWidth + 7) / 8; b++)
                {
                    output[pos++] = (byte)(v >> (8 * b));
                }

                literalStart = end;
            }

            i = end;
        }

        return BitPack(values[literalStart..n], bitWidth, output, pos);
    }

    private static int BitPack(ReadOnlySpan<int> values, int bitWidth, Span<byte> output, int pos)
    {
        int groups = (values.Length + 7) / 8;
        int k = 0;
        while (groups > 0)
        {
            int run = Math.Min(groups, MaxGroupsPerRun);
            pos = VarInt(((uint)run << 1) | 1, output, pos);
            for (int g = 0; g < run; g++)
            {
                // Eight values of bitWidth bits fill exactly bitWidth bytes, least significant bit first.
                ulong buffer = 0;
                int bits = 0;
                for (int j = 0; j < 8; j++, k++)
                {
                    ulong v = k < values.Length ? (uint)values[k] : 0u;
                    buffer |= v << bits;
                    bits += bitWidth;
                    while (bits >= 8)
                    {
                        output[pos++] = (byte)buffer;
                        buffer >>= 8;
                        bits -= 8;
                    }
                }
            }

            groups -= run;
        }

        return pos;
    }

    /// <summary>Writes <paramref name="value"/> as a ULEB128 varint (a run header) at <paramref name="pos"/>; returns the next position.</summary>
    internal static int VarInt(uint value, Span<byte> output, int pos)
    {
        while (value >= 0x80)
        {
            output[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[pos++] = (byte)value;
        return pos;
    }
}
