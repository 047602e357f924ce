using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Analytics.ParquetFormat.Reading.Encodings;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;
using Parquet.Schema;
using Encoding = Parquet.Meta.Encoding;
using PhysicalType = Parquet.Meta.Type;

namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Decodes flat column chunks directly from the file: data pages v1 and v2, RLE definition levels, every value
/// encoding valid for the physical type (PLAIN, dictionary with fallback to another encoding mid-chunk,
/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT) and every codec of
/// <see cref="PageDecompressor"/>. Values reach the <see cref="IChunkValueSink"/> as PLAIN bytes of the physical
/// type (the other encodings are rewritten to PLAIN first), so the sink has one conversion per type. Parquet.Net
/// reads the footer; reading the pages here lets a dictionary entry be decoded and interned once per chunk and a row
/// cost one array read, and covers encodings Parquet.Net 6.1 does not decode for dates, timestamps and decimals.
/// An encoding not valid for the type, a codec not read, or a page that does not decode to its promised count
/// raises <see cref="ParquetChunkException"/>; definition levels may be RLE or the deprecated BIT_PACKED (v1 pages).
/// One instance per reader lease: it reuses its
/// buffers from chunk to chunk and is not thread-safe.
/// </summary>
internal sealed class ParquetChunkDecoder : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly PageDecompressor _decompressor = new();
    private readonly DeltaByteArrayDecoder _byteArrays = new();
    private byte[] _chunk = [];
    private int[] _indices = [];
    private long[] _longs = [];
    private byte[] _plain = [];

    public ParquetChunkDecoder(SafeFileHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Where a chunk lies in the file, how its pages are compressed, and its values' physical type.</summary>
    public readonly record struct Chunk(long Offset, int Length, CompressionCodec Codec, PhysicalType Physical, int TypeLength = 0);

    /// <summary>
    /// True when the chunk described by <paramref name="meta"/> is one this decoder reads for a sink that takes
    /// <paramref name="physical"/> values: flat, <paramref name="rows"/> values, a known place in the file. A codec the
    /// engine does not read raises <see cref="ParquetChunkException"/> here, before any page is read.
    /// </summary>
    public static bool TryPlan(ColumnMetaData? meta, DataField field, PhysicalType physical, int rows, out Chunk chunk)
    {
        chunk = default;
        if (meta is null || !BitConverter.IsLittleEndian
            || field.MaxRepetitionLevel != 0 || field.MaxDefinitionLevel > 1
            || meta.Type != physical || meta.NumValues != rows)
        {
            return false;
        }

        if (!PageDecompressor.IsSupported(meta.Codec))
        {
            throw new ParquetChunkException($"is compressed with {ParquetEncodings.Name(meta.Codec)}, which the engine does not read");
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

        int typeLength = field.SchemaElement?.TypeLength ?? 0;
        if (physical == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength <= 0)
        {
            return false;
        }

        chunk = new Chunk(start, (int)meta.TotalCompressedSize, meta.Codec, physical, typeLength);
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
        _byteArrays.Reset();

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
                        throw new ParquetChunkException(
                            $"has a dictionary page in the {ParquetEncodings.Name(header.Encoding)} encoding, where the format "
                                + $"allows PLAIN only");
                    }

                    if (header.NumValues < 0 || hasDictionary)
                    {
                        throw new InvalidDataException(hasDictionary ? "a second dictionary page" : "negative dictionary size");
                    }

                    var entries = Decompress(chunk.Codec, pageStart, header.CompressedSize, header.UncompressedSize);
                    CheckPlainLength(entries, header.NumValues, chunk, "dictionary page");
                    sink.AcceptDictionaryPage(entries, header.NumValues);
                    hasDictionary = true;
                    break;
                }

                case ParquetPageHeader.DataPage:
                {
                    CheckEncoding(header.Encoding, chunk.Physical);
                    int count = PageRows(header, rows - rowsDone);
                    var page = Decompress(chunk.Codec, pageStart, header.CompressedSize, header.UncompressedSize);
                    int present = count;
                    if (maxDefinition > 0 && header.DefinitionLevelEncoding == (int)Encoding.BIT_PACKED)
                    {
                        // The deprecated BIT_PACKED levels (older parquet-mr): no length prefix, exactly the page's levels.
                        int length = (int)(((long)count * BitWidth(maxDefinition) + 7) / 8);
                        if (length > page.Length)
                        {
                            throw new InvalidDataException("definition levels are truncated");
                        }

                        present = DecodeBitPackedLevels(page[..length], maxDefinition, definitions!.AsSpan(rowsDone, count));
                        page = page[length..];
                    }
                    else if (maxDefinition > 0)
                    {
                        if (header.DefinitionLevelEncoding != (int)Encoding.RLE)
                        {
                            string levelEncoding = ParquetEncodings.Name(header.DefinitionLevelEncoding);
                            throw new ParquetChunkException(
                                $"has definition levels in the {levelEncoding} encoding, where the format allows RLE or BIT_PACKED");
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

                    DecodeValues(header.Encoding, page, present, valuesDone, hasDictionary, chunk, sink);
                    valuesDone += present;
                    rowsDone += count;
                    break;
                }

                case ParquetPageHeader.DataPageV2:
                {
                    CheckEncoding(header.Encoding, chunk.Physical);
                    int count = PageRows(header, rows - rowsDone);
                    int levels = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
                    if (header.RepetitionLevelsLength < 0 || header.DefinitionLevelsLength < 0 || levels > header.CompressedSize
                        || levels > header.UncompressedSize)
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
                    DecodeValues(header.Encoding, values, present, valuesDone, hasDictionary, chunk, sink);
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

    private static void CheckEncoding(int encoding, PhysicalType physical)
    {
        if (!ParquetEncodings.IsValidFor(encoding, physical))
        {
            throw new ParquetChunkException(
                $"uses the {ParquetEncodings.Name(encoding)} encoding, which is not valid for {ParquetEncodings.Name(physical)} values");
        }
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

    /// <summary>
    /// Decodes BIT_PACKED levels: each level in BitWidth(max) bits, packed from the most significant bit of the first
    /// byte on (unlike the hybrid's bit-packed runs); returns how many rows hold a value.
    /// </summary>
    private static int DecodeBitPackedLevels(ReadOnlySpan<byte> data, int maxDefinition, Span<int> levels)
    {
        int width = BitWidth(maxDefinition), present = 0;
        long bit = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            int level = 0;
            for (int b = 0; b < width; b++, bit++)
            {
                level = (level << 1) | ((data[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }

            levels[i] = level;
            if (level == maxDefinition) present++;
        }

        return present;
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, int count, int start, bool hasDictionary, in Chunk chunk,
        IChunkValueSink sink)
    {
        if (count == 0)
        {
            return;
        }

        switch ((Encoding)encoding)
        {
            case Encoding.PLAIN:
                CheckPlainLength(data, count, chunk, "PLAIN page");
                sink.AcceptPlainValues(data, start, count);
                break;
            case Encoding.PLAIN_DICTIONARY:
            case Encoding.RLE_DICTIONARY:
            {
                if (!hasDictionary)
                {
                    throw new InvalidDataException("a dictionary-encoded page comes without a dictionary");
                }

                if (data.IsEmpty)
                {
                    throw new InvalidDataException("dictionary indices are missing");
                }

                var indices = Scratch(ref _indices, count);
                RleBitPackedDecoder.Decode(data[1..], data[0], indices);
                sink.AcceptDictionaryIndices(indices, start);
                break;
            }

            case Encoding.DELTA_BINARY_PACKED:
                sink.AcceptPlainValues(DeltaToPlain(data, count, chunk.Physical), start, count);
                break;
            case Encoding.DELTA_LENGTH_BYTE_ARRAY:
                sink.AcceptPlainValues(_byteArrays.DecodeLengths(data, count), start, count);
                break;
            case Encoding.DELTA_BYTE_ARRAY:
                int fixedLength = chunk.Physical == PhysicalType.FIXED_LEN_BYTE_ARRAY ? chunk.TypeLength : 0;
                sink.AcceptPlainValues(_byteArrays.DecodeIncremental(data, count, fixedLength), start, count);
                break;
            case Encoding.BYTE_STREAM_SPLIT:
            {
                int width = ParquetEncodings.PlainWidth(chunk.Physical, chunk.TypeLength);
                var plain = Scratch(ref _plain, checked(count * width));
                ByteStreamSplitDecoder.Decode(data, count, width, plain);
                sink.AcceptPlainValues(plain, start, count);
                break;
            }

            default:
                // CheckEncoding let it through: valid for the type but not decoded here (RLE booleans).
                throw new UnsupportedChunkException();
        }
    }

    /// <summary>DELTA_BINARY_PACKED INT32 or INT64 values as PLAIN bytes (little-endian, this machine's order).</summary>
    private ReadOnlySpan<byte> DeltaToPlain(ReadOnlySpan<byte> data, int count, PhysicalType physical)
    {
        var longs = Scratch(ref _longs, count);
        DeltaBinaryPackedDecoder.Decode(data, longs);
        if (physical == PhysicalType.INT64)
        {
            return MemoryMarshal.AsBytes(longs);
        }

        // INT32: the low 32 bits, in place (element i of the int view lies within element i / 2 ≤ i of the long view).
        var ints = MemoryMarshal.Cast<long, int>(longs)[..count];
        for (int i = 0; i < count; i++)
        {
            ints[i] = (int)longs[i];
        }

        return MemoryMarshal.AsBytes(ints);
    }

    /// <summary>A fixed-width PLAIN section must hold all <paramref name="count"/> values; short ones fail naming what is short.</summary>
    private static void CheckPlainLength(ReadOnlySpan<byte> data, int count, in Chunk chunk, string what)
    {
        int width = ParquetEncodings.PlainWidth(chunk.Physical, chunk.TypeLength);
        if (width > 0 && (long)count * width > data.Length)
        {
            throw new ParquetChunkException(
                $"has a {what} of {data.Length} bytes, too short for the {count} {ParquetEncodings.Name(chunk.Physical)} values its "
                    + $"header promises");
        }
    }

    private ReadOnlySpan<byte> Decompress(CompressionCodec codec, int offset, int length, int uncompressedSize) =>
        _decompressor.Decompress(codec, _chunk.AsSpan(offset, length), uncompressedSize);

    private static Span<T> Scratch<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = GC.AllocateUninitializedArray<T>(Math.Max(length, 2 * array.Length));
        }

        return array.AsSpan(0, length);
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
        _decompressor.Dispose();
        _handle.Dispose();
    }
}
