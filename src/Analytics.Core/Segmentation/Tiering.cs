using Analytics.Core.Configuration;
using Analytics.Core.Numerics;

namespace Analytics.Core.Segmentation;

/// <summary>
/// Tier assignment of docs/METHODOLOGY.md §4: customers ranked by contribution score (descending, ties by customer_id ordinal);
/// position p (1-based) takes the first tier with <c>p ≤ ceil(top_share × N)</c>.
/// </summary>
internal static class Tiering
{
    /// <summary>
    /// The last position (1-based) of each tier for <paramref name="customerCount"/> customers:
    /// <c>ceil(top_share × N)</c>, with the product taken in binary64 exactly as the formula reads
    /// (so <c>0.07 × 100 = 7.000000000000001</c> gives 8; see docs/SEGMENTATION.md).
    /// </summary>
    public static double[] Cutoffs(IReadOnlyList<TierDefinition> tiers, int customerCount)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var cut = new double[tiers.Count];
        for (int t = 0; t < cut.Length; t++)
        {
            cut[t] = Math.Ceiling(tiers[t].TopShare * customerCount);
        }

        return cut;
    }

    /// <summary>
    /// The tier index (into <paramref name="tiers"/>, 0 = best) of every customer. <paramref name="ids"/> breaks
    /// score ties ordinally. A position beyond every cutoff (impossible once the last share is 1.0) takes the last tier.
    /// </summary>
    public static int[] Assign(ReadOnlySpan<double> scores, IReadOnlyList<string> ids, IReadOnlyList<TierDefinition> tiers)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(tiers);
        int n = scores.Length;
        if (ids.Count != n)
        {
            throw new ArgumentException($"Expected {n} customer ids, got {ids.Count}.", nameof(ids));
        }

        if (tiers.Count == 0)
        {
            throw new ArgumentException("At least one tier is required.", nameof(tiers));
        }

        return FromRanking(Ranking(scores, ids), tiers);
    }

    /// <summary>
    /// The tier index of every customer when the customers are given in ordinal customer_id order (as every
    /// <see cref="Data.CustomerTable"/> is): score ties are then broken by position, which is the same order as by
    /// id, so a host that gathered the scores of every customer in id order needs no ids.
    /// </summary>
    public static int[] AssignInIdOrder(ReadOnlySpan<double> scores, IReadOnlyList<TierDefinition> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
        {
            throw new ArgumentException("At least one tier is required.", nameof(tiers));
        }

        return FromRanking(Ranking(scores, static (a, b) => a.CompareTo(b)), tiers);
    }

    private static int[] FromRanking(int[] order, IReadOnlyList<TierDefinition> tiers)
    {
        int n = order.Length;
        var cut = Cutoffs(tiers, n);
        var tier = new int[n];
        int current = 0;
        for (int position = 1; position <= n; position++)
        {
            // Cutoffs never decrease (shares increase), so the tier only moves forward as the position grows.
            while (current < cut.Length - 1 && position > cut[current])
            {
                current++;
            }

            tier[order[position - 1]] = current;
        }

        return tier;
    }

    /// <summary>Customer indices in rank order: score descending, then customer_id ordinal.</summary>
    /// <remarks>
    /// Sorted by key (negated score) first and then, within each run of equal scores, by id: the same order a single
    /// comparison of (score, id) gives, since ids are unique, at a fraction of the cost of a comparison delegate over
    /// every pair. NaN scores (never produced by docs/METHODOLOGY.md §3.9, but possible through the public API) take the delegate.
    /// </remarks>
    public static int[] Ranking(ReadOnlySpan<double> scores, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Ranking(scores, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
    }

    /// <summary>Customer indices in rank order: score descending, then by <paramref name="byId"/>.</summary>
    private static int[] Ranking(ReadOnlySpan<double> scores, Comparison<int> byId)
    {
        int n = scores.Length;
        var order = new int[n];
        var keys = new double[n];
        bool anyNaN = false;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = -scores[i];
            anyNaN |= double.IsNaN(scores[i]);
        }

        if (anyNaN)
        {
            var s = scores.ToArray();
            Array.Sort(order, (a, b) =>
            {
                int c = s[b].CompareTo(s[a]);
                return c != 0 ? c : byId(a, b);
            });
            return order;
        }

        KeySort.Sort(keys, order);
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            // CompareTo, not ==, so the runs are exactly the ties of the (score, id) order (0.0 and -0.0 tie).
            if (i == n || keys[i].CompareTo(keys[start]) != 0)
            {
                if (i - start > 1)
                {
                    order.AsSpan(start, i - start).Sort(byId);
                }

                start = i;
            }
        }

        return order;
    }
}
