using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Errors;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;
using Analytics.Tests.Profitability;
using static Analytics.Tests.Segmentation.SegmentationFixtures;

namespace Analytics.Tests.Segmentation;

public class PricingFloorsTests
{
    // K from the formula of docs/METHODOLOGY.md §3.7 written out (IrbFormula), at the inputs of these tests.
    private static readonly double KStandard = IrbFormula.K(0.01, 0.45, 1, double.NaN);
    private static readonly double KSme = IrbFormula.K(0.01, 0.45, 1, 10);           // SME term: R −= 0.04·(1 − 5/45)
    private static readonly double KAccount = IrbFormula.K(0.01, 0.60, 3, double.NaN);

    // The default configuration's loan rate floor (docs/METHODOLOGY.md §4.4) written out:
    // floor = ftp(T) + [(c + PD·LGD)(1 − t) + h·m·K] / ((1 − t) − h·α), with ftp(1 y) = 0.019 + 0.001, c = 0.004,
    // t = 0.25, h = 0.12, m = 1, α = 0.15.
    private static double FloorByHand(double ftp, double pd, double lgd, double k) =>
        ftp + ((0.004 + pd * lgd) * (1 - 0.25) + 0.12 * 1.0 * k) / ((1 - 0.25) - 0.12 * 0.15);

    private static readonly double StandardFloor = FloorByHand(0.019 + 0.001, 0.01, 0.45, KStandard);

    private static PricingFloors Floors(EngineConfig? config = null)
    {
        config ??= Config();
        return new PricingFloors(config, new FtpCurve(config.Ftp.Curve));
    }

    [Fact]
    public void TheKUsedHereMatchesTheIrbFormula()
    {
        Assert.Equal(KStandard, IrbCapital.K(0.01, 0.45, 1, double.NaN), 1e-12);
        Assert.Equal(KSme, IrbCapital.K(0.01, 0.45, 1, 10), 1e-12);
        Assert.Equal(KAccount, IrbCapital.K(0.01, 0.60, 3, double.NaN), 1e-12);
        // The written-out formula against the same formula evaluated outside .NET (Python statistics.NormalDist).
        Assert.Equal(0.0586227053054, KStandard, 1e-12);
        Assert.Equal(0.0473406181637, KSme, 1e-12);
        Assert.Equal(0.1052404707329, KAccount, 1e-12);
    }

    [Fact]
    public void StandardFtpAndDenominator()
    {
        // ftp(1y) = interp(curve, 1.0) + liquidity_premium.loan = 0.0190 + 0.0010 = 0.020
        // (1 − t) − h·α = 0.75 − 0.12 × 0.15 = 0.732
        var floors = Floors();
        Assert.Equal(0.020, floors.StandardFtp, 1e-15);
        Assert.Equal(0.732, floors.Denominator, 1e-15);
    }

    [Fact]
    public void LoanRateFloorByHand()
    {
        // floor = 0.020 + [(0.004 + 0.01 × 0.45)(0.75) + 0.12 × 1.0 × K] / 0.732 = 0.020 + [0.006375 + 0.12 × 0.0586227] / 0.732
        //       ≈ 0.0383193
        Assert.Equal(0.020 + (0.006375 + 0.12 * KStandard) / 0.732, StandardFloor, 1e-15);
        Assert.Equal(StandardFloor, Floors().LoanRateFloor(0.01, double.NaN), 1e-14);
    }

    [Fact]
    public void LoanRateFloorUsesTheCustomersAnnualSales()
    {
        // As above with the SME K ≈ 0.0473406: 0.020 + (0.006375 + 0.12 × 0.0473406) / 0.732 ≈ 0.0364698
        Assert.Equal(FloorByHand(0.020, 0.01, 0.45, KSme), Floors().LoanRateFloor(0.01, 10), 1e-14);
    }

    [Fact]
    public void LoanRateFloorClampsTheStandardTermForK()
    {
        // A 0.25-year standard term: ftp = interp(0.25) + 0.001 = 0.0175, but K is taken at M = clamp(0.25, 1, 5) = 1.
        var config = Config() with { Pricing = Config().Pricing with { StandardLoanTermYears = 0.25 } };
        double expected = 0.0175 + (0.006375 + 0.12 * KStandard) / 0.732;
        Assert.Equal(expected, Floors(config).LoanRateFloor(0.01, double.NaN), 1e-14);
    }

    [Fact]
    public void RelationshipFloorNotClamped()
    {
        // EVA 1000 over Y = 31/365: E = 1000 / Y ≈ 11,774.19; give-back = s·E / (A·((1 − t) − h·α)) = 0.5 × E / (1,000,000 × 0.732)
        // ≈ 0.0080425; floor − give-back ≈ 0.0302768 > cost_floor 0.0285
        var floors = Floors();
        double floor = floors.LoanRateFloor(0.01, double.NaN);
        double giveBack = 0.5 * (1000 / (31 / 365.0)) / (1_000_000 * 0.732);
        Assert.Equal(StandardFloor - giveBack, floors.RelationshipFloor(0.01, floor, 1000), 1e-14);
    }

