namespace Analytics.Pipeline.Reporting;

/// <summary>
/// The whale curve of a run: customers ranked by EVA, best first, against the cumulative EVA they earn. Point k
/// (k = 0..N) is the top k customers: x = k / N, y = C(k) / C(N), where C(k) is the EVA of the top k. The curve rises
/// while customers create value, peaks, and falls back to 100 % as loss-making customers give value back.
/// </summary>
/// <remarks>
/// Ranking: EVA descending, ties by customer_id ordinal (the dense index order), so the curve is deterministic.
/// Cumulative sums run in that fixed order. Definitions (also printed in report.html):
/// <list type="bullet">
/// <item><b>Peak</b>: the largest C(k); its rank is the smallest k reaching it (so it counts the customers with EVA &gt; 0).</item>
/// <item><b>Break-even rank</b>: the smallest k with C(k) ≥ C(N): the top k customers already earn the whole portfolio's
/// EVA, and the customers ranked after them together earn nothing or destroy value.</item>
/// <item><b>Gini</b> = 2 × the area between the whale curve and the diagonal (trapezoid rule over the N + 1 points)
/// = Σₖ₌₁ᴺ (C(k−1) + C(k)) / (N · C(N)) − 1. When every EVA is ≥ 0 this is the usual Gini coefficient of the EVA
/// distribution (the whale curve is the Lorenz curve turned over); loss-making customers push it above 1, which is
/// the point of the chart. Undefined (NaN) when the total EVA is ≤ 0, since shares of a non-positive total mean nothing.</item>
/// </list>
/// </remarks>
public sealed class WhaleCurve
{
    private WhaleCurve(int[] order, double[] cumulative, int peakRank, int breakEvenRank, double gini)
    {
        Order = order;
        Cumulative = cumulative;
        PeakRank = peakRank;
        BreakEvenRank = breakEvenRank;
        Gini = gini;
    }

    /// <summary>Dense customer indices, best EVA first.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>C(k) for k = 0..N: the EVA of the top k customers (C(0) = 0).</summary>
    public IReadOnlyList<double> Cumulative { get; }

    /// <summary>Number of customers N.</summary>
    public int CustomerCount => Order.Count;

    /// <summary>C(N), the portfolio's EVA.</summary>
    public double TotalEva => Cumulative[^1];

    /// <summary>Smallest rank k at which C(k) is largest (0 when no customer has positive EVA).</summary>
    public int PeakRank { get; }

    /// <summary>C(PeakRank): the EVA of the value-creating customers.</summary>
    public double PeakEva => Cumulative[PeakRank];

    /// <summary>Smallest rank k with C(k) ≥ C(N).</summary>
    public int BreakEvenRank { get; }

    /// <summary>Gini of EVA as defined on the type; NaN when <see cref="TotalEva"/> ≤ 0.</summary>
    public double Gini { get; }

    /// <summary>C(k) / C(N); NaN when the total EVA is ≤ 0.</summary>
    public double Share(int rank) => TotalEva > 0 ? Cumulative[rank] / TotalEva : double.NaN;

    /// <summary>Builds the curve from per-customer EVA (indexed by dense customer index, i.e. customer_id order).</summary>
    public static WhaleCurve Compute(IReadOnlyList<double> eva)
    {
        ArgumentNullException.ThrowIfNull(eva);
        int n = eva.Count;
        double[] values;
        if (eva is double[] array)
        {
            values = array;
        }
        else
        {
            values = new double[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = eva[i];
            }
        }

        var order = DescendingOrder.Of(values);

        var cumulative = new double[n + 1];
        int peak = 0;
        for (int k = 1; k <= n; k++)
        {
            cumulative[k] = cumulative[k - 1] + values[order[k - 1]];
            if (cumulative[k] > cumulative[peak])
            {
                peak = k;
            }
        }

        double total = cumulative[n];
        int breakEven = 0;
        while (cumulative[breakEven] < total)
        {
            breakEven++;
        }

        double gini = double.NaN;
        if (total > 0)
        {
            double trapezoids = 0;
            for (int k = 1; k <= n; k++)
            {
                trapezoids += cumulative[k - 1] + cumulative[k];
            }

            gini = trapezoids / (n * total) - 1;
        }

        return new WhaleCurve(order, cumulative, peak, breakEven, gini);
    }

    /// <summary>
    /// Ranks to draw: every rank up to <paramref name="maxPoints"/> customers, otherwise an even sample of about that
    /// many plus the peak and break-even ranks, so the drawing keeps its landmarks at any portfolio size.
    /// </summary>
    public IReadOnlyList<int> SampleRanks(int maxPoints = 2000)
    {
        int n = CustomerCount;
        var ranks = new SortedSet<int> { 0, n, PeakRank, BreakEvenRank };
        if (n <= maxPoints)
        {
            for (int k = 1; k < n; k++)
            {
                ranks.Add(k);
            }
        }
        else
        {
            for (int i = 1; i < maxPoints; i++)
            {
                ranks.Add((int)((long)i * n / maxPoints));
            }
        }

        return [.. ranks];
    }
}
