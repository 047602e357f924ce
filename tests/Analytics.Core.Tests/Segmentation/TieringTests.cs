using Analytics.Core.Configuration;
using Analytics.Core.Segmentation;
using CsCheck;

namespace Analytics.Tests.Segmentation;

[Trait("Speed", "Slow")]
public class TieringTests
{
    private static readonly TierDefinition[] Default = [new("strategic", 0.05), new("core", 0.20), new("growth", 0.50), new("basic", 1.0)];

    private static string[] Ids(int n) => Enumerable.Range(0, n).Select(i => $"C{i:D4}").ToArray();

    private static int[] Counts(int[] tier, int tiers)
    {
        var counts = new int[tiers];
        foreach (var t in tier)
        {
            counts[t]++;
        }

        return counts;
    }

    [Fact]
    public void TiesAreBrokenByCustomerIdOrdinal()
    {
        // Five customers, equal scores except the last; ordinal order puts "B" before "a" (0x42 < 0x61).
        // Ranking: Z (90), then the 50s by id: B, a, b, c. With shares 0.2/0.4/1.0 and N = 5: cutoffs 1, 2, 5.
        string[] ids = ["B", "Z", "a", "b", "c"];
        double[] scores = [50, 90, 50, 50, 50];
        TierDefinition[] tiers = [new("top", 0.2), new("mid", 0.4), new("rest", 1.0)];

        var tier = Tiering.Assign(scores, ids, tiers);

        Assert.Equal([1, 0, 2, 2, 2], tier);
        Assert.Equal([1, 0, 2, 3, 4], Tiering.Ranking(scores, ids));
    }

    [Fact]
    public void ZeroAndNegativeZeroTieAndFallBackToTheId()
    {
        // 0.0 and -0.0 compare equal, so "a" (-0.0) and "b" (0.0) are ordered by id, below the positive score.
        Assert.Equal([2, 0, 1], Tiering.Ranking([-0.0, 0.0, 1.0], ["a", "b", "c"]));
        Assert.Equal([2, 1, 0], Tiering.Ranking([0.0, -0.0, 1.0], ["b", "a", "c"]));
    }

    [Fact]
    public void NaNScoresRankLast()
    {
        // double.CompareTo puts NaN below every number, so a descending ranking puts it after -infinity.
        Assert.Equal([1, 2, 0], Tiering.Ranking([double.NaN, 3.0, double.NegativeInfinity], ["x", "y", "z"]));
    }

    /// <summary>The keyed sort with tie runs equals one comparison of (score descending, id ordinal).</summary>
    [Fact]
    public void RankingEqualsTheScoreThenIdComparison()
    {
        var scores = Gen.OneOf(Gen.Int[0, 5].Select(i => (double)i), Gen.Const(-0.0), Gen.Double[-10, 10]);
        Gen.Select(scores.Array[0, 300], Gen.Int).Sample((s, seed) =>
        {
            var random = new Random(seed);
            string[] ids = Enumerable.Range(0, s.Length).Select(i => $"C{i:D4}").OrderBy(_ => random.Next()).ToArray();
            var expected = Enumerable.Range(0, s.Length).ToArray();
            Array.Sort(expected, (a, b) =>
            {
                int c = s[b].CompareTo(s[a]);
                return c != 0 ? c : string.CompareOrdinal(ids[a], ids[b]);
            });
            return expected.AsSpan().SequenceEqual(Tiering.Ranking(s, ids));
        }, iter: 300);
    }

    [Fact]
    public void OneCustomerTakesTheFirstTier()
    {
        // ceil(0.05 × 1) = 1, so position 1 is within the first tier.
        Assert.Equal([0], Tiering.Assign([12.5], ["only"], Default));
    }

    [Fact]
    public void NoCustomersGiveNoTiers() => Assert.Empty(Tiering.Assign([], [], Default));

    [Fact]
    public void ThreeCustomersWithRoundedShares()
    {
        // cutoffs: ceil(0.15) = 1, ceil(0.6) = 1, ceil(1.5) = 2, ceil(3) = 3 → strategic, (core empty), growth, basic.
        Assert.Equal([1, 1, 2, 3], Tiering.Cutoffs(Default, 3));
        var tier = Tiering.Assign([30, 20, 10], Ids(3), Default);
        Assert.Equal([0, 2, 3], tier);
    }

    [Theory]
    [InlineData(20, new[] { 1, 3, 6, 10 })]     // cutoffs 1, 4, 10, 20
    [InlineData(100, new[] { 5, 15, 30, 50 })]  // cutoffs 5, 20, 50, 100
    [InlineData(7, new[] { 1, 1, 2, 3 })]       // cutoffs ceil(.35)=1, ceil(1.4)=2, ceil(3.5)=4, 7
    public void TierSizesFollowTheCeilingOfShareTimesN(int n, int[] expected)
    {
        // Scores descending with the index so the rank is the index.
        var scores = Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray();
        var tier = Tiering.Assign(scores, Ids(n), Default);

        Assert.Equal(expected, Counts(tier, 4));
        for (int i = 1; i < n; i++)
        {
            Assert.True(tier[i] >= tier[i - 1]);
        }
    }

    [Fact]
    public void DefaultSharesAgreeWithDecimalArithmeticUpTo100000Customers()
    {
        // The binary64 product share × N is compared with the exact decimal product: for the default shares and
        // these other multiples of 0.05 they give the same ceiling for every N up to 100,000 (0.55 does not, see below).
        double[] shares = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0];
        foreach (double share in shares)
        {
            decimal exact = (decimal)share;
            for (int n = 1; n <= 100_000; n++)
            {
                double cut = Tiering.Cutoffs([new("t", share)], n)[0];
                Assert.True(cut == (double)Math.Ceiling(exact * n), $"share {share}, N {n}");
            }
        }
    }

    [Fact]
    public void SomeSharesRoundUpInBinary64AsTheFormulaReads()
    {
        // 0.07 × 100 = 7.000000000000001 in binary64, so ceil gives 8 where decimal arithmetic gives 7.
        // The engine follows the formula in binary64 (as Python's math.ceil(0.07 * 100) does); docs/SEGMENTATION.md
        // lists the two-decimal shares that behave so.
        Assert.Equal(8.0, Tiering.Cutoffs([new("t", 0.07)], 100)[0]);
        Assert.Equal(8.0, Tiering.Cutoffs([new("t", 0.14)], 50)[0]);
        Assert.Equal(7.0, Tiering.Cutoffs([new("t", 0.07)], 99)[0]);
        Assert.Equal(56.0, Tiering.Cutoffs([new("t", 0.55)], 100)[0]);   // 0.55 × 100 = 55.00000000000001
    }

    [Fact]
    public void MismatchedIdsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Tiering.Assign([1, 2], ["a"], Default));
        Assert.StartsWith("Expected 2 customer ids, got 1.", error.Message, StringComparison.Ordinal);
    }
}
