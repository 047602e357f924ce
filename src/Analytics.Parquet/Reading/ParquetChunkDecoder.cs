using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;
using Parquet.Schema;
using ZstdSharp;
using Encoding = Parquet.Meta.Encoding;

namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Decodes the common kinds of flat column chunk directly from the file: PLAIN and dictionary-encoded values,
/// RLE definition levels, data pages v1 and v2, uncompressed, Snappy, gzip or zstd. Parquet.Net's reader expands
/// every value into a per-row object first (for text, a <see cref="ReadOnlyMemory{T}"/> of decoded characters that
/// we then hash again to intern); reading the bytes here lets a dictionary entry be decoded and interned once per
/// chunk and a row cost one array read. Chunks it does not cover go to Parquet.Net (<see cref="TryPlan"/> says
/// which, up front; a page with an unexpected encoding raises <see cref="UnsupportedChunkException"/>).
/// One instance per reader lease: it reuses its buffers from chunk to chunk and is not thread-safe.
/// </summary>
internal sealed class ParquetChunkDecoder : IDisposable
{
    private readonly SafeFileHandle _handle;
    private byte[] _chunk = [];
    private byte[] _page = [];
    private int[] _indices = [];
    private Decompressor? _zstd;

    public ParquetChunkDecoder(SafeFileHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Where a chunk lies in the file and how its pages are compressed.</summary>
    public readonly record struct Chunk(long Offset, int Length, CompressionCodec Codec);

    /// <summary>
    /// True when the chunk described by <paramref name="meta"/> can be decoded here for a buffer that takes
    /// <paramref name="physical"/> values: flat, <paramref name="rows"/> values, a supported codec and encodings only.
    /// </summary>
    public static bool TryPlan(ColumnMetaData? meta, DataField field, Parquet.Meta.Type physical, int rows, out Chunk chunk)
    {
        chunk = default;
        if (meta is null || !BitConverter.IsLittleEndian
            || field.MaxRepetitionLevel != 0 || field.MaxDefinitionLevel > 1
            || meta.Type != physical || meta.NumValues != rows
            || meta.Codec is not (CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD))
        {
            return false;
        }

        foreach (var encoding in meta.Encodings)
        {
            if (encoding is not (Encoding.PLAIN or Encoding.PLAIN_DICTIONARY or Encoding.RLE_DICTIONARY or Encoding.RLE or Encoding.BIT_PACKED))
            {
                return false;
            }
        }

        // Parquet.Net's writer leaves the dictionary page offset unset and counts its dictionary page from the data
        // page offset; other writers point at the dictionary page, which comes first. Offset 0 is the magic: unset.
        long start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is long dictionary && dictionary > 0 && dictionary < start)
        {
            start = dictionary;
        }

        if (start < 4 || meta.TotalCompressedSize <= 0 || meta.TotalCompressedSize > Array.MaxLength)
        {
            return false;
        }

        chunk = new Chunk(start, (int)meta.TotalCompressedSize, meta.Codec);
        return true;
    }

    /// <summary>
    /// Decodes all <paramref name="rows"/> rows of <paramref name="chunk"/>: definition levels into
    /// <paramref name="definitions"/> (when <paramref name="maxDefinition"/> is 1), the non-null values into
    /// <paramref name="sink"/>; returns how many rows hold a value. Corrupt data raises an exception other than
    /// <see cref="UnsupportedChunkException"/>.
    /// </summary>
    public int Decode(in Chunk chunk, int rows, int maxDefinition, int[]? definitions, IChunkValueSink sink)
    {
        if (_chunk.Length < chunk.Length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(chunk.Length);
        }

        ReadExactly(chunk.Offset, _chunk.AsSpan(0, chunk.Length));

        int position = 0;
        int rowsDone = 0;
        int valuesDone = 0;
        bool hasDictionary = false;
        while (rowsDone < rows)
        {
            if (position >= chunk.Length)
            {
                throw new InvalidDataException($"the column chunk ends after {rowsDone} of {rows} values");
            }

            var header = ParquetPageHeader.Read(_chunk.AsSpan(position, chunk.Length - position), out int headerLength);
            position += headerLength;
            if (header.CompressedSize > chunk.Length - position)
            {
                throw new InvalidDataException("a page runs past the end of the column chunk");
            }

            int pageStart = position;
            position += header.CompressedSize;
            if (header.Type == ParquetPageHeader.IndexPage)
            {
                continue;
            }

            if (!header.HasTypeHeader)
            {
                throw new InvalidDataException($"page of type {header.Type} lacks its header");
            }

            switch (header.Type)
            {
                case ParquetPageHeader.DictionaryPage:
                {
                    if (header.Encoding is not ((int)Encoding.PLAIN or (int)Encoding.PLAIN_DICTIONARY))
                    {
                        throw new UnsupportedChunkException();
                    }

                    if (header.NumValues < 0 || hasDictionary)
                    {
                        throw new InvalidDataException(hasDictionary ? "a second dictionary page" : "negative dictionary size");
                    }

                    var entries = Decompress(chunk.Codec, pageStart, header.CompressedSize, header.UncompressedSize);
                    sink.AcceptDictionaryPage(entries, header.NumValues);
                    hasDictionary = true;
                    break;
                }

                case ParquetPageHeader.DataPage:
                {
                    int count = PageRows(header, rows - rowsDone);
                    var page = Decompress(chunk.Codec, pageStart, header.CompressedSize, header.UncompressedSize);
                    int present = count;
                    if (maxDefinition > 0)
                    {
                        if (header.DefinitionLevelEncoding != (int)Encoding.RLE)
                        {
                            throw new UnsupportedChunkException();
                        }

                        if (page.Length < 4)
                        {
                            throw new InvalidDataException("definition levels are truncated");
                        }

                        int length = BinaryPrimitives.ReadInt32LittleEndian(page);
                        if ((uint)length > (uint)(page.Length - 4))
                        {
                            throw new InvalidDataException("definition levels are truncated");
                        }

                        present = DecodeLevels(page.Slice(4, length), maxDefinition, definitions!.AsSpan(rowsDone, count));
                        page = page.Slice(4 + length);
                    }

                    DecodeValues(header.Encoding, page, present, valuesDone, hasDictionary, sink);
                    valuesDone += present;
                    rowsDone += count;
                    break;
                }

                case ParquetPageHeader.DataPageV2:
                {
                    int count = PageRows(header, rows - rowsDone);
                    int levels = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
                    if (header.RepetitionLevelsLength < 0 || header.DefinitionLevelsLength < 0 || levels > header.CompressedSize || levels > header.UncompressedSize)
                    {
                        throw new InvalidDataException("level sections do not fit the page");
                    }

                    int present = count;
                    if (maxDefinition > 0)
                    {
                        var levelBytes = _chunk.AsSpan(pageStart + header.RepetitionLevelsLength, header.DefinitionLevelsLength);
                        present = DecodeLevels(levelBytes, maxDefinition, definitions!.AsSpan(rowsDone, count));
                    }

                    var values = header.IsCompressed
                        ? Decompress(chunk.Codec, pageStart + levels, header.CompressedSize - levels, header.UncompressedSize - levels)
                        : _chunk.AsSpan(pageStart + levels, header.CompressedSize - levels);
                    DecodeValues(header.Encoding, values, present, valuesDone, hasDictionary, sink);
                    valuesDone += present;
                    rowsDone += count;
                    break;
                }

                default:
                    throw new InvalidDataException($"unknown page type {header.Type}");
            }
        }

        return valuesDone;
    }

