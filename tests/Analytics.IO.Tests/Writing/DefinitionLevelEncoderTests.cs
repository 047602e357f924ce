using Analytics.ParquetFormat.Writing;

namespace Analytics.Tests.Writing;

/// <summary>The RLE/bit-packing hybrid of definition levels, decoded by an independent reference decoder.</summary>
public sealed class DefinitionLevelEncoderTests
{
    [Fact]
    public void All_present_is_one_run()
    {
        // 1,000 ones: header varint(1000 << 1) = 2000 = 0xD0 0x0F, then the value byte 1.
        var levels = Enumerable.Repeat((byte)1, 1000).ToArray();
        var output = new byte[DefinitionLevelEncoder.MaxLength(levels.Length)];
        int n = DefinitionLevelEncoder.Encode(levels, output);
        Assert.Equal([0xD0, 0x0F, 0x01], output[..n]);
    }

    [Fact]
    public void Short_mixed_levels_are_bit_packed_least_significant_bit_first()
    {
        // 1,0,1,1 → one group of 8 (padded): header (1 << 1) | 1 = 3, bits 0b00001101 = 13.
        var output = new byte[DefinitionLevelEncoder.MaxLength(4)];
        int n = DefinitionLevelEncoder.Encode([1, 0, 1, 1], output);
        Assert.Equal([3, 13], output[..n]);
    }

    [Fact]
    public void A_run_after_literals_completes_their_last_group_first()
    {
        // 1,0,1 then twenty 0s: the literal group takes five of the zeros (1,0,1,0,0,0,0,0 = 0b101 = 5), the other 15
        // become a run: header 15 << 1 = 30, value 0.
        byte[] levels = [1, 0, 1, .. Enumerable.Repeat((byte)0, 20)];
        var output = new byte[DefinitionLevelEncoder.MaxLength(levels.Length)];
        int n = DefinitionLevelEncoder.Encode(levels, output);
        Assert.Equal([3, 5, 30, 0], output[..n]);
        Assert.Equal(levels, Decode(output.AsSpan(0, n), levels.Length));
    }

    [Fact]
    public void Empty_input_writes_nothing() =>
        Assert.Equal(0, DefinitionLevelEncoder.Encode([], new byte[DefinitionLevelEncoder.MaxLength(0)]));

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.01)]
    [InlineData(3, 0.99)]
    [InlineData(4, 0.0)]
    [InlineData(5, 1.0)]
    public void Random_patterns_round_trip(int seed, double nullShare)
    {
        var random = new Random(seed);
        foreach (int length in new[] { 1, 7, 8, 9, 15, 16, 17, 63, 504, 505, 5000 })
        {
            // Runs of random lengths (1–40), so both run kinds and every boundary case appear.
            var levels = new byte[length];
            for (int i = 0; i < length;)
            {
                byte v = random.NextDouble() < nullShare ? (byte)0 : (byte)1;
                int run = random.Next(1, 41);
                for (int k = 0; k < run && i < length; k++) levels[i++] = v;
            }

            var output = new byte[DefinitionLevelEncoder.MaxLength(length)];
            int n = DefinitionLevelEncoder.Encode(levels, output);
            Assert.Equal(levels, Decode(output.AsSpan(0, n), length));
        }
    }

    [Fact]
    public void Alternating_levels_stay_within_the_size_bound()
    {
        var levels = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 2)).ToArray();
        var output = new byte[DefinitionLevelEncoder.MaxLength(levels.Length)];
        int n = DefinitionLevelEncoder.Encode(levels, output);
        Assert.Equal(levels, Decode(output.AsSpan(0, n), levels.Length));
        // 1,250 packed bytes and one header per 63 groups (20 headers).
        Assert.Equal(1250 + 20, n);
    }

    /// <summary>Reference decoder of the format (bit width 1), straight from the Parquet specification.</summary>
    private static byte[] Decode(ReadOnlySpan<byte> data, int count)
    {
        var result = new List<byte>();
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
                byte value = data[pos++];
                for (uint i = 0; i < header >> 1; i++) result.Add(value);
            }
            else
            {
                for (uint g = 0; g < header >> 1; g++)
                {
                    byte bits = data[pos++];
                    for (int k = 0; k < 8; k++) result.Add((byte)((bits >> k) & 1));
                }
            }
        }

        Assert.Equal(data.Length, pos);
        return result.Take(count).ToArray();
    }
}
