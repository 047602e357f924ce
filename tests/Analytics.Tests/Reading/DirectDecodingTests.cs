using System.Text;
using Analytics.Core.Errors;
using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Parquet;
using Parquet.Schema;
using static Analytics.Tests.Reading.DirectDecodingKit;
using static Analytics.Tests.Reading.ReadingTestKit;

namespace Analytics.Tests.Reading;

/// <summary>
/// The direct column-chunk decoder against Parquet.Net on the same files: every batch must be identical, and the
/// chunks the decoder covers must actually take it.
/// </summary>
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
        var options = new ParquetOptions { CompressionMethod = compression, DictionaryEncodingThreshold = dictionary ? 0.8 : 0 };
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
                await rowGroup.WriteAsync<double>(fields[3], Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (double?)null : i * 0.37 - 50).ToArray());
                await rowGroup.WriteAsync<float>(fields[4], Enumerable.Range(0, n).Select(i => i % 3 == 0 ? float.NaN : i * 0.5f).ToArray());
                await rowGroup.WriteAsync<int>(fields[5], Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (int?)null : i * 1_000_003).ToArray());
                await rowGroup.WriteAsync<long>(fields[6], Enumerable.Range(0, n).Select(i => (long)int.MaxValue - 200 + i).ToArray());
                await rowGroup.WriteAsync<DateOnly>(fields[7], Enumerable.Range(0, n).Select(i => i % 6 == 0 ? (DateOnly?)null : new DateOnly(1960, 1, 1).AddDays(i * 37)).ToArray());
                await rowGroup.WriteAsync<decimal>(fields[8], Enumerable.Range(0, n).Select(i => i * 0.01m).ToArray());
            }
        }

        var (direct, parquetNet) = await AssertBothPathsAgreeAsync(path);

        // 3 row groups × (s, unique, raw, d×2, f×2, i×2, l×2, dt) directly; DECIMAL (×2) always through Parquet.Net.
        if (compression == CompressionMethod.LZ4)
        {
            Assert.Equal((0L, 3L * 14), (direct, parquetNet));
        }
        else
        {
            Assert.Equal((3L * 12, 3L * 2), (direct, parquetNet));
        }
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
