namespace Analytics.IO.Validation;

/// <summary>
/// Finds keys carried by more than one staged row, so that every such row is rejected as <c>duplicate_key</c>
/// (which takes precedence over any other failure of the row: its failure code is overwritten).
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>
    /// Whether the non-null keys are in strictly increasing ordinal order — then no key repeats and they are already
    /// sorted. One pass over neighbours; generated and exported tables usually pass it.
    /// </summary>
    public static bool StrictlyIncreasing(string?[] keys, int count)
    {
        string? previous = null;
        for (int r = 0; r < count; r++)
        {
            string? key = keys[r];
            if (key is null)
            {
                continue;
            }

            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }

    /// <summary>
    /// Sets <paramref name="code"/> on every row whose non-null key occurs more than once: one pass over an
    /// open-addressing table of row numbers, sized once, comparing characters only when the hash codes are equal.
    /// </summary>
    public static void MarkRepeatedStrings(string?[] keys, int count, int[] failures, int code)
    {
        int present = 0;
        for (int r = 0; r < count; r++)
        {
            if (keys[r] is not null)
            {
                present++;
            }
        }

        // At most half full, so probe runs stay short.
        int capacity = (int)Math.Min(1 << 30, Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)present * 2)));
        int mask = capacity - 1;
        var rowPlusOne = new int[capacity];
        var hashes = new int[capacity];
        for (int r = 0; r < count; r++)
        {
            string? key = keys[r];
            if (key is null)
            {
                continue;
            }

            int hash = key.GetHashCode();
            int slot = hash & mask;
            while (true)
            {
                int held = rowPlusOne[slot];
                if (held == 0)
                {
                    rowPlusOne[slot] = r + 1;
                    hashes[slot] = hash;
                    break;
                }

                if (hashes[slot] == hash && string.Equals(keys[held - 1], key, StringComparison.Ordinal))
                {
                    // The first row of the key stays in the table; it and every later row carrying the key are marked.
                    failures[held - 1] = code;
                    failures[r] = code;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }
    }
}
