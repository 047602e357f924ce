using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Analytics.ParquetFormat.Reading.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED (parquet-format Encodings.md): a header (block size, miniblocks per block, total value count,
/// first value as a zigzag ULEB128), then blocks, each a zigzag minimum delta, one bit width per miniblock and the
/// miniblocks' bit-packed (LSB first) deltas above the minimum. INT32 columns use the same arithmetic modulo 2^32,
/// which taking the low 32 bits of the 64-bit sums gives.
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>
    /// Decodes all of <paramref name="output"/> (whose length must be the header's total value count) from
    /// <paramref name="data"/>; returns the bytes the encoding occupies (what follows them belongs to the caller:
    /// DELTA_LENGTH_BYTE_ARRAY's bytes, DELTA_BYTE_ARRAY's suffix lengths). Malformed data raises
    /// <see cref="InvalidDataException"/>; a count other than promised raises <see cref="ParquetChunkException"/>.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> output)
    {
        int position = 0;
        ulong blockSize = ReadUleb128(data, ref position);
        ulong miniblocks = ReadUleb128(data, ref position);
        ulong total = ReadUleb128(data, ref position);
        long value = ZigZag(ReadUleb128(data, ref position));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0
            || blockSize / miniblocks % 32 != 0)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED block size {blockSize} with {miniblocks} miniblocks is not valid");
        }

        if (total != (ulong)output.Length)
        {
            throw new ParquetChunkException(
                $"has a DELTA_BINARY_PACKED run of {total} values where the page promises {output.Length}");
        }

        if (output.IsEmpty)
        {
            return position;
        }

        int perMiniblock = (int)(blockSize / miniblocks);
        int miniblockCount = (int)miniblocks;
        output[0] = value;
        int n = 1;
        while (n < output.Length)
        {
            long minDelta = ZigZag(ReadUleb128(data, ref position));
            if (miniblockCount > data.Length - position)
            {
                throw Truncated();
            }

            var widths = data.Slice(position, miniblockCount);
            position += miniblockCount;
            for (int m = 0; m < miniblockCount && n < output.Length; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"DELTA_BINARY_PACKED bit width {width} is over 64");
                }

                int take = Math.Min(perMiniblock, output.Length - n);
                // A miniblock is always stored whole (padded), except that the last one may be cut at the end of the data.
                int bytes = perMiniblock * width / 8;
                int needed = (take * width + 7) / 8;
                if (needed > data.Length - position)
                {
                    throw Truncated();
                }

                var packed = data.Slice(position, Math.Min(bytes, data.Length - position));
                if (width == 0)
                {
                    for (int i = 0; i < take; i++)
                    {
                        value += minDelta;
                        output[n++] = value;
                    }
                }
                else
                {
                    ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                    long bit = 0;
                    for (int i = 0; i < take; i++, bit += width)
                    {
                        value += minDelta + (long)ReadBits(packed, bit, width, mask);
                        output[n++] = value;
                    }
                }

                position += packed.Length;
            }
        }

        return position;
    }

    /// <summary><paramref name="width"/> bits (1..64) starting at bit <paramref name="bit"/>, LSB first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadBits(ReadOnlySpan<byte> data, long bit, int width, ulong mask)
    {
        int index = (int)(bit >> 3);
        int shift = (int)(bit & 7);
        if (data.Length - index >= 9)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(index)) >> shift;
            if (width + shift > 64)
            {
                word |= (ulong)data[index + 8] << (64 - shift);
            }

            return word & mask;
        }

        ulong result = 0;
        for (int taken = 0, i = index; taken < width + shift && i < data.Length; taken += 8, i++)
        {
            // Bits of byte i land at position taken − shift of the result (negative: the byte's low bits are skipped).
            result |= taken >= shift ? (ulong)data[i] << (taken - shift) : (ulong)data[i] >> (shift - taken);
        }

        return result & mask;
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Truncated();
            }

            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("DELTA_BINARY_PACKED varint is too long");
    }

    private static InvalidDataException Truncated() => new("DELTA_BINARY_PACKED data is truncated");
}
