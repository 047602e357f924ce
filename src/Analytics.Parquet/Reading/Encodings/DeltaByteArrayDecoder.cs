using System.Buffers.Binary;

namespace Analytics.ParquetFormat.Reading.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (parquet-format Encodings.md), rewritten as PLAIN so one code path
/// turns bytes into values: for BYTE_ARRAY each value as a 4-byte little-endian length and its bytes, for
/// FIXED_LEN_BYTE_ARRAY the values back to back. One instance per chunk decoder; it keeps its scratch arrays and,
/// for DELTA_BYTE_ARRAY, the chunk's last value (a page's first value may share a prefix with the previous page's
/// last, as older parquet-mr writers did).
/// </summary>
internal sealed class DeltaByteArrayDecoder
{
    private long[] _lengths = [];
    private long[] _prefixes = [];
    private byte[] _plain = [];
    private byte[] _previous = [];
    private int _previousLength;

    /// <summary>Forgets the previous value: a new chunk starts.</summary>
    public void Reset() => _previousLength = 0;

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: <paramref name="count"/> lengths (DELTA_BINARY_PACKED), then the bytes of all values.</summary>
    public ReadOnlySpan<byte> DecodeLengths(ReadOnlySpan<byte> data, int count)
    {
        var lengths = Scratch(ref _lengths, count);
        int position = DeltaBinaryPackedDecoder.Decode(data, lengths);
        long total = 0;
        foreach (long length in lengths)
        {
            if (length < 0 || length > int.MaxValue)
            {
                throw new InvalidDataException("a DELTA_LENGTH_BYTE_ARRAY length is negative or too large");
            }

            total += length;
        }

        if (total > data.Length - position)
        {
            throw new InvalidDataException("DELTA_LENGTH_BYTE_ARRAY values are truncated");
        }

        var plain = Scratch(ref _plain, checked((int)(total + 4L * count)));
        int source = position, target = 0;
        foreach (long length in lengths)
        {
            BinaryPrimitives.WriteInt32LittleEndian(plain.Slice(target), (int)length);
            data.Slice(source, (int)length).CopyTo(plain.Slice(target + 4));
            source += (int)length;
            target += 4 + (int)length;
        }

        return plain;
    }

    /// <summary>
    /// DELTA_BYTE_ARRAY: <paramref name="count"/> prefix lengths, as many suffix lengths (both DELTA_BINARY_PACKED),
    /// then the suffixes; value i is the first prefix[i] bytes of value i − 1 followed by suffix i.
    /// <paramref name="fixedLength"/> &gt; 0 is FIXED_LEN_BYTE_ARRAY's length: values are written without prefixes
    /// and must have that length.
    /// </summary>
    public ReadOnlySpan<byte> DecodeIncremental(ReadOnlySpan<byte> data, int count, int fixedLength)
    {
        var prefixes = Scratch(ref _prefixes, count);
        int position = DeltaBinaryPackedDecoder.Decode(data, prefixes);
        var suffixes = Scratch(ref _lengths, count);
        position += DeltaBinaryPackedDecoder.Decode(data.Slice(position), suffixes);
        long size = 0, suffixTotal = 0;
        for (int i = 0; i < count; i++)
        {
            if (prefixes[i] < 0 || suffixes[i] < 0 || prefixes[i] > int.MaxValue || suffixes[i] > int.MaxValue)
            {
                throw new InvalidDataException("a DELTA_BYTE_ARRAY length is negative or too large");
            }

            suffixTotal += suffixes[i];
            size += (fixedLength > 0 ? 0 : 4) + prefixes[i] + suffixes[i];
        }

        if (suffixTotal > data.Length - position)
        {
            throw new InvalidDataException("DELTA_BYTE_ARRAY suffixes are truncated");
        }

        var plain = Scratch(ref _plain, checked((int)size));
        int source = position, target = 0;
        for (int i = 0; i < count; i++)
        {
            int prefix = (int)prefixes[i], suffix = (int)suffixes[i], length = prefix + suffix;
            if (prefix > _previousLength)
            {
                throw new InvalidDataException("a DELTA_BYTE_ARRAY prefix is longer than the value before it");
            }

            if (fixedLength > 0 && length != fixedLength)
            {
                throw new ParquetChunkException(
                    $"has a DELTA_BYTE_ARRAY value of {length} bytes in a FIXED_LEN_BYTE_ARRAY({fixedLength}) column");
            }

            if (fixedLength == 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(plain.Slice(target), length);
                target += 4;
            }

            var value = plain.Slice(target, length);
            _previous.AsSpan(0, prefix).CopyTo(value);
            data.Slice(source, suffix).CopyTo(value.Slice(prefix));
            source += suffix;
            target += length;
            if (_previous.Length < length)
            {
                Array.Resize(ref _previous, Math.Max(length, 2 * _previous.Length));
            }

            value.CopyTo(_previous);
            _previousLength = length;
        }

        return plain;
    }

    private static Span<T> Scratch<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = GC.AllocateUninitializedArray<T>(Math.Max(length, 2 * array.Length));
        }

        return array.AsSpan(0, length);
    }
}
