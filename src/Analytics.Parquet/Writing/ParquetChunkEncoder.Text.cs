using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Analytics.ParquetFormat.Writing;

internal static partial class ParquetChunkEncoder
{
    /// <summary>The dictionary-encoded chunk, or null when the values are too distinct for one.</summary>
    private static EncodedChunk? TryDictionary(ReadOnlySpan<string?> values, bool pooled)
    {
        int n = values.Length;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<string>();
        // Most cells of such columns share a handful of string objects, so a small cache keyed by object identity
        // saves hashing the text on almost every row; equal texts in different objects still meet in the dictionary.
        const int CacheSlots = 64;
        var cachedString = new string?[CacheSlots];
        var cachedIndex = new int[CacheSlots];
        int[] indices = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        try
        {
            int m = 0;
            long nulls = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[i];
                if (s is null)
                {
                    nulls++;
                    continue;
                }

                int slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(s) & (CacheSlots - 1);
                int k;
                if (ReferenceEquals(cachedString[slot], s))
                {
                    k = cachedIndex[slot];
                }
                else
                {
                    if (!index.TryGetValue(s, out k))
                    {
                        k = entries.Count;
                        if (k == MaxDictionaryEntries)
                        {
                            return null;
                        }

                        index.Add(s, k);
                        entries.Add(s);
                    }

                    cachedString[slot] = s;
                    cachedIndex[slot] = k;
                }

                indices[m++] = k;
                if (m == DictionarySample && entries.Count > DictionarySample / 2)
                {
                    return null;
                }
            }

            // Mostly distinct (or no values at all): a dictionary would only add a page.
            if (entries.Count == 0 || entries.Count * 2 > m)
            {
                return null;
            }

            return EncodeDictionary(values, entries, indices.AsSpan(0, m), nulls, pooled);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static EncodedChunk? EncodeDictionary(ReadOnlySpan<string?> values, List<string> entries, ReadOnlySpan<int> indices,
        long nulls, bool pooled)
    {
        // Dictionary page: the distinct values, PLAIN; the statistics come from them.
        long capacity = 0;
        foreach (var e in entries)
        {
            capacity += 4 + Encoding.UTF8.GetMaxByteCount(e.Length);
        }

        int n = values.Length, pageRows = Math.Min(n, MaxPageRows);
        byte[] dictionary = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, capacity));
        int bitWidth = RleBitPackedEncoder.BitWidth(Math.Max(0, entries.Count - 1));
        byte[] body = ArrayPool<byte>.Shared.Rent(4 + DefinitionLevelEncoder.MaxLength(pageRows) + 1
            + RleBitPackedEncoder.MaxLength(pageRows, bitWidth));
        try
        {
            int pos = 0, minOffset = -1, minLength = 0, maxOffset = -1, maxLength = 0;
            foreach (var e in entries)
            {
                int length = Encoding.UTF8.GetBytes(e, dictionary.AsSpan(pos + 4));
                BinaryPrimitives.WriteInt32LittleEndian(dictionary.AsSpan(pos), length);
                int offset = pos + 4;
                var bytes = dictionary.AsSpan(offset, length);
                if (minOffset < 0 || bytes.SequenceCompareTo(dictionary.AsSpan(minOffset, minLength)) < 0)
                {
                    (minOffset, minLength) = (offset, length);
                }

                if (maxOffset < 0 || bytes.SequenceCompareTo(dictionary.AsSpan(maxOffset, maxLength)) > 0)
                {
                    (maxOffset, maxLength) = (offset, length);
                }

                pos = offset + length;
            }

            if (pos > MaxPageBytes)
            {
                return null; // long distinct texts: PLAIN pages stay bounded, a dictionary page would not
            }

            byte[]? min = minOffset < 0 ? null : dictionary.AsSpan(minOffset, minLength).ToArray();
            byte[]? max = maxOffset < 0 ? null : dictionary.AsSpan(maxOffset, maxLength).ToArray();

            // Data pages: definition levels, the index bit width, then the indices of the page's non-null values.
            ChunkBuilder? chunk = null;
            int start = 0, used = 0;
            do
            {
                int rows = PageRows(start, n);
                var page = values.Slice(start, rows);
                int pageNulls = 0;
                foreach (string? s in page)
                {
                    if (s is null) pageNulls++;
                }

                int bodyLength = WriteDefinitionLevels(page, body);
                body[bodyLength++] = (byte)bitWidth;
                bodyLength += RleBitPackedEncoder.Encode(indices.Slice(used, rows - pageNulls), bitWidth, body.AsSpan(bodyLength));
                used += rows - pageNulls;
                if (chunk is null)
                {
                    // Snappy is judged on the first data page, and the dictionary page that precedes it shares the choice.
                    chunk = Begin(body.AsSpan(0, bodyLength), pos + (int)((long)n * (bitWidth + 1) / 8) + 64 * (n / MaxPageRows + 2),
                        pooled);
                    chunk.AddDictionaryPage(dictionary.AsSpan(0, pos), entries.Count);
                }

                chunk.AddDataPage(body.AsSpan(0, bodyLength), rows, RleDictionaryEncoding);
                start += rows;
            }
            while (start < n);

            return chunk.Finish(n, nulls, min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
            ArrayPool<byte>.Shared.Return(dictionary);
        }
    }

