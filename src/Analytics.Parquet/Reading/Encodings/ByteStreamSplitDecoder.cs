namespace Analytics.ParquetFormat.Reading.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT (parquet-format Encodings.md): the k-th bytes of all N values of width K stored together, K
/// streams of N bytes. Decoding gathers them back into PLAIN order: value i's byte k is at k × N + i.
/// </summary>
internal static class ByteStreamSplitDecoder
{
    /// <summary>
    /// Writes the <paramref name="count"/> values of <paramref name="width"/> bytes in <paramref name="data"/> to
    /// <paramref name="plain"/> in PLAIN order. The page must hold exactly that many bytes.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> data, int count, int width, Span<byte> plain)
    {
        long expected = (long)count * width;
        if (data.Length != expected)
        {
            throw new ParquetChunkException(
                $"has a BYTE_STREAM_SPLIT page of {data.Length} bytes where its {count} values of {width} bytes need {expected}");
        }

        for (int k = 0; k < width; k++)
        {
            var stream = data.Slice(k * count, count);
            for (int i = 0, t = k; i < count; i++, t += width)
            {
                plain[t] = stream[i];
            }
        }
    }
}
