using System.Globalization;
using Analytics.Core.Errors;
using Analytics.IO.Reading;
using Analytics.IO.Writing;
using DuckDB.NET.Data;
using static Analytics.Tests.Reading.DirectDecodingKit;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

/// <summary>
/// Small and unsigned integers (INTEGER(8/16) signed or not, unsigned INTEGER(32/64)) are decoded by the engine, as
/// Parquet.Net reads them, in v1 and v2 pages; the deprecated BIT_PACKED definition levels are decoded (most
/// significant bit first); a definition-level encoding the format does not allow is refused naming it.
/// </summary>
public sealed class IntegerAndLevelTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteWithDuckDb(string version)
    {
        string path = _dir.File($"ints-{version}.parquet");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "COPY (SELECT (i % 256 - 128)::TINYINT AS i8, (i * 37 % 65536 - 32768)::SMALLINT AS i16, "
            + "(i % 256)::UTINYINT AS u8, (i * 37 % 65536)::USMALLINT AS u16, (4294967295 - i * 800000)::UINTEGER AS u32, "
            + "(18446744073709551615 - i * 1000000007)::UBIGINT AS u64, "
            + "CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 100 - 50)::TINYINT END AS n8 FROM range(5000) t(i)) "
            + $"TO '{path}' (FORMAT parquet, PARQUET_VERSION {version}, ROW_GROUP_SIZE 2048)";
        command.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public async Task Small_and_unsigned_integers_are_decoded_by_the_engine_exactly_as_Parquet_Net_reads_them()
    {
        string path = WriteWithDuckDb("V1");
        var (direct, parquetNet) = await AssertBothPathsAgreeAsync(path);
        Assert.Equal(0, parquetNet);
        Assert.True(direct >= 7 * 2, $"{direct} chunks decoded by the engine");

        // Row 0 by hand: −128, −32768, 0, 0, 4294967295, 18446744073709551615 (nearest double 2^64), null.
        var rows = await ReadAllAsync(_dir.ParquetFile(Path.GetFileName(path)), Schema(Req("i8", ColumnKind.Int),
            Req("i16", ColumnKind.Int), Req("u8", ColumnKind.Int), Req("u16", ColumnKind.Int), Req("u32", ColumnKind.Double),
            Req("u64", ColumnKind.Double), Req("n8", ColumnKind.Int)));
        Assert.Equal("1|-128;-32768;0;0;4294967295;1.8446744073709552E+19;~", rows[0]);
        double u64 = 18446744073709551615UL - 1000000007UL;
        Assert.Equal("2|-127;-32731;1;37;4294167295;" + u64.ToString("R", CultureInfo.InvariantCulture) + ";-49", rows[1]);
        Assert.Equal(5000, rows.Count);
    }

    [Fact]
    public async Task Version_2_pages_of_small_and_unsigned_integers_read_like_version_1()
    {
        string v1 = WriteWithDuckDb("V1");
        string v2 = WriteWithDuckDb("V2");
        long direct = await AssertFilesReadAlikeAsync(v1, v2, await AllColumnsAsync(v1));
        Assert.True(direct >= 7 * 2, $"{direct} chunks decoded by the engine");
    }

    /// <summary>Our writer's page for an optional DOUBLE column, its RLE levels replaced by BIT_PACKED ones.</summary>
    private async Task<string> BitPackedLevelsFileAsync(int levelEncoding)
    {
        // Ten values that Snappy cannot shrink by a quarter, so the page is stored as it is; rows 1, 4 and 8 null.
        var random = new Random(11);
        var values = Enumerable.Range(0, 10).Select(i => i is 1 or 4 or 8 ? double.NaN : random.NextDouble() * 1e6).ToArray();
        string path = _dir.File("bit-packed.parquet");
        await ParquetTableWriter.WriteAsync(new OutputTable("bit", 10, [OutputColumn.Number("x", values)]), path);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        // data_page_header: num_values 10 (15 14), PLAIN (15 00), definition levels RLE (15 06), repetition RLE (15 06).
        int header = IndexOf(bytes, [0x15, 0x14, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06]);
        Assert.True(header > 0);
        bytes[header + 5] = (byte)(levelEncoding << 1); // zigzag
        // The page body follows the header's two stop bytes: the levels' 4-byte length 3, then the hybrid's bit-packed run
        // of two groups (header 05, two bytes), then the seven values.
        int body = header + 10;
        Assert.Equal(new byte[] { 3, 0, 0, 0, 0x05 }, bytes[body..(body + 5)]);
        // Levels 1 0 1 1 0 1 1 1 0 1, most significant bit first: 1011 0111, 01(00 0000) = B7 40. The page keeps its
        // size: the values move up 5 bytes and 5 bytes of padding follow them.
        var page = bytes.AsSpan(body, 4 + 3 + 8 * 7).ToArray();
        byte[] rewritten = [0xB7, 0x40, .. page.AsSpan(7), 0, 0, 0, 0, 0];
        rewritten.CopyTo(bytes, body);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    [Fact]
    public async Task Bit_packed_definition_levels_are_read_most_significant_bit_first()
    {
        string path = await BitPackedLevelsFileAsync(4);
        var rows = await ReadAllAsync(_dir.ParquetFile(Path.GetFileName(path)), Schema(Opt("x", ColumnKind.Double)));
        Assert.Equal(10, rows.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(i is 1 or 4 or 8, rows[i].EndsWith("|~", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Definition_levels_in_an_encoding_the_format_does_not_allow_are_refused_naming_it()
    {
        string path = await BitPackedLevelsFileAsync(0); // PLAIN
        await using var reader = await InputFolder.OpenAsync(_dir.ParquetFile(Path.GetFileName(path)),
            Schema(Opt("x", ColumnKind.Double)));
        var e = await Assert.ThrowsAsync<InputException>(() => reader.ReadBlockAsync(0, _ => Assert.Fail("no batch expected")).AsTask());
        Assert.Equal("'bit-packed.parquet' is not a readable Parquet file (column 'x' in row group 1 of 1 has definition levels in "
            + "the PLAIN encoding, where the format allows RLE or BIT_PACKED); re-export it.", e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }

        return -1;
    }
}
