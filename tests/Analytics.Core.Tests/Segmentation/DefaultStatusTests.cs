using Analytics.Core.Data;
using Analytics.Core.Segmentation;
using static Analytics.Tests.Segmentation.SegmentationFixtures;

namespace Analytics.Tests.Segmentation;

public class DefaultStatusTests
{
    [Theory]
    [InlineData(1.0, 0, true)]        // PD = 1 after flooring
    [InlineData(0.9999, 90, false)]   // 90 days is still the last day before default
    [InlineData(0.02, 91, true)]      // more than 90 days past due
    [InlineData(0.0003, 341, true)]
    [InlineData(0.02, 0, false)]
    public void InDefaultWhenPdIsOneOrMoreThanNinetyDaysPastDue(double pd, int maxDpd, bool expected) =>
        Assert.Equal(expected, DefaultStatus.IsInDefault(pd, maxDpd));

    [Fact]
    public void PricingStatusNames() =>
        Assert.Equal(["default", "priced"], [DefaultStatus.PricingStatus(true), DefaultStatus.PricingStatus(false)]);

    [Fact]
    public void MaxDaysPastDueOverTheCustomersAccountsAndZeroWithoutAccounts()
    {
        var (data, p) = Build(
        [
            new Cust("A", Pd: 0.01, Accounts: [new Acc("a1", ProductType.Loan, Dpd: 12), new Acc("a2", ProductType.Deposit, Dpd: 95)]),
            new Cust("B", Pd: 1.0),
            new Cust("C", Pd: 0.01, Accounts: [new Acc("c1", ProductType.Loan, Dpd: 90)]),
        ]);

        Assert.Equal([95, 0, 90], Enumerable.Range(0, 3).Select(c => DefaultStatus.MaxDaysPastDue(data.Accounts, c)));
        Assert.Equal([true, true, false], DefaultStatus.Of(p.Pd, data.Accounts));
    }
}