    private static EncodedChunk EncodePlainStrings(ReadOnlySpan<string?> values, bool pooled)
    {
        int n = values.Length;
        // A page's values are encoded first (so its rows are known), then its body is its levels followed by them.
        byte[] encoded = ArrayPool<byte>.Shared.Rent(MaxPageBytes);
        byte[] body = ArrayPool<byte>.Shared.Rent(4 + DefinitionLevelEncoder.MaxLength(Math.Min(n, MaxPageRows)) + MaxPageBytes);
        byte[]? min = null, max = null;
        long nulls = 0, estimate = 0;
        for (int i = 0; i < n; i++)
        {
            estimate += 5 + (values[i]?.Length ?? 0);
        }

        try
        {
            ChunkBuilder? chunk = null;
            int start = 0;
            do
            {
                int rows = 0, pos = 0, minOffset = -1, minLength = 0, maxOffset = -1, maxLength = 0;
                while (start + rows < n && rows < MaxPageRows)
                {
                    string? s = values[start + rows];
                    if (s is null)
                    {
                        nulls++;
                        rows++;
                        continue;
                    }

                    int length;
                    if (pos + 4 + Encoding.UTF8.GetMaxByteCount(s.Length) <= encoded.Length)
                    {
                        length = Encoding.UTF8.GetBytes(s, encoded.AsSpan(pos + 4));
                    }
                    else
                    {
                        length = Encoding.UTF8.GetByteCount(s);
                        if (rows == 0 && 4 + length > encoded.Length)
                        {
                            // One value longer than a page: a page of its own, in a buffer that holds it.
                            ArrayPool<byte>.Shared.Return(encoded);
                            encoded = ArrayPool<byte>.Shared.Rent(4 + length);
                        }

                        if (pos + 4 + length <= encoded.Length)
                        {
                            Encoding.UTF8.GetBytes(s, encoded.AsSpan(pos + 4));
                        }
                    }

                    if (rows > 0 && pos + 4 + length > MaxPageBytes)
                    {
                        break; // the page is full; the value starts the next one
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(encoded.AsSpan(pos), length);
                    int offset = pos + 4;
                    var bytes = encoded.AsSpan(offset, length);
                    if (minOffset < 0)
                    {
                        (minOffset, minLength, maxOffset, maxLength) = (offset, length, offset, length);
                    }
                    else if (bytes.SequenceCompareTo(encoded.AsSpan(minOffset, minLength)) < 0)
                    {
                        (minOffset, minLength) = (offset, length);
                    }
                    else if (bytes.SequenceCompareTo(encoded.AsSpan(maxOffset, maxLength)) > 0)
                    {
                        (maxOffset, maxLength) = (offset, length);
                    }

                    pos = offset + length;
                    rows++;
                }

                // The chunk's bounds: copied only when a page's own bound beats them.
                if (minOffset >= 0)
                {
                    var pageMin = encoded.AsSpan(minOffset, minLength);
                    var pageMax = encoded.AsSpan(maxOffset, maxLength);
                    if (min is null || pageMin.SequenceCompareTo(min) < 0) min = pageMin.ToArray();
                    if (max is null || pageMax.SequenceCompareTo(max) > 0) max = pageMax.ToArray();
                }

                int bodyCapacity = 4 + DefinitionLevelEncoder.MaxLength(rows) + pos;
                if (body.Length < bodyCapacity)
                {
                    ArrayPool<byte>.Shared.Return(body);
                    body = ArrayPool<byte>.Shared.Rent(bodyCapacity);
                }

                int bodyLength = WriteDefinitionLevels(values.Slice(start, rows), body);
                encoded.AsSpan(0, pos).CopyTo(body.AsSpan(bodyLength));
                bodyLength += pos;
                chunk ??= Begin(body.AsSpan(0, bodyLength), (int)Math.Min(Array.MaxLength, estimate + 64 * (n / MaxPageRows + 2)),
                    pooled);
                chunk.AddDataPage(body.AsSpan(0, bodyLength), rows, PlainEncoding);
                start += rows;
            }
            while (start < n);

            return chunk.Finish(n, nulls, min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }
}