    [Fact]
    public void RelationshipFloorClampedAtCostFloor()
    {
        // EVA 10000: 0.0383 − 0.0804 = −0.0421 < cost_floor = 0.020 + 0.004 + 0.01 × 0.45 = 0.0285
        var floors = Floors();
        double floor = floors.LoanRateFloor(0.01, double.NaN);
        Assert.Equal(0.0285, floors.CostFloor(0.01), 1e-15);
        Assert.Equal(0.0285, floors.RelationshipFloor(0.01, floor, 10000), 1e-15);
    }

    [Fact]
    public void NegativeEvaGivesNothingBack()
    {
        var floors = Floors();
        double floor = floors.LoanRateFloor(0.01, double.NaN);
        Assert.Equal(floor, floors.RelationshipFloor(0.01, floor, -500));
    }

    [Fact]
    public void AccountFloorByHand()
    {
        // Own ftp 0.03, LGD 0.6, M 3: 0.03 + [(0.004 + 0.006)(0.75) + 0.12 × 0.1052405] / 0.732 ≈ 0.0574984
        Assert.Equal(FloorByHand(0.03, 0.01, 0.6, KAccount), Floors().AccountFloor(0.03, 0.01, 0.6, 3, double.NaN), 1e-14);
    }

    [Fact]
    public void NoMarginForAFloorIsAConfigurationError()
    {
        // (1 − 0.9) − 1.0 × 0.15 = −0.05 ≤ 0
        var config = Config() with { Capital = new CapitalConfig { TaxRate = 0.9, HurdleRate = 1.0 } };
        var error = Assert.Throws<ConfigurationException>(() => Floors(config));
        Assert.Equal("capital.tax_rate", error.Key);
    }

    [Fact]
    public void LoanAtItsFloorIsNotUnderpricedJustBelowIs()
    {
        double floor = Floors().AccountFloor(0.03, 0.01, 0.6, 3, double.NaN);
        var (data, p) = Build(
        [
            new Cust("A", Pd: 0.01, Accounts:
            [
                new Acc("A1", ProductType.Loan, ClientRate: floor, Ftp: 0.03, Lgd: 0.6, MaturityYears: 3),
                new Acc("A2", ProductType.Loan, ClientRate: Math.BitDecrement(floor), Ftp: 0.03, Lgd: 0.6, MaturityYears: 3),
                new Acc("A3", ProductType.Overdraft, ClientRate: 0.05, Ftp: 0.03, Lgd: 0.6, MaturityYears: 3),
                new Acc("A4", ProductType.Deposit, ClientRate: 0.0, Ftp: 0.03),
                new Acc("A5", ProductType.Guarantee, Ftp: 0.03),
            ]),
        ]);

        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        // A2 (just below) and A3 (0.05 < 0.0575) are underpriced; A1 sits exactly at its floor; deposits and guarantees never are.
        Assert.Equal(2, result.UnderpricedCount[0]);
        Assert.Equal(
            [new UnderpricedLoan(0, 1, Math.BitDecrement(floor), floor), new UnderpricedLoan(0, 2, 0.05, floor)],
            result.UnderpricedLoans);
    }

    [Fact]
    public void UnderpricedLoansUseTheirOwnFtpLgdMaturityAndTheCustomersSales()
    {
        // Same rate, different own parameters: only the account whose own floor is above 0.045 is flagged.
        var floors = Floors();
        double low = floors.AccountFloor(0.02, 0.01, 0.45, 1, 10);   // 0.03647
        double high = floors.AccountFloor(0.03, 0.01, 0.6, 3, 10);
        Assert.True(low < 0.045 && high > 0.045);
        var (data, p) = Build(
        [
            new Cust("B", Pd: 0.01, Sales: 10, Accounts:
            [
                new Acc("B2", ProductType.Loan, ClientRate: 0.045, Ftp: 0.03, Lgd: 0.6, MaturityYears: 3),
                new Acc("B1", ProductType.Loan, ClientRate: 0.045, Ftp: 0.02, Lgd: 0.45, MaturityYears: 1),
            ]),
        ]);

        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        Assert.Equal([new UnderpricedLoan(0, 1, 0.045, high)], result.UnderpricedLoans);
        Assert.Equal("B2", data.Accounts.AccountId[1]);
    }

