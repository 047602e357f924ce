using Analytics.Core.Errors;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;
using static Analytics.Tests.Segmentation.SegmentationFixtures;

namespace Analytics.Tests.Segmentation;

/// <summary>The deal quote of docs/METHODOLOGY.md §4.6: a golden quote by hand and the laws it must obey.</summary>
public class DealPricingTests
{
    // IRB K at PD 0.01, LGD 0.45, M 2, no sales, from the §3.7 formula evaluated independently (Python statistics.NormalDist).
    private const double KTwoYears = 0.06877652917757152;

    [Fact]
    public void TheKUsedHereMatchesTheIrbFormula() =>
        Assert.Equal(KTwoYears, IrbCapital.K(0.01, 0.45, 2, double.NaN), 1e-12);

    [Fact]
    public void GoldenQuoteByHand()
    {
        // A = 5,000,000, T = 2 y, r = 0.045; PD 0.01, no sales; customer EVA 40,000 over the 31-day period.
        // ftp(2) = interp: 0.019 + (2 − 1)/(3 − 1) × (0.0225 − 0.019) = 0.02075, + LP 0.001 = 0.02175
        // D = (1 − 0.25) − 0.12 × 0.15 = 0.732
        // floor = 0.02175 + [(0.004 + 0.0045) × 0.75 + 0.12 × K] / 0.732
        double ftp = 0.02175;
        double floor = ftp + ((0.004 + 0.01 * 0.45) * 0.75 + 0.12 * KTwoYears) / 0.732;
        // cost floor = ftp + 0.004 + 0.0045 = 0.03025; E = 40,000 / (31/365); give-back = 0.5 × E / (5,000,000 × 0.732)
        double e = 40_000 / (31 / 365.0);
        double relationship = Math.Max(0.03025, floor - 0.5 * e / (5_000_000 * 0.732));
        // At r: revenue = 5e6 × (0.045 − 0.02175) = 116,250; cost = 20,000; EL = 22,500; pre-tax 73,750; NOPAT 55,312.5
        // capital = K × 5e6 + 0.15 × 116,250; EVA = 55,312.5 − 0.12 × capital; RAROC = 55,312.5 / capital.
        double capital = KTwoYears * 5_000_000 + 0.15 * 116_250;

        var quote = new DealPricing(Config()).Quote("C1", 0.01, double.NaN, 40_000, 0, 5_000_000, 2, 0.045);

        Assert.Equal("priced", quote.PricingStatus);
        Assert.Null(quote.Refusal);
        Assert.Equal(ftp, quote.FtpRate, 1e-15);
        Assert.Equal(2, quote.Maturity);
        Assert.Equal(floor, quote.LoanRateFloor, 1e-14);
        Assert.Equal(0.03025, quote.CostFloor, 1e-15);
        Assert.Equal(relationship, quote.RelationshipFloor, 1e-14);
        Assert.Equal(floor, quote.RateForTargetRaroc, 1e-14);
        var r = quote.AtRate!;
        Assert.Equal(0.045, r.Rate);
        Assert.Equal(116_250, r.Revenue, 1e-8);
        Assert.Equal(20_000, r.OperatingCost, 1e-9);
        Assert.Equal(22_500, r.ExpectedLoss, 1e-9);
        Assert.Equal(55_312.5, r.Nopat, 1e-8);
        Assert.Equal(capital, r.Capital, 1e-7);
        Assert.Equal(55_312.5 - 0.12 * capital, r.Eva, 1e-7);
        Assert.Equal(55_312.5 / capital, r.Raroc, 1e-14);
    }

    [Fact]
    public void WithoutARateThereAreNoRateFigures() =>
        Assert.Null(new DealPricing(Config()).Quote("C1", 0.01, double.NaN, 0, 0, 1_000_000, 1, null).AtRate);

    public static TheoryData<double, double, double, double> Deals => new()
    {
        // pd, sales, amount, term
        { 0.0003, double.NaN, 1_000_000, 1 },
        { 0.01, 10, 250_000, 0.25 },
        { 0.02, double.NaN, 5_000_000, 2 },
        { 0.05, 40, 80_000_000, 7 },
        { 0.2, double.NaN, 1_000, 30 },
    };

