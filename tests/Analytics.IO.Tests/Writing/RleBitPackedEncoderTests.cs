using Analytics.ParquetFormat.Writing;

namespace Analytics.Tests.Writing;

/// <summary>The same hybrid for dictionary indices of wider bit widths.</summary>
public sealed class RleBitPackedEncoderTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4095, 12)]
    [InlineData(4096, 13)]
    public void Bit_width_covers_the_largest_index(int max, int width) => Assert.Equal(width, RleBitPackedEncoder.BitWidth(max));

    [Fact]
    public void Eight_three_bit_values_fill_three_bytes_least_significant_bit_first()
    {
        // 0..7 at 3 bits: 000 001 010 011 100 101 110 111 packed LSB first = 0x88 0xC6 0xFA; header (1 << 1) | 1 = 3.
        var output = new byte[RleBitPackedEncoder.MaxLength(8, 3)];
        int n = RleBitPackedEncoder.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, output);
        Assert.Equal([3, 0x88, 0xC6, 0xFA], output[..n]);
    }

    [Fact]
    public void A_long_run_of_a_two_byte_index_is_one_run()
    {
        // 100 × 300 at 9 bits: header 100 << 1 = 200 = 0xC8 0x01, value in two bytes little-endian: 0x2C 0x01.
        var output = new byte[RleBitPackedEncoder.MaxLength(100, 9)];
        int n = RleBitPackedEncoder.Encode(Enumerable.Repeat(300, 100).ToArray(), 9, output);
        Assert.Equal([0xC8, 0x01, 0x2C, 0x01], output[..n]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 12)]
    [InlineData(4, 17)]
    public void Random_indices_round_trip(int seed, int bitWidth)
    {
        var random = new Random(seed);
        foreach (int length in new[] { 1, 8, 15, 16, 17, 100, 505, 4000 })
        {
            var values = new int[length];
            for (int i = 0; i < length;)
            {
                int v = random.Next(1 << bitWidth);
                int run = random.Next(1, 30);
                for (int k = 0; k < run && i < length; k++) values[i++] = v;
            }

            var output = new byte[RleBitPackedEncoder.MaxLength(length, bitWidth)];
            int n = RleBitPackedEncoder.Encode(values, bitWidth, output);
            Assert.Equal(values, Decode(output.AsSpan(0, n), bitWidth, length));
        }
    }

    /// <summary>Reference decoder from the Parquet specification.</summary>
    private static int[] Decode(ReadOnlySpan<byte> data, int bitWidth, int count)
    {
        var result = new List<int>();
        int pos = 0;
        while (result.Count < count)
        {
            uint header = 0;
            int shift = 0;
            byte b;
            do
            {
                b = data[pos++];
                header |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            if ((header & 1) == 0)
            {
                int value = 0;
                for (int i = 0; i < (bitWidth + 7) / 8; i++) value |= data[pos++] << (8 * i);
                for (uint i = 0; i < header >> 1; i++) result.Add(value);
            }
            else
            {
                int values = (int)(header >> 1) * 8;
                var bits = data.Slice(pos, (int)(header >> 1) * bitWidth);
                pos += bits.Length;
                for (int i = 0; i < values; i++)
                {
                    int value = 0;
                    for (int k = 0; k < bitWidth; k++)
                    {
                        int bit = i * bitWidth + k;
                        value |= ((bits[bit / 8] >> (bit % 8)) & 1) << k;
                    }

                    result.Add(value);
                }
            }
        }

        Assert.Equal(data.Length, pos);
        return result.Take(count).ToArray();
    }
}
