using Analytics.IO.Reading;

namespace Analytics.Tests.Performance;

public sealed class ReferenceCacheTests
{
    [Fact]
    public void Finds_each_key_by_reference_not_by_content()
    {
        var cache = new ReferenceCache<int>();
        string a = new('x', 3), b = new('x', 3);
        cache.Add(a, 1);
        Assert.True(cache.TryGetValue(a, out int found));
        Assert.Equal(1, found);
        Assert.False(cache.TryGetValue(b, out _)); // equal text, other instance
    }

    [Fact]
    public void A_slice_is_part_of_the_key()
    {
        var cache = new ReferenceCache<string>();
        char[] array = "abcdef".ToCharArray();
        cache.Add(array, 0, 3, "abc");
        cache.Add(array, 3, 3, "def");
        Assert.True(cache.TryGetValue(array, 3, 3, out string? text));
        Assert.Equal("def", text);
        Assert.False(cache.TryGetValue(array, 0, 6, out _));
    }

    [Fact]
    public void Keys_moved_by_a_compacting_collection_are_never_confused()
    {
        // Slots are chosen by address; after the collector compacts the heap, a key may sit in a slot that no longer
        // matches its address. A lookup must then miss (or hit its own entry), never return another key's value.
        var cache = new ReferenceCache<int>(16, 1 << 12);
        var keys = new List<object>();
        var garbage = new List<object>();
        for (int i = 0; i < 1000; i++)
        {
            garbage.Add(new byte[64]);
            var key = new object();
            keys.Add(key);
            cache.Add(key, i);
        }

        garbage.Clear();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        int hits = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            if (cache.TryGetValue(keys[i], out int value))
            {
                Assert.Equal(i, value);
                hits++;
            }
            else
            {
                cache.Add(keys[i], i); // what callers do after a miss
                Assert.True(cache.TryGetValue(keys[i], out value));
                Assert.Equal(i, value);
            }
        }

        Assert.InRange(hits, 0, keys.Count);
    }

    [Fact]
    public void Starts_over_instead_of_growing_past_its_bound()
    {
        var cache = new ReferenceCache<int>(16, 64);
        var keys = new object[200];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = new object();
            cache.Add(keys[i], i);
            Assert.InRange(cache.Count, 1, 32); // half of the 64 slots
        }

        // The latest key survives the last restart; whatever is found is right.
        Assert.True(cache.TryGetValue(keys[^1], out int last));
        Assert.Equal(199, last);
        for (int i = 0; i < keys.Length; i++)
        {
            if (cache.TryGetValue(keys[i], out int v))
            {
                Assert.Equal(i, v);
            }
        }
    }
}
