using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Analytics.ParquetFormat.Writing;

internal static partial class ParquetChunkEncoder
{
    /// <summary>The dictionary-encoded chunk, or null when the values are too distinct for one.</summary>
    private static EncodedChunk? TryDictionary(ReadOnlySpan<string?> values)
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

            return EncodeDictionary(values, entries, indices.AsSpan(0, m), nulls);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static EncodedChunk EncodeDictionary(ReadOnlySpan<string?> values, List<string> entries, ReadOnlySpan<int> indices, long nulls)
    {
        // Dictionary page: the distinct values, PLAIN; the statistics come from them.
        long capacity = 0;
        foreach (var e in entries)
        {
            capacity += 4 + Encoding.UTF8.GetMaxByteCount(e.Length);
        }

        byte[] dictionary = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, capacity));
        int bitWidth = RleBitPackedEncoder.BitWidth(Math.Max(0, entries.Count - 1));
        byte[] body = ArrayPool<byte>.Shared.Rent(4 + DefinitionLevelEncoder.MaxLength(values.Length) + 1 + RleBitPackedEncoder.MaxLength(indices.Length, bitWidth));
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

            byte[]? min = minOffset < 0 ? null : dictionary.AsSpan(minOffset, minLength).ToArray();
            byte[]? max = maxOffset < 0 ? null : dictionary.AsSpan(maxOffset, maxLength).ToArray();

            // Data page: definition levels, the index bit width, then the indices.
            int bodyLength = WriteDefinitionLevels(values, body);
            body[bodyLength++] = (byte)bitWidth;
            bodyLength += RleBitPackedEncoder.Encode(indices, bitWidth, body.AsSpan(bodyLength));
            bool snappy = Compressible(body.AsSpan(0, bodyLength));
            var (dictionaryPage, dictionaryUncompressed) = DictionaryPage(dictionary.AsSpan(0, pos), entries.Count, snappy);
            var (dataPage, dataUncompressed) = DictionaryIndexPage(body.AsSpan(0, bodyLength), values.Length, snappy);

            byte[] bytes2 = GC.AllocateUninitializedArray<byte>(dictionaryPage.Length + dataPage.Length);
            dictionaryPage.CopyTo(bytes2, 0);
            dataPage.CopyTo(bytes2, dictionaryPage.Length);
            return new EncodedChunk(bytes2, bytes2.Length, dictionaryUncompressed + dataUncompressed, values.Length, nulls, min, max, snappy, dictionaryPage.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
            ArrayPool<byte>.Shared.Return(dictionary);
        }
    }

    private static EncodedChunk EncodePlainStrings(ReadOnlySpan<string?> values)
    {
        int n = values.Length;
        long capacity = 4 + DefinitionLevelEncoder.MaxLength(n);
        for (int i = 0; i < n; i++)
        {
            capacity += 4 + Encoding.UTF8.GetMaxByteCount(values[i]?.Length ?? 0);
        }

        if (capacity > Array.MaxLength)
        {
            throw new InvalidOperationException("A text column slice is too large for one Parquet page.");
        }

        byte[] body = ArrayPool<byte>.Shared.Rent((int)capacity);
        try
        {
            int pos = WriteDefinitionLevels(values, body);
            int minOffset = -1, minLength = 0, maxOffset = -1, maxLength = 0;
            long nulls = 0;
            for (int i = 0; i < n; i++)
            {
                string? s = values[i];
                if (s is null)
                {
                    nulls++;
                    continue;
                }

                int length = Encoding.UTF8.GetBytes(s, body.AsSpan(pos + 4));
                BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(pos), length);
                int offset = pos + 4;
                var bytes = body.AsSpan(offset, length);
                if (minOffset < 0)
                {
                    (minOffset, minLength, maxOffset, maxLength) = (offset, length, offset, length);
                }
                else if (bytes.SequenceCompareTo(body.AsSpan(minOffset, minLength)) < 0)
                {
                    (minOffset, minLength) = (offset, length);
                }
                else if (bytes.SequenceCompareTo(body.AsSpan(maxOffset, maxLength)) > 0)
                {
                    (maxOffset, maxLength) = (offset, length);
                }

                pos = offset + length;
            }

            byte[]? min = minOffset < 0 ? null : body.AsSpan(minOffset, minLength).ToArray();
            byte[]? max = maxOffset < 0 ? null : body.AsSpan(maxOffset, maxLength).ToArray();
            return Finish(body.AsSpan(0, pos), n, nulls, min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
