using Analytics.Core.Errors;
using Analytics.IO.Reading;
using Analytics.IO.Writing;
using Analytics.ParquetFormat.Reading;
using Analytics.ParquetFormat.Reading.Encodings;
using K4os.Compression.LZ4;
using Parquet.Meta;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

/// <summary>
/// The value decoders and codecs of Analytics.Parquet on hand-built bytes; where parquet-format's Encodings.md
/// gives an example, it is that example, byte for byte.
/// </summary>
public sealed class EncodingDecoderTests
{
    [Fact]
    public void Delta_binary_packed_spec_example_1_constant_deltas()
    {
        // 1, 2, 3, 4, 5: block size 128 (ULEB 80 01), 4 miniblocks, 5 values, first value 1 (zigzag 2);
        // one block: minimum delta 1 (zigzag 2), every bit width 0, so no packed bytes.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0];
        long[] values = new long[5];

        int used = DeltaBinaryPackedDecoder.Decode(data, values);

        Assert.Equal([1L, 2, 3, 4, 5], values);
        Assert.Equal(data.Length, used);
    }

    [Fact]
    public void Delta_binary_packed_spec_example_2_negative_minimum_delta()
    {
        // 7, 5, 3, 1, 2, 3, 4, 5: deltas −2 −2 −2 1 1 1 1, minimum −2 (zigzag 3), relative 0 0 0 3 3 3 3 in 2 bits:
        // first miniblock of 32 values = 8 bytes, C0 FF then zeros (LSB first); the other three have width 0.
        byte[] data = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 2, 0, 0, 0, 0xC0, 0xFF, 0, 0, 0, 0, 0, 0];
        long[] values = new long[8];

        int used = DeltaBinaryPackedDecoder.Decode(data, values);

