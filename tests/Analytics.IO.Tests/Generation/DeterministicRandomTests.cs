using Analytics.IO.Generation.Internal;

namespace Analytics.Tests.Generation;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void Matches_the_reference_xoshiro256_starstar_seeded_by_splitmix64()
    {
        // Expected values from an independent transcription of the reference C code (Blackman & Vigna):
        // state = four SplitMix64 outputs from x = 12345, then result = rotl(s1 * 5, 7) * 9 per step.
        var rng = new DeterministicRandom(12345);
        Assert.Equal(0xbe6a36374160d49bUL, rng.NextUInt64());
        Assert.Equal(0x214aaa0637a688c6UL, rng.NextUInt64());
        Assert.Equal(0xf69d16de9954d388UL, rng.NextUInt64());
    }

    [Fact]
    public void Reset_restarts_the_sequence_and_streams_differ()
    {
        var rng = new DeterministicRandom(DeterministicRandom.Derive(7, 3, 0));
        ulong first = rng.NextUInt64();
        rng.Reset(DeterministicRandom.Derive(7, 3, 0));
        Assert.Equal(first, rng.NextUInt64());

        Assert.NotEqual(DeterministicRandom.Derive(7, 3, 0), DeterministicRandom.Derive(7, 3, 1));
        Assert.NotEqual(DeterministicRandom.Derive(7, 3, 0), DeterministicRandom.Derive(7, 4, 0));
        Assert.NotEqual(DeterministicRandom.Derive(7, 3, 0), DeterministicRandom.Derive(8, 3, 0));
    }

    [Fact]
    public void Draws_stay_in_range()
    {
        var rng = new DeterministicRandom(1);
        var seen = new int[3];
        double sum = 0;
        for (int i = 0; i < 30_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0, 0.9999999999999999);
            int k = rng.Next(3);
            seen[k]++;
            Assert.InRange(rng.Next(5, 8), 5, 7);
            Assert.InRange(rng.Pick([0.5, 0.75, 1.0]), 0, 2);
            sum += rng.Gaussian();
        }

        Assert.All(seen, count => Assert.InRange(count, 9_000, 11_000));
        Assert.InRange(sum / 30_000, -0.03, 0.03);
    }
}