    private static int PageRows(in ParquetPageHeader header, int remaining)
    {
        // A flat column has one value (or null) per row.
        if (header.NumValues < 0 || header.NumValues > remaining)
        {
            throw new InvalidDataException($"a page holds {header.NumValues} values where at most {remaining} remain");
        }

        return header.NumValues;
    }

    /// <summary>Decodes the levels of a page's rows; returns how many hold a value.</summary>
    private static int DecodeLevels(ReadOnlySpan<byte> data, int maxDefinition, Span<int> levels)
    {
        if (levels.IsEmpty)
        {
            return 0;
        }

        RleBitPackedDecoder.Decode(data, BitWidth(maxDefinition), levels);
        return ((ReadOnlySpan<int>)levels).Count(maxDefinition);
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, int count, int start, bool hasDictionary, IChunkValueSink sink)
    {
        if (count == 0)
        {
            return;
        }

        switch (encoding)
        {
            case (int)Encoding.PLAIN:
                sink.AcceptPlainValues(data, start, count);
                break;
            case (int)Encoding.PLAIN_DICTIONARY:
            case (int)Encoding.RLE_DICTIONARY:
            {
                if (!hasDictionary)
                {
                    throw new InvalidDataException("a dictionary-encoded page comes without a dictionary");
                }

                if (data.IsEmpty)
                {
                    throw new InvalidDataException("dictionary indices are missing");
                }

                if (_indices.Length < count)
                {
                    _indices = GC.AllocateUninitializedArray<int>(count);
                }

                var indices = _indices.AsSpan(0, count);
                RleBitPackedDecoder.Decode(data[1..], data[0], indices);
                sink.AcceptDictionaryIndices(indices, start);
                break;
            }

            default:
                throw new UnsupportedChunkException();
        }
    }

    private ReadOnlySpan<byte> Decompress(CompressionCodec codec, int offset, int length, int uncompressedSize)
    {
        if (codec == CompressionCodec.UNCOMPRESSED)
        {
            return _chunk.AsSpan(offset, length);
        }

        if (_page.Length < uncompressedSize)
        {
            _page = GC.AllocateUninitializedArray<byte>(Math.Max(uncompressedSize, 2 * _page.Length));
        }

        var source = _chunk.AsSpan(offset, length);
        var target = _page.AsSpan(0, uncompressedSize);
        int written = codec switch
        {
            CompressionCodec.SNAPPY => Snappier.Snappy.Decompress(source, target),
            CompressionCodec.ZSTD => (_zstd ??= new Decompressor()).Unwrap(source, target),
            CompressionCodec.GZIP => Gunzip(offset, length, target),
            _ => throw new UnsupportedChunkException(),
        };
        if (written != uncompressedSize)
        {
            throw new InvalidDataException($"a page decompressed to {written} bytes, its header says {uncompressedSize}");
        }

        return target;
    }

    private int Gunzip(int offset, int length, Span<byte> target)
    {
        using var input = new MemoryStream(_chunk, offset, length, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        int written = gzip.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        if (written == target.Length && gzip.ReadByte() >= 0)
        {
            throw new InvalidDataException("a gzip page decompresses to more bytes than its header says");
        }

        return written;
    }

    private void ReadExactly(long offset, Span<byte> target)
    {
        while (!target.IsEmpty)
        {
            int read = RandomAccess.Read(_handle, target, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("the column chunk runs past the end of the file");
            }

            offset += read;
            target = target[read..];
        }
    }

    private static int BitWidth(int maxLevel) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxLevel);

    public void Dispose()
    {
        _zstd?.Dispose();
        _handle.Dispose();
    }
}
