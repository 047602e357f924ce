using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Decodes Parquet's RLE / bit-packed hybrid encoding (definition levels and dictionary indices): a sequence of runs,
/// each introduced by a ULEB128 header whose low bit says bit-packed (groups of 8 values, LSB first) or RLE (one
/// value repeated, stored in ⌈width/8⌉ little-endian bytes). Truncated input raises <see cref="InvalidDataException"/>.
/// </summary>
internal static class RleBitPackedDecoder
{
    /// <summary>
    /// Fills all of <paramref name="output"/> from <paramref name="data"/> (values of <paramref name="bitWidth"/>
    /// bits, 0..32) and returns the bytes consumed. A run reaching past the last value wanted is cut short.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if ((uint)bitWidth > 32)
        {
            throw new InvalidDataException($"bit width {bitWidth} is out of range");
        }

        int byteWidth = (bitWidth + 7) >> 3;
        int position = 0;
        int written = 0;
        while (written < output.Length)
        {
            ulong header = ReadUleb128(data, ref position);
            if ((header & 1) == 0)
            {
                ulong runLength = header >> 1;
                if (byteWidth > data.Length - position)
                {
                    throw new InvalidDataException("RLE run is truncated");
                }

                uint value = 0;
                for (int b = 0; b < byteWidth; b++)
                {
                    value |= (uint)data[position + b] << (8 * b);
                }

                position += byteWidth;
                if (bitWidth < 32 && value >> bitWidth != 0)
                {
                    throw new InvalidDataException("RLE value is wider than the bit width");
                }

                int take = (int)Math.Min(runLength, (ulong)(output.Length - written));
                output.Slice(written, take).Fill((int)value);
                written += take;
            }
            else
            {
                // Headers come from the file: saturate rather than let a huge group count wrap around.
                ulong groups = Math.Min(header >> 1, (ulong)int.MaxValue);
                ulong runBytes = groups * (ulong)bitWidth;
                int take = (int)Math.Min(groups * 8, (ulong)(output.Length - written));
                // Only the bytes holding the values wanted must be there: some writers do not pad the last run.
                long needed = ((long)take * bitWidth + 7) >> 3;
                if (needed > data.Length - position)
                {
                    throw new InvalidDataException("bit-packed run is truncated");
                }

                Unpack(data.Slice(position), bitWidth, output.Slice(written, take));
                written += take;
                position = (int)Math.Min((ulong)data.Length, (ulong)position + runBytes);
            }
        }

        return position;
    }

    /// <summary>
    /// Unpacks <c>output.Length</c> values of <paramref name="bitWidth"/> bits, LSB first. Groups of 8 values with
    /// 8 bytes of slack behind them are read with unaligned 64-bit loads; the tail bit by bit.
    /// </summary>
    private static void Unpack(ReadOnlySpan<byte> source, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        if (bitWidth == 1)
        {
            UnpackBits(source, output);
            return;
        }

        ulong mask = (1UL << bitWidth) - 1;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref int dst = ref MemoryMarshal.GetReference(output);
        int i = 0;
        int groupEnd = output.Length & ~7;
        for (; i < groupEnd; i += 8)
        {
            // i is a multiple of 8, so the group starts on a byte boundary and spans bitWidth bytes.
            int byteOffset = (i >> 3) * bitWidth;
            if (byteOffset + bitWidth + 8 > source.Length)
            {
                break;
            }

            ref byte group = ref Unsafe.Add(ref src, byteOffset);
            for (int k = 0; k < 8; k++)
            {
                int bit = k * bitWidth;
                ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, bit >> 3));
                if (!BitConverter.IsLittleEndian) word = BinaryPrimitives.ReverseEndianness(word);
                Unsafe.Add(ref dst, i + k) = (int)((word >> (bit & 7)) & mask);
            }
        }

        for (; i < output.Length; i++)
        {
            long bit = (long)i * bitWidth;
            ulong value = 0;
            int got = 0;
            while (got < bitWidth)
            {
                int byteIndex = (int)(bit >> 3);
                int shift = (int)(bit & 7);
                int bits = Math.Min(8 - shift, bitWidth - got);
                value |= (ulong)((source[byteIndex] >> shift) & ((1 << bits) - 1)) << got;
                got += bits;
                bit += bits;
            }

            output[i] = (int)value;
        }
    }

    /// <summary>
    /// Width 1 (definition levels of optional columns): a byte of all ones or all zeros, the usual case, is eight
    /// equal values written at once.
    /// </summary>
    private static void UnpackBits(ReadOnlySpan<byte> source, Span<int> output)
    {
        int whole = output.Length >> 3;
        for (int g = 0; g < whole; g++)
        {
            byte b = source[g];
            var target = output.Slice(g << 3, 8);
            if (b == 0xFF)
            {
                target.Fill(1);
            }
            else if (b == 0)
            {
                target.Clear();
            }
            else
            {
                for (int k = 0; k < 8; k++)
                {
                    target[k] = (b >> k) & 1;
                }
            }
        }

        for (int i = whole << 3; i < output.Length; i++)
        {
            output[i] = (source[i >> 3] >> (i & 7)) & 1;
        }
    }

    private static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("RLE / bit-packed data ends early");
            }

            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("RLE / bit-packed run header is too long");
    }
}
