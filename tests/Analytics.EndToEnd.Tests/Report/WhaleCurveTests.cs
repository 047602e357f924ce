using Analytics.Pipeline.Reporting;

namespace Analytics.Tests.Report;

public sealed class WhaleCurveTests
{
    [Fact]
    public void Gini_of_non_negative_eva_is_the_usual_gini()
    {
        // EVA by customer_id order: [10, 40, 20, 30]; ranked best first: 40, 30, 20, 10 (indices 1, 3, 2, 0).
        // C = 0, 40, 70, 90, 100. Σ (C(k-1) + C(k)) = 40 + 110 + 160 + 190 = 500; Gini = 500 / (4 · 100) − 1 = 0.25.
        // Check by the mean absolute difference: Σ_i Σ_j |x_i − x_j| = 2 · (10+20+30+10+20+10) = 200;
        // G = 200 / (2 · n² · mean) = 200 / (2 · 16 · 25) = 0.25.
        var curve = WhaleCurve.Compute([10, 40, 20, 30]);
        Assert.Equal([1, 3, 2, 0], curve.Order);
        Assert.Equal([0.0, 40, 70, 90, 100], curve.Cumulative);
        Assert.Equal(0.25, curve.Gini, 12);
        Assert.Equal(4, curve.PeakRank);            // no loss-maker: the peak is the end
        Assert.Equal(4, curve.BreakEvenRank);       // everyone is needed to reach 100 %
        Assert.Equal(0.7, curve.Share(2), 12);
    }

    [Fact]
    public void Whale_with_loss_makers_peaks_above_100_percent_and_has_gini_above_0_5()
    {
        // EVA [A=100, B=30, C=-20, D=-10]; ranked: A 100, B 30, D -10, C -20 → C = 0, 100, 130, 120, 100.
        // Peak 130 (130 %) at rank 2; break-even rank 1 (C(1) = 100 ≥ C(4) = 100).
        // Σ (C(k-1) + C(k)) = 100 + 230 + 250 + 220 = 800; Gini = 800 / (4 · 100) − 1 = 1.0.
        var curve = WhaleCurve.Compute([100, 30, -20, -10]);
        Assert.Equal([0, 1, 3, 2], curve.Order);
        Assert.Equal(2, curve.PeakRank);
        Assert.Equal(130, curve.PeakEva);
        Assert.Equal(1.3, curve.Share(curve.PeakRank), 12);
        Assert.Equal(1, curve.BreakEvenRank);
        Assert.Equal(1.0, curve.Gini, 12);
        Assert.Equal(100, curve.TotalEva);
    }

    [Fact]
    public void Break_even_rank_is_where_the_top_customers_first_earn_the_whole_total()
    {
        // Ranked: 50, 40, 20, -5, -5 → C = 0, 50, 90, 110, 105, 100; total 100 first reached at k = 3 (110 ≥ 100).
        var curve = WhaleCurve.Compute([-5, 20, 50, -5, 40]);
        Assert.Equal(3, curve.BreakEvenRank);
        Assert.Equal(3, curve.PeakRank);
        Assert.Equal(110, curve.PeakEva);
    }

    [Fact]
    public void Ties_rank_by_customer_id_order()
    {
        var curve = WhaleCurve.Compute([5, 5, 7, 5]);
        Assert.Equal([2, 0, 1, 3], curve.Order);
    }

    [Fact]
    public void Zero_eva_customers_do_not_move_the_peak()
    {
        // Ranked: 10, 0, 0 → C = 0, 10, 10, 10: peak at the smallest rank reaching 10.
        var curve = WhaleCurve.Compute([0, 10, 0]);
        Assert.Equal(1, curve.PeakRank);
        Assert.Equal(1, curve.BreakEvenRank);
    }

    [Fact]
    public void Non_positive_total_has_no_gini_and_no_shares()
    {
        // Ranked: 10, -30 → C = 0, 10, -20. Peak 10 at rank 1; C(0) = 0 ≥ −20 so the break-even rank is 0.
        var curve = WhaleCurve.Compute([-30, 10]);
        Assert.True(double.IsNaN(curve.Gini));
        Assert.True(double.IsNaN(curve.Share(1)));
        Assert.Equal(1, curve.PeakRank);
        Assert.Equal(0, curve.BreakEvenRank);
    }

    [Fact]
    public void One_customer_has_gini_zero()
    {
        var curve = WhaleCurve.Compute([42]);
        Assert.Equal(0, curve.Gini, 12);
        Assert.Equal(1, curve.PeakRank);
        Assert.Equal(1, curve.BreakEvenRank);
    }

    [Fact]
    public void No_customers_gives_an_empty_curve()
    {
        var curve = WhaleCurve.Compute([]);
        Assert.Equal([0.0], curve.Cumulative);
        Assert.Equal(0, curve.PeakRank);
        Assert.Equal(0, curve.BreakEvenRank);
        Assert.True(double.IsNaN(curve.Gini));
    }

    [Fact]
    public void Sampled_ranks_keep_the_ends_peak_and_break_even()
    {
        // 10,000 customers: 9,000 earn 1, then 1,000 lose 2 → total 7,000; peak at 9,000; break-even at 7,000.
        var eva = new double[10_000];
        for (int i = 0; i < eva.Length; i++) eva[i] = i < 9_000 ? 1 : -2;
        var curve = WhaleCurve.Compute(eva);
        Assert.Equal(9_000, curve.PeakRank);
        Assert.Equal(7_000, curve.BreakEvenRank);

        var ranks = curve.SampleRanks(maxPoints: 300);
        Assert.InRange(ranks.Count, 300, 304);
        Assert.Equal(0, ranks[0]);
        Assert.Equal(10_000, ranks[^1]);
        Assert.Contains(9_000, ranks);
        Assert.Contains(7_000, ranks);
        for (int i = 1; i < ranks.Count; i++) Assert.True(ranks[i] > ranks[i - 1]);
    }

    [Fact]
    public void Small_portfolios_draw_every_rank()
    {
        var curve = WhaleCurve.Compute([3, 1, 2]);
        Assert.Equal([0, 1, 2, 3], curve.SampleRanks());
    }
}
