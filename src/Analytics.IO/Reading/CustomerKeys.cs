using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Analytics.IO.Reading;

/// <summary>
/// The accepted customers' ids as UTF-8 bytes, so a customer_id cell of another table is turned into its dense customer
/// index by one hash probe over the bytes the reader decoded, without making a string. The answer is the one the
/// ordinal string lookup gives: a byte match means the cell decodes to exactly that id; any other cell (an unknown id,
/// an empty one, or bytes that are not valid UTF-8, which decode with U+FFFD and may still name a customer) is decoded
/// as <see cref="Encoding.UTF8"/>'s <c>GetString</c> decodes it and looked up as text. Immutable once built: shared by
/// every reader.
/// </summary>
internal sealed class CustomerKeys
{
    /// <summary>The id is not an accepted customer.</summary>
    public const int Unknown = -1;

    /// <summary>The id is an empty string (a missing value by the row rules).</summary>
    public const int Empty = -2;

    private readonly Slot[] _slots;
    private readonly byte[] _bytes;
    private readonly int _mask;

    // Seeded per process, as string hashing is, so crafted ids cannot be made to collide in advance.
    private readonly ulong _seed;

    /// <summary>Builds the byte index of <paramref name="index"/> (id → dense customer index).</summary>
    public CustomerKeys(Dictionary<string, int> index)
    {
        ArgumentNullException.ThrowIfNull(index);
        Index = index;
        Span<byte> seed = stackalloc byte[8];
        RandomNumberGenerator.Fill(seed);
        _seed = MemoryMarshal.Read<ulong>(seed);

        int capacity = 16;
        while (capacity < 2 * index.Count)
        {
            capacity *= 2;
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        var bytes = new ArrayBufferWriter<byte>(Math.Max(16, index.Count * 16));
        foreach (var (id, customer) in index)
        {
            // An id with a lone surrogate has no UTF-8 form that decodes back to it: left to the text lookup.
            int max = Encoding.UTF8.GetMaxByteCount(id.Length);
            var target = bytes.GetSpan(Math.Max(max, 1));
            if (id.Length == 0 || Utf8.FromUtf16(id, target, out _, out int written, replaceInvalidSequences: false)
                != OperationStatus.Done)
            {
                continue;
            }

            uint hash = Hash(target[..written]);
            int i = (int)hash & _mask;
            while (_slots[i].Customer != 0)
            {
                i = (i + 1) & _mask;
            }

            _slots[i] = new Slot(hash, customer + 1, bytes.WrittenCount, written);
            bytes.Advance(written);
        }

        _bytes = bytes.WrittenSpan.ToArray();
    }

    /// <summary>The ordinal id → dense customer index map this was built from.</summary>
    public Dictionary<string, int> Index { get; }

    /// <summary>
    /// The dense index of the id whose UTF-8 bytes are <paramref name="utf8"/>, <see cref="Unknown"/> or
    /// <see cref="Empty"/>. <paramref name="text"/> is the decoded id when the result is negative (for rejects and
    /// keys by text), else null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Resolve(ReadOnlySpan<byte> utf8, out string? text)
    {
        int customer = Find(utf8);
        if (customer >= 0)
        {
            text = null;
            return customer;
        }

        return ResolveText(utf8, out text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ResolveText(ReadOnlySpan<byte> utf8, out string? text)
    {
        text = Encoding.UTF8.GetString(utf8);
        if (text.Length == 0)
        {
            return Empty;
        }

        if (Index.TryGetValue(text, out int customer))
        {
            text = null;
            return customer;
        }

        return Unknown;
    }

    /// <summary>The dense index of the id whose UTF-8 form is exactly <paramref name="utf8"/>, else −1.</summary>
    private int Find(ReadOnlySpan<byte> utf8)
    {
        uint hash = Hash(utf8);
        var slots = _slots;
        int i = (int)hash & _mask;
        while (true)
        {
            ref readonly Slot slot = ref slots[i];
            if (slot.Customer == 0)
            {
                return -1;
            }

            if (slot.Hash == hash && slot.Length == utf8.Length && utf8.SequenceEqual(_bytes.AsSpan(slot.Start, slot.Length)))
            {
                return slot.Customer - 1;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>A multiply-xorshift hash of the bytes, eight at a time (ids are short: one to three rounds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Hash(ReadOnlySpan<byte> key)
    {
        ref byte p = ref MemoryMarshal.GetReference(key);
        int n = key.Length;
        ulong h = _seed ^ ((ulong)n * 0x9E3779B97F4A7C15UL);
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            h = Mix(h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        }

        int rest = n - i;
        if (rest >= 4)
        {
            // Two overlapping 4-byte reads cover 4–7 bytes.
            ulong tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i))
                | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, n - 4)) << 32);
            h = Mix(h ^ tail);
        }
        else if (rest > 0)
        {
            // First, middle and last byte cover 1–3 bytes.
            ulong tail = Unsafe.Add(ref p, i) | ((ulong)Unsafe.Add(ref p, i + (rest >> 1)) << 8)
                | ((ulong)Unsafe.Add(ref p, n - 1) << 16);
            h = Mix(h ^ tail);
        }

        h = Mix(h);
        return (uint)(h ^ (h >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x *= 0xBF58476D1CE4E5B9UL;
        return x ^ (x >> 31);
    }

    /// <summary>One id: its hash, customer index + 1 (0 marks a free slot) and where its bytes are.</summary>
    private readonly record struct Slot(uint Hash, int Customer, int Start, int Length);
}