    [Fact]
    public void UnderpricedLoansAreSortedByCustomerThenAccount()
    {
        var (data, p) = Build(
        [
            new Cust("Z", Accounts: [new Acc("z2", ProductType.Loan, ClientRate: 0), new Acc("z1", ProductType.Loan, ClientRate: 0)]),
            new Cust("A", Accounts: [new Acc("a9", ProductType.Overdraft, ClientRate: 0), new Acc("a1", ProductType.Loan, ClientRate: 0)]),
        ]);

        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        Assert.Equal(
            ["A/a1", "A/a9", "Z/z1", "Z/z2"],
            result.UnderpricedLoans.Select(u => data.Customers.Ids[u.Customer] + "/" + data.Accounts.AccountId[u.Account]));
        Assert.Equal([2, 2], result.UnderpricedCount);
    }

    [Fact]
    public void GridCellsFollowTierAndBand()
    {
        // N = 2: cutoffs ceil(0.1) = 1, ceil(0.4) = 1, ceil(1.0) = 1, 2 → X (rank 1) strategic, Y (rank 2) basic.
        // Both have PD 0.001 (low); Y's warning raises it to the middle band, medium.
        var (data, p) = Build([new Cust("X", Score: 90, Pd: 0.001), new Cust("Y", Score: 10, Pd: 0.001)]);

        var result = CustomerSegmentation.Segment(data, p, [Severity.None, Severity.Warning], Config(), null);

        Assert.Equal(["strategic", "basic"], result.Tier);
        Assert.Equal([0, 3], result.TierIndex);
        Assert.Equal(["low", "medium"], result.RiskBand);
        // Cell (t, b) = (−10t − b, 5t + b, 0.01(3t + b)): (0, 0) and (3, 1).
        Assert.Equal([0, -31], result.LoanSpreadBps);
        Assert.Equal([0, 16], result.DepositRateBps);
        Assert.Equal([0, 0.01 * 10], result.FeeDiscount);
    }

    [Fact]
    public void MissingGridCellNamesTheKey()
    {
        var config = Config();
        var grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>(config.Pricing.Grid, StringComparer.Ordinal)
        {
            ["core"] = new Dictionary<string, PricingCell> { ["low"] = new(0, 0, 0), ["medium"] = new(0, 0, 0) },
        };

        var error = Assert.Throws<ConfigurationException>(
            () => new PricingGrid(config.Pricing with { Grid = grid }, config.Segmentation.Tiers, config.Segmentation.RiskBands));
        Assert.Equal("pricing.grid.core.high", error.Key);
        Assert.Equal("The pricing grid has no cell pricing.grid.core.high; add one for every tier and risk band.", error.Message);
    }

    [Theory]
    [InlineData(0.01, double.NaN)]
    [InlineData(0.0003, 12.0)]
    [InlineData(0.2, 60.0)]
    [InlineData(0.0, 5.0)]
    [InlineData(1.0, 30.0)]
    [InlineData(double.NaN, 30.0)]
    public void FloorsFromAResolvedObligorEqualTheFloorsFromPdAndSales(double pd, double sales)
    {
        // The segmentation loop resolves a customer's obligor once for all its loans; every bit must match.
        var floors = Floors();
        var obligor = IrbCapital.Obligor(pd, sales);
        Assert.Equal(floors.LoanRateFloor(pd, sales), floors.LoanRateFloor(pd, obligor));
        foreach (double maturity in new[] { 0.5, 2.5, 7.0 })
        {
            Assert.Equal(floors.AccountFloor(0.031, pd, 0.4, maturity, sales), floors.AccountFloor(0.031, pd, 0.4, maturity, obligor));
        }
    }

    [Fact]
    public void CustomersInDefaultGetNoFloorsAndNoUnderpricedLoans()
    {
        // The cases: a PD = 1 customer used to get a 48.5 % floor, and a loan 341 days past due topped the
        // underpriced list. D: PD 1; L: PD 0.01 but a loan 341 days past due at 0 %; P: a priced customer whose
        // 0 % loan 90 days past due (not yet in default) is underpriced.
        var (data, p) = Build(
        [
            new Cust("D", Pd: 1.0, Accounts: [new Acc("d1", ProductType.Loan, ClientRate: 0.0)]),
            new Cust("L", Pd: 0.01, Accounts: [new Acc("l1", ProductType.Loan, ClientRate: 0.0, Dpd: 341)]),
            new Cust("P", Pd: 0.01, Accounts: [new Acc("p1", ProductType.Loan, ClientRate: 0.0, Dpd: 90)]),
        ]);

        var result = CustomerSegmentation.Segment(data, p, [], Config(), null);

        Assert.Equal([true, true, false], result.InDefault);
        Assert.True(double.IsNaN(result.LoanRateFloor[0]) && double.IsNaN(result.RelationshipFloor[0]));
        Assert.True(double.IsNaN(result.LoanRateFloor[1]) && double.IsNaN(result.RelationshipFloor[1]));
        Assert.Equal(StandardFloor, result.LoanRateFloor[2], 1e-14);
        Assert.Equal([0, 0, 1], result.UnderpricedCount);
        Assert.Equal([2], result.UnderpricedLoans.Select(u => u.Customer));
    }
}
