using Analytics.Core.Segmentation;
using static Analytics.Tests.Segmentation.SegmentationFixtures;

namespace Analytics.Tests.Segmentation;

public class CustomerSegmentationTests
{
    [Fact]
    public void WithoutAPreviousRunThereIsNoMigration()
    {
        var (data, p) = Build([new Cust("A"), new Cust("B")]);
        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        Assert.Null(result.PreviousTier);
        Assert.Null(result.TierChange);
    }

    [Fact]
    public void MigrationAgainstThePreviousRun()
    {
        // N = 4: cutoffs 1, 1, 2, 4 → A strategic, B growth, C and D basic.
        var (data, p) = Build([new Cust("A", Score: 90), new Cust("B", Score: 70), new Cust("C", Score: 50), new Cust("D", Score: 10)]);
        var previous = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["A"] = "core",      // core → strategic: up
            ["B"] = "strategic", // strategic → growth: down
            ["C"] = "basic",     // same
            ["GONE"] = "core",   // no longer a customer: ignored
        };

        var result = CustomerSegmentation.Segment(data, p, [], Config(), previous);

        Assert.Equal(["strategic", "growth", "basic", "basic"], result.Tier);
        Assert.Equal(new string?[] { "core", "strategic", "basic", null }, result.PreviousTier);
        Assert.Equal(["up", "down", "same", "new"], result.TierChange!);
    }

    [Fact]
    public void FloorsPerCustomer()
    {
        // Customer floors depend only on PD, sales and EVA: see PricingFloorsTests for the hand computation.
        var (data, p) = Build([new Cust("A", Pd: 0.01, Eva: 1000), new Cust("B", Pd: 0.01, Eva: 10000, Sales: 10)]);

        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        Assert.Equal(0.0383192959517102, result.LoanRateFloor[0], 1e-14);
        Assert.Equal(0.0302768140197518, result.RelationshipFloor[0], 1e-14);
        Assert.Equal(0.03646977346945528, result.LoanRateFloor[1], 1e-14);
        Assert.Equal(0.0285, result.RelationshipFloor[1], 1e-15);
    }

    [Fact]
    public void MismatchedProfitabilityIsRejected()
    {
        var (data, _) = Build([new Cust("A"), new Cust("B")]);
        var (_, other) = Build([new Cust("A")]);

        var error = Assert.Throws<ArgumentException>(() => CustomerSegmentation.Segment(data, other, [], Config(), null));
        Assert.StartsWith("Profitability covers 1 customers, the data 2.", error.Message, StringComparison.Ordinal);
    }
}
