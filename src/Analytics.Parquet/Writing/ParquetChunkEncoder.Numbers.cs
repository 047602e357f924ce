using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Analytics.ParquetFormat.Writing;

internal static partial class ParquetChunkEncoder
{
    private static EncodedChunk EncodeDoubles(ReadOnlySpan<double> values, bool pooled)
    {
        int n = values.Length, pageRows = Math.Min(n, MaxPageRows);
        byte[] body = ArrayPool<byte>.Shared.Rent(4 + DefinitionLevelEncoder.MaxLength(pageRows) + 8 * pageRows);
        byte[] levels = ArrayPool<byte>.Shared.Rent(Math.Max(1, pageRows));
        try
        {
            ChunkBuilder? chunk = null;
            long nulls = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            int start = 0;
            do
            {
                int rows = PageRows(start, n);
                var page = values.Slice(start, rows);
                int pageNulls = 0;
                for (int i = 0; i < rows; i++)
                {
                    double v = page[i];
                    if (double.IsNaN(v))
                    {
                        levels[i] = 0;
                        pageNulls++;
                        continue;
                    }

                    levels[i] = 1;
                    if (v < min) min = v;
                    if (v > max) max = v;
                }

                int pos = PrefixedLevels(levels.AsSpan(0, rows), body);
                if (pageNulls == 0)
                {
                    MemoryMarshal.AsBytes(page).CopyTo(body.AsSpan(pos));
                    pos += 8 * rows;
                }
                else
                {
                    for (int i = 0; i < rows; i++)
                    {
                        if (!double.IsNaN(page[i]))
                        {
                            BinaryPrimitives.WriteDoubleLittleEndian(body.AsSpan(pos), page[i]);
                            pos += 8;
                        }
                    }
                }

                chunk ??= Begin(body.AsSpan(0, pos), 8 * n + 64 * (n / MaxPageRows + 1), pooled);
                chunk.AddDataPage(body.AsSpan(0, pos), rows, PlainEncoding);
                nulls += pageNulls;
                start += rows;
            }
            while (start < n);

            byte[]? minBytes = null, maxBytes = null;
            if (nulls < n)
            {
                // The format's rule for zeros: a zero minimum is written as −0, a zero maximum as +0.
                if (min == 0) min = -0.0;
                if (max == 0) max = 0.0;
                minBytes = new byte[8];
                maxBytes = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(minBytes, min);
                BinaryPrimitives.WriteDoubleLittleEndian(maxBytes, max);
            }

            return chunk.Finish(n, nulls, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(levels);
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeInts(ReadOnlySpan<int> values, int offset, bool pooled)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 4 * Math.Min(n, MaxPageRows)));
        try
        {
            ChunkBuilder? chunk = null;
            int min = int.MaxValue, max = int.MinValue;
            int start = 0;
            do
            {
                int rows = PageRows(start, n);
                var target = MemoryMarshal.Cast<byte, int>(body.AsSpan(0, 4 * rows));
                for (int i = 0; i < rows; i++)
                {
                    int v = values[start + i] - offset;
                    target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                    if (v < min) min = v;
                    if (v > max) max = v;
                }

                chunk ??= Begin(body.AsSpan(0, 4 * rows), 4 * n + 64 * (n / MaxPageRows + 1), pooled);
                chunk.AddDataPage(body.AsSpan(0, 4 * rows), rows, PlainEncoding);
                start += rows;
            }
            while (start < n);

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[4];
                maxBytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt32LittleEndian(maxBytes, max);
            }

            return chunk.Finish(n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeLongs(ReadOnlySpan<long> values, bool pooled)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 8 * Math.Min(n, MaxPageRows)));
        try
        {
            ChunkBuilder? chunk = null;
            long min = long.MaxValue, max = long.MinValue;
            int start = 0;
            do
            {
                int rows = PageRows(start, n);
                var target = MemoryMarshal.Cast<byte, long>(body.AsSpan(0, 8 * rows));
                for (int i = 0; i < rows; i++)
                {
                    long v = values[start + i];
                    target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                    if (v < min) min = v;
                    if (v > max) max = v;
                }

                chunk ??= Begin(body.AsSpan(0, 8 * rows), 8 * n + 64 * (n / MaxPageRows + 1), pooled);
                chunk.AddDataPage(body.AsSpan(0, 8 * rows), rows, PlainEncoding);
                start += rows;
            }
            while (start < n);

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[8];
                maxBytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt64LittleEndian(maxBytes, max);
            }

            return chunk.Finish(n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
