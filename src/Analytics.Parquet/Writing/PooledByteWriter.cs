using System.Buffers;

namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// A growable byte buffer whose array comes from <see cref="ArrayPool{T}.Shared"/>: an encoded column chunk is a
/// multi-megabyte array used once (written to its file, then dropped), and taking it from the pool and giving it back
/// after the write lets the next chunk reuse it instead of allocating fresh large-object memory for every chunk, which
/// the kernel zeroes page by page and the collector has to reclaim (blocking full collections). The owner of
/// <see cref="Detach"/>'s array returns it with <see cref="Return"/> once no byte of it is needed.
/// </summary>
internal sealed class PooledByteWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    /// <summary>A writer with room for <paramref name="capacity"/> bytes.</summary>
    public PooledByteWriter(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, capacity));

    /// <summary>Bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>The pooled array holding the bytes (its tail unused); the writer must not be used after this.</summary>
    public byte[] Detach()
    {
        var buffer = _buffer;
        _buffer = [];
        return buffer;
    }

    /// <summary>Gives an array from <see cref="Detach"/> back to the pool.</summary>
    public static void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(1, sizeHint);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        int size = (int)Math.Min(Array.MaxLength, Math.Max((long)_written + needed, 2L * _buffer.Length));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
