using System.Buffers.Binary;
using System.IO.Compression;
using Analytics.ParquetFormat.Reading.Encodings;
using K4os.Compression.LZ4;
using Parquet.Meta;
using ZstdSharp;

namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Decompresses page bodies of every codec common writers use: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, BROTLI, LZ4_RAW and
/// the legacy LZ4 (Hadoop framing, with the raw-block fallback arrow-rs and parquet-mr readers use for files written
/// without the framing). LZO and unknown codecs are refused by <see cref="IsSupported"/>. One instance per chunk
/// decoder: it reuses its output buffer and zstd context; not thread-safe.
/// </summary>
internal sealed class PageDecompressor : IDisposable
{
    private byte[] _page = [];
    private Decompressor? _zstd;

    /// <summary>True for the codecs <see cref="Decompress"/> reads.</summary>
    public static bool IsSupported(CompressionCodec codec) => codec is CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY
        or CompressionCodec.GZIP or CompressionCodec.ZSTD or CompressionCodec.BROTLI or CompressionCodec.LZ4
        or CompressionCodec.LZ4_RAW;

    /// <summary>
    /// The <paramref name="uncompressedSize"/> bytes <paramref name="source"/> decompresses to (the source itself when
    /// uncompressed). Valid until the next call. A page that does not decompress to exactly that size raises
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public ReadOnlySpan<byte> Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, int uncompressedSize)
    {
        if (codec == CompressionCodec.UNCOMPRESSED)
        {
            return source;
        }

        if (_page.Length < uncompressedSize)
        {
            _page = GC.AllocateUninitializedArray<byte>(Math.Max(uncompressedSize, 2 * _page.Length));
        }

        var target = _page.AsSpan(0, uncompressedSize);
        int written = codec switch
        {
            CompressionCodec.SNAPPY => Snappier.Snappy.Decompress(source, target),
            CompressionCodec.ZSTD => (_zstd ??= new Decompressor()).Unwrap(source, target),
            CompressionCodec.GZIP => Gunzip(source, target),
            CompressionCodec.BROTLI => Brotli(source, target),
            CompressionCodec.LZ4_RAW => LZ4Codec.Decode(source, target),
            CompressionCodec.LZ4 => Lz4Legacy(source, target),
            _ => throw new ParquetChunkException($"is compressed with {ParquetEncodings.Name(codec)}, which the engine does not read"),
        };
        if (written != uncompressedSize)
        {
            throw new InvalidDataException(
                $"a {ParquetEncodings.Name(codec)} page decompressed to {written} bytes, its header says {uncompressedSize}");
        }

        return target;
    }

    private static int Gunzip(ReadOnlySpan<byte> source, Span<byte> target)
    {
        unsafe
        {
            fixed (byte* pointer = source)
            {
                using var input = new UnmanagedMemoryStream(pointer, source.Length);
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                int written = gzip.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                if (written == target.Length && gzip.ReadByte() >= 0)
                {
                    throw new InvalidDataException("a GZIP page decompresses to more bytes than its header says");
                }

                return written;
            }
        }
    }

    private static int Brotli(ReadOnlySpan<byte> source, Span<byte> target) =>
        BrotliDecoder.TryDecompress(source, target, out int written) ? written : -1;

    /// <summary>
    /// Hadoop framing: blocks of [decompressed size, compressed size] (4-byte big-endian each) and an LZ4 block, until
    /// the page is used up. Files from writers that used raw LZ4 blocks under this codec (older parquet-cpp) are read
    /// as one raw block when the framing does not fit.
    /// </summary>
    private static int Lz4Legacy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int framed = Lz4Hadoop(source, target);
        return framed == target.Length ? framed : LZ4Codec.Decode(source, target);
    }

    private static int Lz4Hadoop(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int input = 0, output = 0;
        while (input < source.Length)
        {
            if (source.Length - input < 8)
            {
                return -1;
            }

            uint expected = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(input));
            uint compressed = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(input + 4));
            input += 8;
            if (compressed > (uint)(source.Length - input) || expected > (uint)(target.Length - output))
            {
                return -1;
            }

            int written = LZ4Codec.Decode(source.Slice(input, (int)compressed), target.Slice(output, (int)expected));
            if (written != (int)expected)
            {
                return -1;
            }

            input += (int)compressed;
            output += written;
        }

        return output;
    }

    public void Dispose() => _zstd?.Dispose();
}