        Assert.Equal([7L, 5, 3, 1, 2, 3, 4, 5], values);
        Assert.Equal(data.Length, used);
    }

    [Fact]
    public void Delta_binary_packed_wraps_int32_arithmetic_and_reads_64_bit_widths()
    {
        // int.MaxValue then int.MinValue: a minimum delta of −(2^32 − 1) (zigzag 2^33 − 3), width 0; the INT32 view
        // takes the low 32 bits of the sum.
        ulong zigzagMin = (1UL << 33) - 3;
        var bytes = new List<byte> { 0x80, 0x01, 0x04, 0x02 };
        bytes.AddRange(Uleb((ulong)int.MaxValue << 1)); // first value zigzag
        bytes.AddRange(Uleb(zigzagMin));
        bytes.AddRange(new byte[] { 0, 0, 0, 0 });
        long[] values = new long[2];

        DeltaBinaryPackedDecoder.Decode(bytes.ToArray(), values);

        Assert.Equal(int.MaxValue, (int)values[0]);
        Assert.Equal(int.MinValue, (int)values[1]); // 2^31 − 1 − (2^32 − 1) = −2^31
    }

    [Fact]
    public void Delta_binary_packed_count_other_than_promised_is_refused()
    {
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0];

        var e = Assert.Throws<ParquetChunkException>(() => DeltaBinaryPackedDecoder.Decode(data, new long[4]));

        Assert.Equal("has a DELTA_BINARY_PACKED run of 5 values where the page promises 4", e.Reason);
    }

    [Fact]
    public void Delta_length_byte_array_spec_example()
    {
        // "Hello", "World", "Foobar", "ABCDEF": lengths 5 5 6 6 (first 5 = zigzag 0A; deltas 0 1 0, minimum 0,
        // width 1: bits 0 1 0 = 02), then the bytes back to back.
        byte[] data = [0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 1, 0, 0, 0, 0x02, 0, 0, 0, .. "HelloWorldFoobarABCDEF"u8];

        var plain = new DeltaByteArrayDecoder().DecodeLengths(data, 4);

        Assert.Equal(["Hello", "World", "Foobar", "ABCDEF"], PlainStrings(plain, 4));
    }

    [Fact]
    public void Delta_byte_array_spec_example()
    {
        // "axis", "axle", "babble", "babyhood": prefix lengths 0 2 0 3 (deltas 2 −2 3, minimum −2, relative 4 0 5
        // in 3 bits: 44 01), suffix lengths 4 2 6 5 (deltas −2 4 −1, minimum −2, relative 0 6 1: 70 00), suffixes.
        byte[] prefixes = [0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 3, 0, 0, 0, 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] suffixes = [0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 3, 0, 0, 0, 0x70, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] data = [.. prefixes, .. suffixes, .. "axislebabbleyhood"u8];

        var plain = new DeltaByteArrayDecoder().DecodeIncremental(data, 4, fixedLength: 0);

        Assert.Equal(["axis", "axle", "babble", "babyhood"], PlainStrings(plain, 4));
    }

    [Fact]
    public void Delta_byte_array_for_fixed_length_values_writes_them_back_to_back()
    {
        // Two 2-byte values AB, AC: prefixes 0 1 (first 0, delta 1, width 0), suffix lengths 2 1 (first 2 = zigzag 4,
        // delta −1 = zigzag 1, width 0).
        byte[] data = [0x80, 0x01, 0x04, 0x02, 0x00, 0x02, 0, 0, 0, 0, 0x80, 0x01, 0x04, 0x02, 0x04, 0x01, 0, 0, 0, 0, 0xAB, 0x01, 0xAC];

        var plain = new DeltaByteArrayDecoder().DecodeIncremental(data, 2, fixedLength: 2);

        Assert.Equal(new byte[] { 0xAB, 0x01, 0xAB, 0xAC }, plain.ToArray());
    }

    [Fact]
    public void Byte_stream_split_spec_example()
    {
        // FLOAT values AABBCCDD, 00112233, A3B4C5D6 (as 32-bit words) are stored as the streams of their
        // little-endian bytes: DD 33 D6 | CC 22 C5 | BB 11 B4 | AA 00 A3.
        byte[] data = [0xDD, 0x33, 0xD6, 0xCC, 0x22, 0xC5, 0xBB, 0x11, 0xB4, 0xAA, 0x00, 0xA3];
        byte[] plain = new byte[12];

        ByteStreamSplitDecoder.Decode(data, 3, 4, plain);

        Assert.Equal(new byte[] { 0xDD, 0xCC, 0xBB, 0xAA, 0x33, 0x22, 0x11, 0x00, 0xD6, 0xC5, 0xB4, 0xA3 }, plain);
    }

    [Fact]
    public void Byte_stream_split_page_of_the_wrong_size_is_refused()
    {
        var e = Assert.Throws<ParquetChunkException>(() => ByteStreamSplitDecoder.Decode(new byte[10], 3, 4, new byte[12]));

        Assert.Equal("has a BYTE_STREAM_SPLIT page of 10 bytes where its 3 values of 4 bytes need 12", e.Reason);
    }

    [Theory]
    [InlineData(Encoding.RLE, Parquet.Meta.Type.INT32, false)]
    [InlineData(Encoding.RLE, Parquet.Meta.Type.BOOLEAN, true)]
    [InlineData(Encoding.BIT_PACKED, Parquet.Meta.Type.INT32, false)]
    [InlineData(Encoding.DELTA_BINARY_PACKED, Parquet.Meta.Type.INT64, true)]
    [InlineData(Encoding.DELTA_BINARY_PACKED, Parquet.Meta.Type.DOUBLE, false)]
    [InlineData(Encoding.DELTA_LENGTH_BYTE_ARRAY, Parquet.Meta.Type.BYTE_ARRAY, true)]
    [InlineData(Encoding.DELTA_LENGTH_BYTE_ARRAY, Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, false)]
    [InlineData(Encoding.DELTA_BYTE_ARRAY, Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, true)]
    [InlineData(Encoding.BYTE_STREAM_SPLIT, Parquet.Meta.Type.INT32, true)]
    [InlineData(Encoding.BYTE_STREAM_SPLIT, Parquet.Meta.Type.BYTE_ARRAY, false)]
    [InlineData(Encoding.RLE_DICTIONARY, Parquet.Meta.Type.INT96, true)]
    public void Encodings_are_valid_only_for_their_physical_types(Encoding encoding, Parquet.Meta.Type physical, bool valid)
    {
        Assert.Equal(valid, ParquetEncodings.IsValidFor((int)encoding, physical));
    }

    [Theory]
    [InlineData(CompressionCodec.LZ4_RAW)]
    [InlineData(CompressionCodec.LZ4)]
    [InlineData(CompressionCodec.BROTLI)]
    public void Codecs_decompress_a_page(CompressionCodec codec)
    {
        byte[] page = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("interest income 12345 ", 40)));
        byte[] compressed = codec switch
        {
            CompressionCodec.LZ4_RAW => Lz4Block(page),
            CompressionCodec.LZ4 => HadoopFramed(page, 300),
            _ => Brotli(page),
        };
        using var decompressor = new PageDecompressor();

        Assert.Equal(page, decompressor.Decompress(codec, compressed, page.Length).ToArray());
    }

    [Fact]
    public void Legacy_lz4_without_hadoop_framing_falls_back_to_a_raw_block()
    {
        byte[] page = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("fee ", 100)));
        using var decompressor = new PageDecompressor();

        Assert.Equal(page, decompressor.Decompress(CompressionCodec.LZ4, Lz4Block(page), page.Length).ToArray());
    }

    [Fact]
    public void Legacy_lz4_that_does_not_decompress_names_the_codec()
    {
        using var decompressor = new PageDecompressor();

        var e = Assert.Throws<InvalidDataException>(() => decompressor.Decompress(CompressionCodec.LZ4, new byte[] { 0, 0, 0, 9, 0, 0, 0, 1,
            0xFF }, 9));

        Assert.Equal("a LZ4 page decompressed to -1 bytes, its header says 9", e.Message);
    }

    [Fact]
    public void Lzo_is_refused_naming_the_codec()
    {
        using var decompressor = new PageDecompressor();

        var e = Assert.Throws<ParquetChunkException>(() => decompressor.Decompress(CompressionCodec.LZO, new byte[4], 8));

        Assert.Equal("is compressed with LZO, which the engine does not read", e.Reason);
    }

    /// <summary>
    /// INT32 values whose data page says RLE (as @dsnp/parquetjs writes with encoding 'RLE'): Parquet.Net returned
    /// wrong numbers for these without an error; the engine refuses the file naming the column and the encoding.
    /// </summary>
    [Fact]
    public async Task Rle_encoded_int32_values_are_refused_naming_file_column_row_group_and_encoding()
    {
        using var dir = new TempFolder();
        string path = dir.File("cross_sales.parquet");
        var table = new OutputTable("cross_sales", 3, [OutputColumn.Integer("units", [3, 1, 4])]);
        await ParquetTableWriter.WriteAsync(table, path);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        // data_page_header: num_values 3 (15 06), encoding PLAIN (15 00), levels RLE (15 06, 15 06); make it RLE (15 06).
        int at = IndexOf(bytes, [0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06]);
        Assert.True(at > 0);
        bytes[at + 3] = 0x06;
        await File.WriteAllBytesAsync(path, bytes);

        await using var reader = await InputFolder.OpenAsync(dir.ParquetFile("cross_sales.parquet"), Schema(Req("units", ColumnKind.Int)));
        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => Assert.Fail("no batch expected")).AsTask());

        Assert.Equal("'cross_sales.parquet' is not a readable Parquet file (column 'units' in row group 1 of 1 uses the RLE encoding, "
            + "which is not valid for INT32 values); re-export it.", e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> PlainStrings(ReadOnlySpan<byte> plain, int count)
    {
        var values = new List<string>();
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            int length = BitConverter.ToInt32(plain.Slice(position, 4));
            values.Add(System.Text.Encoding.UTF8.GetString(plain.Slice(position + 4, length)));
            position += 4 + length;
        }

        Assert.Equal(plain.Length, position);
        return values;
    }

    private static byte[] Uleb(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return bytes.ToArray();
    }

    private static byte[] Lz4Block(ReadOnlySpan<byte> data)
    {
        byte[] target = new byte[LZ4Codec.MaximumOutputSize(data.Length)];
        int length = LZ4Codec.Encode(data, target);
        return target[..length];
    }

    /// <summary>Hadoop framing: per block of at most <paramref name="blockSize"/> bytes, big-endian sizes then the LZ4 block.</summary>
    private static byte[] HadoopFramed(byte[] data, int blockSize)
    {
        var output = new List<byte>();
        for (int start = 0; start < data.Length; start += blockSize)
        {
            var block = data.AsSpan(start, Math.Min(blockSize, data.Length - start));
            byte[] compressed = Lz4Block(block);
            output.AddRange(BigEndian(block.Length));
            output.AddRange(BigEndian(compressed.Length));
            output.AddRange(compressed);
        }

        return output.ToArray();
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Brotli(byte[] data)
    {
        byte[] target = new byte[System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(data.Length)];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(data, target, out int written));
        return target[..written];
    }
}
