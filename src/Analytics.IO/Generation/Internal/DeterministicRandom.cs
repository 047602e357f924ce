namespace Analytics.IO.Generation.Internal;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The generator owns its PRNG instead of using <see cref="Random"/>
/// because the sequence of a seeded <see cref="Random"/> is not a documented contract across .NET versions,
/// and the generator promises byte-identical files for a seed.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public DeterministicRandom(ulong seed) => Reset(seed);

    /// <summary>Seed for one independent stream: a table (<paramref name="stream"/>) and a block of customers.</summary>
    public static ulong Derive(int seed, int stream, long block)
    {
        ulong h = Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ ((ulong)(uint)stream + 0xBF58476D1CE4E5B9UL));
        return Mix(h ^ ((ulong)block + 0x94D049BB133111EBUL));
    }

    public void Reset(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _hasSpare = false;
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>); the bias of the multiply-shift is below 2^-32.</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)(uint)maxExclusive) >> 32);

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double p) => NextDouble() < p;

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Standard normal by Marsaglia's polar method (log and sqrt only, no trigonometry).</summary>
    public double Gaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Lognormal with the given median and log-scale sigma.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Gaussian());

    /// <summary>Index drawn from cumulative weights ending at 1.0 (the last index absorbs rounding).</summary>
    public int Pick(ReadOnlySpan<double> cumulative)
    {
        double u = NextDouble();
        for (int i = 0; i < cumulative.Length - 1; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    /// <summary>Rounds <paramref name="x"/> up or down at random so that the expectation is <paramref name="x"/>.</summary>
    public int StochasticRound(double x) => (int)Math.Floor(x + NextDouble());

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
