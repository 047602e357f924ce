using Analytics.Core.Segmentation;

namespace Analytics.Tests.Segmentation;

/// <summary>Labels agree with the centroids printed beside them in cluster_profiles.</summary>
public sealed class ClusterLabelsTests
{
    // Feature order: loan balance, deposit balance, fee share, cross-sell share, products held, utilisation.
    private static double[] Row(double loan = 0, double deposit = 0, double fee = 0, double cross = 0, double products = 0,
        double utilization = 0) =>
        [loan, deposit, fee, cross, products, utilization];

    [Fact]
    public void The_sample_cluster_with_5_7_products_is_not_called_single_product()
    {
        // The profile the issue reported: no deposits (z −1.4), fewer products than the book (z −1.1) but 5.7 held on
        // average, fee share 0.98. Both low-deposit clusters share the primary label, so the second feature shows.
        double[] z = [.. Row(deposit: -1.4, products: -1.1), .. Row(deposit: -1.3, utilization: 0.9)];
        double[] centroid = [.. Row(loan: 61_351, deposit: 0, fee: 0.98, cross: 0.01, products: 5.69, utilization: 0.02),
            .. Row(loan: 57_097_241, deposit: 0, fee: 0.71, products: 9.7, utilization: 0.67)];

        var labels = ClusterLabels.Assign(z, centroid);

        Assert.Equal(["no deposits, fewer products", "no deposits, high utilisation"], labels);
    }

    [Theory]
    [InlineData(1.0, "single-product")]
    [InlineData(1.5, "single-product")]
    [InlineData(1.51, "fewer products")]
    [InlineData(5.7, "fewer products")]
    public void Single_product_needs_at_most_one_and_a_half_products(double products, string name) =>
        Assert.Equal(name, ClusterLabels.Name(ClusterFeature.ProductsHeld, high: false, products));

    [Theory]
    [InlineData(ClusterFeature.ProductsHeld, 1.9, "more products")]
    [InlineData(ClusterFeature.ProductsHeld, 2.0, "multi-product")]
    [InlineData(ClusterFeature.FeeShare, 0.49, "higher fee share")]
    [InlineData(ClusterFeature.FeeShare, 0.5, "fee-driven")]
    [InlineData(ClusterFeature.CrossSellShare, 0.2, "higher cross-sell share")]
    [InlineData(ClusterFeature.CrossSellShare, 0.62, "cross-sell driven")]
    [InlineData(ClusterFeature.Utilization, 0.3, "higher utilisation")]
    [InlineData(ClusterFeature.Utilization, 0.92, "high utilisation")]
    [InlineData(ClusterFeature.LoanBalance, 1.0, "heavy borrower")]
    [InlineData(ClusterFeature.DepositBalance, 1.0, "deposit-rich")]
    public void Above_the_mean_the_strong_name_needs_the_centroid_to_bear_it_out(ClusterFeature feature, double centroid, string name) =>
        Assert.Equal(name, ClusterLabels.Name(feature, high: true, centroid));

    [Theory]
    [InlineData(ClusterFeature.LoanBalance, 0.0, "no loans")]
    [InlineData(ClusterFeature.LoanBalance, 556_354.0, "light borrower")]
    [InlineData(ClusterFeature.DepositBalance, 0.0, "no deposits")]
    [InlineData(ClusterFeature.DepositBalance, 10.0, "low deposits")]
    [InlineData(ClusterFeature.FeeShare, 0.0, "no fee income")]
    [InlineData(ClusterFeature.FeeShare, 0.24, "low fee share")]
    [InlineData(ClusterFeature.CrossSellShare, 0.0, "no cross-sell")]
    [InlineData(ClusterFeature.CrossSellShare, 0.01, "low cross-sell")]
    [InlineData(ClusterFeature.Utilization, 0.0, "low utilisation")]
    public void Below_the_mean_a_zero_centroid_is_called_none(ClusterFeature feature, double centroid, string name) =>
        Assert.Equal(name, ClusterLabels.Name(feature, high: false, centroid));

    [Fact]
    public void Without_centroids_the_strong_names_are_used()
    {
        Assert.Equal("single-product", ClusterLabels.Name(ClusterFeature.ProductsHeld, high: false, double.NaN));
        Assert.Equal(["fee-driven"], ClusterLabels.Assign(Row(fee: 1.0)));
    }
}
