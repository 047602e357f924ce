using System.Text;
using Analytics.Core.Errors;
using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.ParquetFormat.Reading;
using Parquet;
using Parquet.Schema;
using static Analytics.Tests.Reading.DirectDecodingKit;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

/// <summary>
/// The direct column-chunk decoder against Parquet.Net on the same files: every batch must be identical, and the
/// chunks the decoder covers must actually take it.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class DirectDecodingTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, false, 1_000_000)]
    [InlineData(2, true, 1_000_000)]
    [InlineData(3, true, 100)]
    public async Task Generated_data_reads_identically_and_entirely_directly(int seed, bool defects, int rowGroupSize)
    {
        string folder = _dir.File($"gen-{seed}");
        await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
        {
            Customers = 300, Seed = seed, OutputDirectory = folder, InjectDefects = defects, RowGroupSize = rowGroupSize,
        });

        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(5, files.Length);
        foreach (string path in files)
        {
            var (direct, parquetNet) = await AssertBothPathsAgreeAsync(path);
            Assert.True(direct > 0, path);
            Assert.Equal(0, parquetNet);
        }
    }

    [Theory]
    [InlineData(CompressionMethod.None, true)]
    [InlineData(CompressionMethod.Snappy, true)]
    [InlineData(CompressionMethod.Snappy, false)]
    [InlineData(CompressionMethod.Gzip, true)]
    [InlineData(CompressionMethod.Zstd, false)]
    [InlineData(CompressionMethod.LZ4, true)]
    public async Task Parquet_net_files_read_identically(CompressionMethod compression, bool dictionary)
    {
        string path = _dir.File("pn.parquet");
        var fields = new DataField[]
        {
            new DataField<string>("s"), new DataField<string>("unique"), new DataField<byte[]>("raw"),
            new DataField<double?>("d"), new DataField<float>("f"), new DataField<int?>("i"), new DataField<long>("l"),
            new DataField<DateOnly?>("dt"), new DecimalDataField("m", 18, 2),
        };
        var options = new ParquetOptions { CompressionMethod = compression };
        if (dictionary)
        {
            // Repeated and unique text, numbers and dates all with dictionary pages where Parquet.Net writes them.
            foreach (var field in fields)
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options))
        {
            for (int group = 0; group < 3; group++)
            {
                int n = 500 + group * 250;
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync(fields[0], Strings(n, i => i % 9 == 0 ? null : i % 10 == 1 ? "" : "Zürich-日本-" + (i % 7)));
                await rowGroup.WriteAsync(fields[1], Strings(n, i => $"ACC-{group}-{i:D6}" + (i % 50 == 0 ? new string('x', 70) : "")));
                await rowGroup.WriteAsync(fields[2], Enumerable.Range(0, n).Select(RawBytes).ToArray());
                await rowGroup.WriteAsync<double>(fields[3], Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (double?)null
                    : i * 0.37 - 50).ToArray());
                await rowGroup.WriteAsync<float>(fields[4], Enumerable.Range(0, n).Select(i => i % 3 == 0 ? float.NaN
                    : i * 0.5f).ToArray());
                await rowGroup.WriteAsync<int>(fields[5], Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (int?)null
                    : i * 1_000_003).ToArray());
                await rowGroup.WriteAsync<long>(fields[6], Enumerable.Range(0, n).Select(i => (long)int.MaxValue - 200 + i).ToArray());
                await rowGroup.WriteAsync<DateOnly>(fields[7], Enumerable.Range(0, n).Select(i => i % 6 == 0 ? (DateOnly?)null
                    : new DateOnly(1960, 1, 1).AddDays(i * 37)).ToArray());
                await rowGroup.WriteAsync<decimal>(fields[8], Enumerable.Range(0, n).Select(i => i * 0.01m).ToArray());
            }
        }

        var (direct, parquetNet) = await AssertBothPathsAgreeAsync(path);

        // 3 row groups × (s, unique, raw, d×2, f×2, i×2, l×2, dt, m×2), every codec Parquet.Net writes (LZ4 included), directly.
        Assert.Equal((3L * 14, 0L), (direct, parquetNet));
    }

    /// <summary>
    /// DuckDB's writer: dictionary pages with their own offset, RLE_DICTIONARY data pages, PLAIN fallback for
    /// unique text, several row groups. Every column here is of a directly decoded type.
    /// </summary>
    [Theory]
    [InlineData("snappy")]
    [InlineData("zstd")]
    [InlineData("uncompressed")]
    [InlineData("gzip")]
    public async Task Duckdb_files_read_identically_and_directly(string compression)
    {
        string path = _dir.File($"duck-{compression}.parquet");
        CopyFromDuckDb(DuckDbColumns + ", " + ConvertedColumns, path, $"COMPRESSION {compression}, ROW_GROUP_SIZE 2048");

        var (direct, parquetNet) = await AssertBothPathsAgreeAsync(path);

        // 3 row groups (5000 rows of 2048) × 18 requested columns (5 numeric columns and DECIMAL twice, as Double and
        // as Int; TIMESTAMP as Date), all directly.
        Assert.Equal((3L * 18, 0L), (direct, parquetNet));
    }

    /// <summary>
    /// Version 2 files: DuckDB writes DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT and DELTA_LENGTH_BYTE_ARRAY for some
    /// columns and dictionary pages for others, in v2 data pages. All are decoded directly: identically to
    /// Parquet.Net where it reads them, and identically to the version 1 file of the same data for the DATE,
    /// DECIMAL and TIMESTAMP columns Parquet.Net 6.1 cannot decode from DELTA_BINARY_PACKED.
    /// </summary>
    [Fact]
    public async Task Duckdb_version_2_files_read_directly_and_like_version_1()
    {
        string v2 = _dir.File("duck-v2.parquet");
        string v1 = _dir.File("duck-v1.parquet");
        CopyFromDuckDb(DuckDbColumns + ", " + ConvertedColumns, v2, "COMPRESSION zstd, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2");
        CopyFromDuckDb(DuckDbColumns + ", " + ConvertedColumns, v1, "COMPRESSION zstd, ROW_GROUP_SIZE 2048");
        var all = await AllColumnsAsync(v2);
        var readable = new TableSchema("t", all.Columns.Where(c => c.Name is not ("day" or "dec" or "ts")).ToArray());

        var (direct, parquetNet) = await AssertBothPathsAgreeAsync(v2, readable);
        long alike = await AssertFilesReadAlikeAsync(v1, v2, all);

        Assert.Equal((3L * 14, 0L), (direct, parquetNet));
        Assert.Equal(3L * 18, alike);

        // Parquet.Net alone still fails on the DELTA_BINARY_PACKED DATE: the reason the engine decodes it itself.
        var day = new TableSchema("t", [new ColumnSpec("day", ColumnKind.Date, MustExist: true)]);
        await using var reader = await ParquetTableReader.OpenAsync(new TableFile(v2, "duck-v2.parquet", TableFileFormat.Parquet), day,
            direct: false, default);
        var e = await Assert.ThrowsAsync<InputException>(async () => await reader.ReadBlockAsync(0, _ => { }));
        Assert.Equal("'duck-v2.parquet' is not a readable Parquet file (column 'day' in row group 1 of 3 cannot be decoded); re-export it.",
            e.Message);
    }

    /// <summary>
    /// Nulls, empty and non-ASCII text, text longer than the interner keeps, repeated (dictionary) and unique
    /// (PLAIN) text, DATE, DOUBLE, FLOAT, INT32, INT64 (some beyond the Int32 range).
    /// </summary>
    private const string DuckDbColumns =
        "CASE WHEN i % 13 = 0 THEN NULL WHEN i % 17 = 0 THEN '' ELSE 'Zürich-日本-' || (i % 5)::VARCHAR END AS city, "
        + "'C' || lpad((i % 97)::VARCHAR, 5, '0') AS customer, "
        + "'ACC-' || md5(i::VARCHAR) AS account, "
        + "CASE WHEN i % 7 = 0 THEN NULL ELSE repeat('ü', 60 + i % 20) || i::VARCHAR END AS long_text, "
        + "i::INTEGER AS whole, "
        + "CASE WHEN i % 3 = 0 THEN NULL ELSE i::BIGINT * 1000003 END AS big, "
        + "CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 0.37 - 100)::DOUBLE END AS amount, "
        + "(i * 0.5)::FLOAT AS ratio, "
        + "CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '1965-01-01' + (i * 7)::INTEGER END AS day, "
        + "(i % 4)::INTEGER AS few";

    private static void CopyFromDuckDb(string columns, string path, string options)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"COPY (SELECT {columns} FROM range(0, 5000) t(i)) TO '{path.Replace("'", "''")}' (FORMAT parquet, {options})";
        command.ExecuteNonQuery();
    }

    /// <summary>Types Parquet.Net converts (read through it whatever the encoding).</summary>
    private const string ConvertedColumns = "(i * 0.01)::DECIMAL(18,2) AS dec, TIMESTAMP '2020-01-01' + INTERVAL (i) HOUR AS ts";

    /// <summary>
    /// A 1000-row nullable string column holding "a", "b", "a", "b"…, one row group, dictionary-encoded (Parquet.Net
    /// writes the dictionary page at the data page offset, then one v1 data page). Returns the file's bytes and
    /// where the pages start.
    /// </summary>
    private async Task<(byte[] Bytes, int DictionaryPage, int DataPage)> WriteSmallDictionaryFileAsync(string path,
        CompressionMethod compression)
    {
        var field = new DataField<string>("s");
        var options = new ParquetOptions { CompressionMethod = compression };
        options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream, options))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(field, Strings(1000, i => i % 2 == 0 ? "a" : "b"));
        }

        int dictionaryPage;
        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            var meta = reader.OpenRowGroupReader(0).GetMetadata(field)!.MetaData!;
            Assert.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY, meta.Encodings);
            dictionaryPage = (int)meta.DataPageOffset;
        }

        byte[] bytes = await File.ReadAllBytesAsync(path);
        var dictionary = ParquetPageHeader.Read(bytes.AsSpan(dictionaryPage), out int length);
        Assert.Equal(ParquetPageHeader.DictionaryPage, dictionary.Type);
        return (bytes, dictionaryPage, dictionaryPage + length + dictionary.CompressedSize);
    }

    private const string CannotDecode =
        "'bad.parquet' is not a readable Parquet file (column 's' in row group 1 of 1 cannot be decoded); re-export it.";

    /// <summary>Reads bad.parquet through the direct decoder or Parquet.Net and returns the error.</summary>
    private async Task<InputException> ReadFailureAsync(bool direct)
    {
        var file = _dir.ParquetFile("bad.parquet");
        var schema = Schema(Req("s", ColumnKind.String));
        await using var reader = await ParquetTableReader.OpenAsync(file, schema, direct, default);
        var e = await Assert.ThrowsAsync<InputException>(async () => await reader.ReadBlockAsync(0, _ => { }));
        // The direct path failed in the direct decoder, not by handing the chunk to Parquet.Net.
        Assert.Equal(direct, e.InnerException!.StackTrace!.Contains(nameof(ParquetChunkDecoder), StringComparison.Ordinal));
        return e;
    }

    [Fact]
    public async Task Garbage_page_header_fails_like_parquet_net()
    {
        string path = _dir.File("bad.parquet");
        var (bytes, dictionaryPage, _) = await WriteSmallDictionaryFileAsync(path, CompressionMethod.Snappy);
        bytes[dictionaryPage] = 0xFF; // field delta 15, Thrift type 15: no such type
        await File.WriteAllBytesAsync(path, bytes);

        var direct = await ReadFailureAsync(direct: true);

        Assert.Equal(CannotDecode, direct.Message);
        Assert.IsType<InvalidDataException>(direct.InnerException);
        Assert.Equal(CannotDecode, (await ReadFailureAsync(direct: false)).Message);
    }

    [Fact]
    public async Task Corrupt_snappy_page_fails_like_parquet_net()
    {
        string path = _dir.File("bad.parquet");
        var (bytes, dictionaryPage, _) = await WriteSmallDictionaryFileAsync(path, CompressionMethod.Snappy);
        ParquetPageHeader.Read(bytes.AsSpan(dictionaryPage), out int headerLength);
        // Snappy data starts with the uncompressed length (10 = two entries of 4 + 1 bytes); claim 127.
        Assert.Equal(10, bytes[dictionaryPage + headerLength]);
        bytes[dictionaryPage + headerLength] = 0x7F;
        await File.WriteAllBytesAsync(path, bytes);

        var direct = await ReadFailureAsync(direct: true);

        Assert.Equal(CannotDecode, direct.Message);
        Assert.NotNull(direct.InnerException);
        Assert.Equal(CannotDecode, (await ReadFailureAsync(direct: false)).Message);
    }

    [Fact]
    public async Task Dictionary_index_out_of_range_cannot_be_decoded()
    {
        string path = _dir.File("bad.parquet");
        var (bytes, _, dataPage) = await WriteSmallDictionaryFileAsync(path, CompressionMethod.None);
        var header = ParquetPageHeader.Read(bytes.AsSpan(dataPage), out int headerLength);
        Assert.Equal(ParquetPageHeader.DataPage, header.Type);
        // Rewrite the uncompressed page: definition levels (4-byte length 3, an RLE run of 1000 ones: header
        // 2000 = ULEB128 D0 0F, value 01), then indices of width 8 as an RLE run of 1000 (D0 0F) of index 5, where
        // the dictionary has 2 entries.
        byte[] page = [3, 0, 0, 0, 0xD0, 0x0F, 0x01, 0x08, 0xD0, 0x0F, 0x05];
        Assert.True(header.CompressedSize >= page.Length);
        page.CopyTo(bytes, dataPage + headerLength);
        await File.WriteAllBytesAsync(path, bytes);

        var direct = await ReadFailureAsync(direct: true);

        Assert.Equal(CannotDecode, direct.Message);
        Assert.Equal("dictionary index 5 is outside the dictionary of 2 entries", direct.InnerException!.Message);
    }

    [Fact]
    public async Task Rewritten_page_reads_when_indices_are_in_range()
    {
        // The same rewrite with index 1: shows the test above fails for the index alone.
        string path = _dir.File("bad.parquet");
        var (bytes, _, dataPage) = await WriteSmallDictionaryFileAsync(path, CompressionMethod.None);
        ParquetPageHeader.Read(bytes.AsSpan(dataPage), out int headerLength);
        byte[] page = [3, 0, 0, 0, 0xD0, 0x0F, 0x01, 0x08, 0xD0, 0x0F, 0x01];
        page.CopyTo(bytes, dataPage + headerLength);
        await File.WriteAllBytesAsync(path, bytes);

        var rows = await ReadAllAsync(_dir.ParquetFile("bad.parquet"), Schema(Req("s", ColumnKind.String)));

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"{i}|b"), rows);
    }

    private static string?[] Strings(int n, Func<int, string?> make) => Enumerable.Range(0, n).Select(make).ToArray();

    /// <summary>Unannotated bytes, some not valid UTF-8: both paths must turn them into the same U+FFFD text.</summary>
    private static byte[] RawBytes(int i) => (i % 4) switch
    {
        0 => [0x61, 0xFF, 0x62],
        1 => [0xE6, 0x97],
        2 => [0xF0, 0x9F, 0x98, 0x80, 0x41],
        _ => Encoding.UTF8.GetBytes("r" + (i % 13)),
    };
}
