using Analytics.ParquetFormat.Reading;

namespace Analytics.Tests.Reading;

public class ParquetPageHeaderTests
{
    [Fact]
    public void Data_page_header_is_read_past_unknown_fields_of_every_type()
    {
        byte[] bytes =
        [
            0x15, 0x00, // 1: type = 0 (DATA_PAGE); short header = field delta 1 << 4 | i32 (5), zigzag 0
            0x15, 0xC8, 0x01, // 2: uncompressed size 100 (zigzag 200 = ULEB128 C8 01)
            0x15, 0xA0, 0x01, // 3: compressed size 80
            0x15, 0x01, // 4: crc -1 (zigzag 1)
            0x1C, // 5: data page header (struct)
            0x15, 0x0E, // 1: num_values 7
            0x15, 0x10, // 2: encoding 8 (RLE_DICTIONARY)
            0x15, 0x06, // 3: definition level encoding 3 (RLE)
            0x15, 0x06, // 4: repetition level encoding 3
            0x1C, // 5: statistics (struct, skipped)
            0x18, 0x02, 0x61, 0x62, // 1: binary "ab"
            0x48, 0x01, 0x7A, // 5: binary "z" (delta 4)
            0x00, // end of statistics
            0x00, // end of data page header
            0x09, 0x28, 0x35, 0x02, 0x04, 0x06, // 20 (long form: list type, zigzag id 40): list<i32> [1, 2, 3]
            0x11, // 21: bool true (in the header)
            0x17, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, // 22: double 1.5
            0x1B, 0x02, 0x86, 0x01, 0x6B, 0x02, 0x01, 0x6D, 0x04, // 23: map<binary, i64> {"k": 1, "m": 2}
            0x1A, 0x21, 0x01, 0x02, // 24: set<bool> of 2, one byte each
            // 25: list<struct> of 16 (size 15 = varint follows), empty structs
            0x19, 0xFC, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x13, 0x7F, // 26: byte
            0x14, 0x03, // 27: i16 -2
            0x16, 0x81, 0x80, 0x80, 0x80, 0x80, 0x01, // 28: i64 of a 6-byte varint
            0x00, // end of page header
            0xEE, 0xEE, // the page's data
        ];

        var header = ParquetPageHeader.Read(bytes, out int length);

        Assert.Equal(bytes.Length - 2, length);
        Assert.Equal(ParquetPageHeader.DataPage, header.Type);
        Assert.Equal((100, 80), (header.UncompressedSize, header.CompressedSize));
        Assert.Equal((7, 8, 3), (header.NumValues, header.Encoding, header.DefinitionLevelEncoding));
        Assert.True(header.HasTypeHeader);
    }

    [Fact]
    public void Data_page_v2_header_gives_level_lengths_and_compression_flag()
    {
        byte[] bytes =
        [
            0x15, 0x06, // 1: type 3 (DATA_PAGE_V2)
            0x15, 0x28, // 2: uncompressed 20
            0x15, 0x1E, // 3: compressed 15
            0x5C, // 8 (delta 5): data page header v2
            0x15, 0x0A, 0x15, 0x02, 0x15, 0x0A, // 1-3: num_values 5, num_nulls 1, num_rows 5
            0x15, 0x00, // 4: encoding PLAIN
            0x15, 0x04, // 5: definition levels 2 bytes
            0x15, 0x00, // 6: repetition levels 0 bytes
            0x12, // 7: is_compressed false
            0x00,
            0x00,
        ];

        var header = ParquetPageHeader.Read(bytes, out int length);

        Assert.Equal(bytes.Length, length);
        Assert.Equal(ParquetPageHeader.DataPageV2, header.Type);
        Assert.Equal((5, 0, 2, 0), (header.NumValues, header.Encoding, header.DefinitionLevelsLength, header.RepetitionLevelsLength));
        Assert.False(header.IsCompressed);
        Assert.True(header.HasTypeHeader);
    }

    [Fact]
    public void Page_without_its_type_header_is_flagged()
    {
        // A dictionary page (type 2) whose dictionary page header is missing.
        var header = ParquetPageHeader.Read([0x15, 0x04, 0x15, 0x02, 0x15, 0x02, 0x00], out _);

        Assert.False(header.HasTypeHeader);
    }

    [Theory]
    [InlineData(new byte[] { 0x15, 0x00, 0x15, 0xC8 })] // ends inside a varint
    [InlineData(new byte[] { 0x15, 0x00, 0x15, 0x02 })] // ends before the stop byte
    [InlineData(new byte[] { 0x15, 0x00, 0x00 })] // no sizes
    [InlineData(new byte[] { 0x1F })] // unknown Thrift type 15
    [InlineData(new byte[] { 0x18, 0x0A, 0x61 })] // binary longer than the data
    [InlineData(new byte[] { 0x15, 0x00, 0x15, 0x01, 0x15, 0x02, 0x00 })] // negative uncompressed size
    public void Malformed_headers_are_rejected(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ParquetPageHeader.Read(bytes, out _));
    }

    [Fact]
    public void Deep_nesting_is_rejected_before_it_exhausts_the_stack()
    {
        // Field 1 of type struct, inside which field 1 of type struct, ... 100 deep.
        var bytes = Enumerable.Repeat((byte)0x1C, 100).ToArray();

        Assert.Throws<InvalidDataException>(() => ParquetPageHeader.Read(bytes, out _));
    }
}
