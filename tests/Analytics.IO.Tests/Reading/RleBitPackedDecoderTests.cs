using Analytics.ParquetFormat.Reading;

namespace Analytics.Tests.Reading;

public class RleBitPackedDecoderTests
{
    private static int[] Decode(byte[] data, int bitWidth, int count, out int consumed)
    {
        var output = new int[count];
        consumed = RleBitPackedDecoder.Decode(data, bitWidth, output);
        return output;
    }

    [Fact]
    public void Width_0_runs_take_no_value_bytes()
    {
        // 0x0A = RLE run of 5 (5 << 1); 0x03 = one bit-packed group of 8 (1 << 1 | 1), 0 bytes each.
        var values = Decode([0x0A, 0x03], 0, 13, out int consumed);

        Assert.Equal(new int[13], values);
        Assert.Equal(2, consumed);
    }

    [Fact]
    public void Width_1_bit_packed_group_then_rle_run()
    {
        // 0xB2 = 1011_0010, read least significant bit first: 0,1,0,0,1,1,0,1; then 0x06 0x01 = RLE run of 3 ones.
        var values = Decode([0x03, 0xB2, 0x06, 0x01], 1, 11, out int consumed);

        Assert.Equal([0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1], values);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Width_3_spec_example_then_multi_byte_run_header()
    {
        // Parquet's own example: 0..7 in 3 bits pack to 10001000 11000110 11111010. Then a run of 300 fives:
        // header 600 = 0x258, ULEB128 0xD8 0x04, value byte 0x05.
        var values = Decode([0x03, 0x88, 0xC6, 0xFA, 0xD8, 0x04, 0x05], 3, 308, out int consumed);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values[..8]);
        Assert.All(values[8..], v => Assert.Equal(5, v));
        Assert.Equal(7, consumed);
    }

    [Fact]
    public void Width_8_values_are_whole_bytes_and_runs_are_cut_at_the_count()
    {
        byte[] data = [0x04, 0xFF, 0x03, 1, 2, 3, 4, 5, 6, 7, 8];

        Assert.Equal([255, 255, 1, 2, 3, 4, 5, 6, 7, 8], Decode(data, 8, 10, out _));
        // Six values: the bit-packed run is cut after four of its eight.
        Assert.Equal([255, 255, 1, 2, 3, 4], Decode(data, 8, 6, out _));
    }

    [Fact]
    public void Width_17_rle_value_takes_three_bytes_and_packed_values_cross_bytes()
    {
        // RLE run of 4 (0x08) of 0x1ABCD = 109517, little-endian CD AB 01. Then one group of 8:
        // 0x1FFFF fills bits 0-16, 1 sets bit 17, the rest are zero: FF FF 03 and 14 zero bytes (8 × 17 bits = 17 bytes).
        var data = new List<byte> { 0x08, 0xCD, 0xAB, 0x01, 0x03, 0xFF, 0xFF, 0x03 };
        data.AddRange(new byte[14]);

        var values = Decode([.. data], 17, 12, out int consumed);

        Assert.Equal([109517, 109517, 109517, 109517, 0x1FFFF, 1, 0, 0, 0, 0, 0, 0], values);
        Assert.Equal(4 + 1 + 17, consumed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(32)]
    public void Long_bit_packed_runs_match_a_bit_by_bit_packer(int bitWidth)
    {
        // 1003 values: the 8-at-a-time path for most groups, the bit-by-bit path for the last ones and the tail.
        var random = new Random(bitWidth);
        var expected = new int[1003];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = (int)((uint)random.NextInt64() & (uint)((1UL << bitWidth) - 1));
        }

        int groups = (expected.Length + 7) / 8;
        var data = new List<byte>();
        data.AddRange(Uleb128(((ulong)groups << 1) | 1));
        data.AddRange(Pack(expected, bitWidth, groups * 8));

        Assert.Equal(expected, Decode([.. data], bitWidth, expected.Length, out int consumed));
        Assert.Equal(data.Count, consumed);
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x88 }, 3, 8)]
    [InlineData(new byte[] { 0x08, 0xCD }, 17, 1)]
    [InlineData(new byte[0], 1, 1)]
    [InlineData(new byte[] { 0x80, 0x80 }, 1, 1)]
    [InlineData(new byte[] { 0x02, 0x02 }, 1, 1)]
    public void Truncated_or_invalid_input_is_rejected(byte[] data, int bitWidth, int count)
    {
        Assert.Throws<InvalidDataException>(() => Decode(data, bitWidth, count, out _));
    }

    [Fact]
    public void Bit_width_above_32_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => Decode([0x02, 0, 0, 0, 0, 0], 33, 1, out _));
    }

    private static byte[] Pack(int[] values, int bitWidth, int paddedCount)
    {
        var bytes = new byte[paddedCount * bitWidth / 8];
        for (int i = 0; i < values.Length; i++)
        {
            for (int b = 0; b < bitWidth; b++)
            {
                if (((uint)values[i] >> b & 1) != 0)
                {
                    long bit = (long)i * bitWidth + b;
                    bytes[bit / 8] |= (byte)(1 << (int)(bit % 8));
                }
            }
        }

        return bytes;
    }

    private static List<byte> Uleb128(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return bytes;
    }
}
