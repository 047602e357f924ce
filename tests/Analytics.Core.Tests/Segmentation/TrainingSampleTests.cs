using Analytics.Core.Segmentation;

namespace Analytics.Tests.Segmentation;

public class TrainingSampleTests
{
    // XxHash64 (seed 0) values worked out with a separate, line-by-line implementation of the published algorithm
    // (five primes, four 32-byte lanes, the 8/4/1-byte tail, the avalanche), which reproduces the published test
    // vectors "" → EF46DB3751D8E999, "a" → D24EC4F1A98C6E5B and "abc" → 44BC2CF5AD770999.
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("C001", 0x7FB4D4D1CA33B1FCUL)]
    [InlineData("C005", 0x379115C3B9F2D668UL)]
    [InlineData("客户-7", 0xA8B247EB660E328DUL)]
    [InlineData("CUST-0000000001-long-identifier-beyond-32-bytes", 0x8A1DF4AF10B769E3UL)]
    public void KeyIsXxHash64OfTheUtf8Bytes(string id, ulong expected) => Assert.Equal(expected, TrainingSample.Key(id));

    [Fact]
    public void AnIdLongerThanTheStackBufferHashesLikeItsBytes()
    {
        // 300 × "é" is 600 UTF-8 bytes, past the 256-byte stack buffer: the rented buffer must give the same hash.
        string id = new('é', 300);
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(id)), TrainingSample.Key(id));
    }

    [Fact]
    public void TheSmallestKeysAreChosenAndReturnedInIdOrder()
    {
        // Keys: C001 7FB4…, C002 80A8…, C003 9195…, C004 BD67…, C005 3791… → by key C005, C001, C002, C003, C004.
        string[] ids = ["C001", "C002", "C003", "C004", "C005"];

        Assert.Equal([0, 4], TrainingSample.Select(ids, 2));
        Assert.Equal([0, 1, 4], TrainingSample.Select(ids, 3));
        Assert.Equal([0, 1, 2, 4], TrainingSample.Select(ids, 4));
    }

    [Fact]
    public void FewerCustomersThanTheSampleSizeTrainOnEveryone()
    {
        Assert.Equal([0, 1, 2], TrainingSample.Select(["A", "B", "C"], 20_000));
        Assert.Equal([0, 1, 2], TrainingSample.Select(["A", "B", "C"], 3));
        Assert.Empty(TrainingSample.Select([], 5));
    }

    [Fact]
    public void TheSampleDoesNotDependOnTheOrderOfTheIds()
    {
        // The sample is the same set of ids, handed back in ordinal id order, however the list is ordered.
        var ids = Enumerable.Range(0, 2_000).Select(i => $"K{i * 7919 % 10_007:D5}").ToArray();
        var reversed = ids.Reverse().ToArray();
        var sortedIds = ids.Order(StringComparer.Ordinal).ToArray();

        string[] Chosen(string[] list) => [.. TrainingSample.Select(list, 150).Select(i => list[i])];

        var expected = sortedIds.OrderBy(id => TrainingSample.Key(id)).ThenBy(id => id, StringComparer.Ordinal).Take(150)
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Chosen(ids));
        Assert.Equal(expected, Chosen(reversed));
        Assert.Equal(expected, Chosen(sortedIds));
    }

    [Fact]
    public void EqualKeysAtTheCutAreSettledByTheSmallestIds()
    {
        // Keys 5 5 1 5 9 3 5: with four places, "c" (key 1) and "f" (key 3), then two of the four customers with key 5
        // ("x1", "x0", "a0", "a1"): the ordinally smallest ids, "a0" (position 3) and "a1" (position 6).
        string[] ids = ["x1", "x0", "c", "a0", "z", "f", "a1"];
        ulong[] keys = [5, 5, 1, 5, 9, 3, 5];

        Assert.Equal([2, 3, 5, 6], TrainingSample.Smallest(keys, ids, 4));
        Assert.Equal([2, 3, 5], TrainingSample.Smallest(keys, ids, 3));
        Assert.Equal([2], TrainingSample.Smallest(keys, ids, 1));
        Assert.Equal([0, 1, 2, 3, 5, 6], TrainingSample.Smallest(keys, ids, 6));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], TrainingSample.Smallest(keys, ids, 7));
    }

    [Theory]
    [InlineData(1, 1000, 1)]
    [InlineData(2, 1000, 37)]
    [InlineData(3, 5000, 999)]
    [InlineData(4, 5000, 4999)]
    public void TheSelectionEqualsSortingEveryKey(int seed, int n, int size)
    {
        // Few distinct keys, so many ties cross the cut; the reference sorts every (key, id) and takes the first.
        var random = new Random(seed);
        var ids = Enumerable.Range(0, n).Select(i => $"ID{random.Next():D10}-{i}").ToArray();
        var keys = ids.Select(_ => (ulong)random.Next(50) * 0x0123_4567_89AB_CDEFUL).ToArray();

        var expected = Enumerable.Range(0, n)
            .OrderBy(i => keys[i]).ThenBy(i => ids[i], StringComparer.Ordinal).Take(size).Order().ToArray();
        Assert.Equal(expected, TrainingSample.Smallest(keys, ids, size));
    }

    [Fact]
    public void EqualKeysAreOrderedByIdOrdinally()
    {
        Assert.True(TrainingSample.Compare(5, "B", 5, "a") < 0); // 'B' (66) sorts before 'a' (97) ordinally
        Assert.True(TrainingSample.Compare(5, "a", 5, "B") > 0);
        Assert.True(TrainingSample.Compare(4, "z", 5, "a") < 0);
        Assert.True(TrainingSample.Compare(ulong.MaxValue, "a", 1, "z") > 0); // unsigned: the top bit is not a sign
        Assert.Equal(0, TrainingSample.Compare(5, "a", 5, "a"));
    }

    [Fact]
    public void TheHundredCustomerSampleOfTheClusteringTest()
    {
        // Hand-computed with the reference implementation: the 12 smallest keys among L00..L39, D00..D39, N00..N19.
        var ids = Enumerable.Range(0, 40).Select(i => $"L{i:D2}")
            .Concat(Enumerable.Range(0, 40).Select(i => $"D{i:D2}"))
            .Concat(Enumerable.Range(0, 20).Select(i => $"N{i:D2}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var chosen = TrainingSample.Select(ids, 12).Select(i => ids[i]);

        Assert.Equal(["D00", "D04", "D05", "D20", "D21", "L03", "L14", "L18", "L28", "L32", "L36", "N06"], chosen);
    }
}