    [Theory]
    [MemberData(nameof(Deals))]
    public void AtTheFloorEvaIsZeroAndRarocIsTheHurdle(double pd, double sales, double amount, double term)
    {
        var pricing = new DealPricing(Config());
        var quote = pricing.Quote("C", pd, sales, 0, 0, amount, term, null);
        var atFloor = pricing.Quote("C", pd, sales, 0, 0, amount, term, quote.LoanRateFloor).AtRate!;

        Assert.Equal(0, atFloor.Eva, amount * 1e-14);
        Assert.Equal(0.12, atFloor.Raroc, 1e-12);
        // A basis point either side moves EVA to the matching sign.
        Assert.True(pricing.Quote("C", pd, sales, 0, 0, amount, term, quote.LoanRateFloor + 1e-4).AtRate!.Eva > 0);
        Assert.True(pricing.Quote("C", pd, sales, 0, 0, amount, term, quote.LoanRateFloor - 1e-4).AtRate!.Eva < 0);
    }

    [Theory]
    [InlineData(0.0003, double.NaN, 0)]
    [InlineData(0.01, 10, 25_000)]
    [InlineData(0.02, double.NaN, -5_000)]
    [InlineData(0.05, 40, 1_000_000)]
    public void AtTheStandardAmountAndTermTheFloorsAreThoseOfCustomerSegments(double pd, double sales, double eva)
    {
        var config = Config();
        var floors = new PricingFloors(config, new FtpCurve(config.Ftp.Curve));
        double loanRateFloor = floors.LoanRateFloor(pd, sales);

        var quote = new DealPricing(config).Quote(
            "C", pd, sales, eva, 0, config.Pricing.StandardLoanAmount, config.Pricing.StandardLoanTermYears, null);

        Assert.Equal(loanRateFloor, quote.LoanRateFloor);
        Assert.Equal(floors.RelationshipFloor(pd, loanRateFloor, eva), quote.RelationshipFloor);
    }

    [Theory]
    [InlineData(1.0, 0,
        "Customer 'C9' is in default (its PD is 1), so it gets no quote: a new loan to a defaulted borrower is a workout decision, not "
        + "a pricing one.")]
    [InlineData(0.02, 341,
        "Customer 'C9' is in default (an account is 341 days past due (more than 90)), so it gets no quote: a new loan to a defaulted "
        + "borrower is a workout decision, not a pricing one.")]
    public void ACustomerInDefaultGetsNoQuoteAndASentenceWhy(double pd, int dpd, string sentence)
    {
        var quote = new DealPricing(Config()).Quote("C9", pd, double.NaN, 0, dpd, 1_000_000, 1, 0.05);

        Assert.True(quote.InDefault);
        Assert.Equal("default", quote.PricingStatus);
        Assert.Equal(sentence, quote.Refusal);
        Assert.True(double.IsNaN(quote.LoanRateFloor) && double.IsNaN(quote.RelationshipFloor) && double.IsNaN(quote.RateForTargetRaroc));
        Assert.Null(quote.AtRate);
    }

    [Theory]
    [InlineData(0, 1, null, "--amount 0 is not a loan amount; give a positive number in the reporting currency, e.g. 1000000.")]
    [InlineData(1e6, -1, null, "--term-years -1 is not a loan term; give a positive number of years up to 100, e.g. 1 or 0.5.")]
    [InlineData(1e6, 1, 4.5, "--rate 4.5 is not an annual rate; rates are fractions, e.g. 0.045 for 4.5 %.")]
    public void BadArgumentsAreUsageErrors(double amount, double term, double? rate, string message)
    {
        var error = Assert.Throws<UsageException>(() => new DealPricing(Config()).Quote("C", 0.01, double.NaN, 0, 0, amount, term, rate));
        Assert.Equal(message, error.Message);
    }
}
