using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Analytics.ParquetFormat.Writing;

internal static partial class ParquetChunkEncoder
{
    private static EncodedChunk EncodeDoubles(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        int capacity = 4 + DefinitionLevelEncoder.MaxLength(n) + 8 * n;
        byte[] body = ArrayPool<byte>.Shared.Rent(capacity);
        byte[] levels = ArrayPool<byte>.Shared.Rent(Math.Max(1, n));
        try
        {
            long nulls = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double v = values[i];
                if (double.IsNaN(v))
                {
                    levels[i] = 0;
                    nulls++;
                    continue;
                }

                levels[i] = 1;
                if (v < min) min = v;
                if (v > max) max = v;
            }

            int pos = PrefixedLevels(levels.AsSpan(0, n), body);
            if (nulls == 0)
            {
                MemoryMarshal.AsBytes(values).CopyTo(body.AsSpan(pos));
                pos += 8 * n;
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        BinaryPrimitives.WriteDoubleLittleEndian(body.AsSpan(pos), values[i]);
                        pos += 8;
                    }
                }
            }

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

            return Finish(body.AsSpan(0, pos), n, nulls, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(levels);
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeInts(ReadOnlySpan<int> values, int offset)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 4 * n));
        try
        {
            int min = int.MaxValue, max = int.MinValue;
            var target = MemoryMarshal.Cast<byte, int>(body.AsSpan(0, 4 * n));
            for (int i = 0; i < n; i++)
            {
                int v = values[i] - offset;
                target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                if (v < min) min = v;
                if (v > max) max = v;
            }

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[4];
                maxBytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt32LittleEndian(maxBytes, max);
            }

            return Finish(body.AsSpan(0, 4 * n), n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static EncodedChunk EncodeLongs(ReadOnlySpan<long> values)
    {
        int n = values.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, 8 * n));
        try
        {
            long min = long.MaxValue, max = long.MinValue;
            var target = MemoryMarshal.Cast<byte, long>(body.AsSpan(0, 8 * n));
            for (int i = 0; i < n; i++)
            {
                long v = values[i];
                target[i] = BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
                if (v < min) min = v;
                if (v > max) max = v;
            }

            byte[]? minBytes = null, maxBytes = null;
            if (n > 0)
            {
                minBytes = new byte[8];
                maxBytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(minBytes, min);
                BinaryPrimitives.WriteInt64LittleEndian(maxBytes, max);
            }

            return Finish(body.AsSpan(0, 8 * n), n, 0, minBytes, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
