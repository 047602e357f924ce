using System.Runtime.CompilerServices;

namespace Analytics.IO.Reading;

/// <summary>
/// A map from an object reference (plus an optional slice <c>start</c>/<c>length</c>) to a value, for hot loops
/// where the same instances recur row after row: interned strings, and the one <c>char[]</c> per dictionary
/// entry that Parquet.Net hands out for every row of a dictionary-encoded column. Keys are hashed by their
/// current address, so a lookup never touches the key object itself (no cache miss on it, no string hashing).
/// </summary>
/// <remarks>
/// Equality is by reference, so a hit is always right. The garbage collector may move a key after it was
/// stored; its slot then no longer matches its address and the next lookup simply misses and stores it again
/// (the caller recomputes the same value). The table holds strong references to its keys, so a dead key can
/// never be confused with a new object at the same address. Not thread-safe: one per worker or per column.
/// Open addressing with linear probing; grows to <see cref="_maxCapacity"/>, then starts over empty.
/// </remarks>
internal sealed class ReferenceCache<TValue>
{
    private Entry[] _entries;
    private int _count;
    private int _shift;
    private readonly int _maxCapacity;

    /// <param name="initialCapacity">Starting slots (rounded up to a power of two).</param>
    /// <param name="maxCapacity">Most slots; past half of it the cache is cleared rather than grown.</param>
    public ReferenceCache(int initialCapacity = 64, int maxCapacity = 1 << 22)
    {
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)initialCapacity));
        _maxCapacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, maxCapacity));
        _entries = new Entry[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>Entries stored.</summary>
    public int Count => _count;

    /// <summary>Looks up <paramref name="key"/> (whole object).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(object key, out TValue value) => TryGetValue(key, 0, 0, out value);

    /// <summary>Looks up the slice (<paramref name="key"/>, <paramref name="start"/>, <paramref name="length"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(object key, int start, int length, out TValue value)
    {
        var entries = _entries;
        int mask = entries.Length - 1;
        int slot = Slot(key, start, length);
        while (true)
        {
            ref Entry e = ref entries[slot];
            if (e.Key is null)
            {
                value = default!;
                return false;
            }

            if (ReferenceEquals(e.Key, key) && e.Start == start && e.Length == length)
            {
                value = e.Value;
                return true;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/> (whole object).</summary>
    public void Add(object key, TValue value) => Add(key, 0, 0, value);

    /// <summary>Stores <paramref name="value"/> for the slice; call only after a miss.</summary>
    public void Add(object key, int start, int length, TValue value)
    {
        if (_count >= _entries.Length / 2)
        {
            if (_entries.Length >= _maxCapacity)
            {
                Clear();
            }
            else
            {
                Resize(_entries.Length * 2);
            }
        }

        Insert(_entries, key, start, length, value);
        _count++;
    }

    /// <summary>Forgets every entry (and releases the references to the keys).</summary>
    public void Clear()
    {
        if (_count > 0)
        {
            Array.Clear(_entries);
            _count = 0;
        }
    }

    private void Resize(int capacity)
    {
        var old = _entries;
        _entries = new Entry[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        foreach (ref readonly Entry e in old.AsSpan())
        {
            if (e.Key is not null)
            {
                Insert(_entries, e.Key, e.Start, e.Length, e.Value);
            }
        }
    }

    private void Insert(Entry[] entries, object key, int start, int length, TValue value)
    {
        int mask = entries.Length - 1;
        int slot = Slot(key, start, length);
        while (entries[slot].Key is not null)
        {
            slot = (slot + 1) & mask;
        }

        entries[slot] = new Entry { Key = key, Start = start, Length = length, Value = value };
    }

    /// <summary>Fibonacci hashing of the key's current address mixed with the slice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(object key, int start, int length)
    {
        // The address is only a hash: equality is decided by ReferenceEquals, so a stale address costs a miss, never a wrong hit.
        ulong address = (ulong)Unsafe.As<object, nint>(ref key);
        ulong h = (address ^ ((ulong)(uint)start << 32) ^ (uint)length) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> _shift);
    }

    private struct Entry
    {
        public object? Key;
        public int Start;
        public int Length;
        public TValue Value;
    }
}
