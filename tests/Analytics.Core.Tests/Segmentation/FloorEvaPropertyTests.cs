using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Profitability;
using Analytics.Core.Segmentation;
using CsCheck;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// The loan rate floor of docs/METHODOLOGY.md §4.4 is defined as the rate at which a new standard loan earns EVA = 0
/// (§3.9). Checked end to end: a portfolio holding only that loan, priced at its floor, is scored by the profitability
/// calculator under generated risk, capital, cost and term settings, and its EVA must vanish.
/// </summary>
public class FloorEvaPropertyTests
{
    private sealed record Case(
        double Pd, double AnnualSales, double Lgd, double TaxRate, double HurdleRate, double OpRiskAlpha,
        double CapitalMultiplier, double UnitCostRate, int TermDays, double Amount);

    private static readonly Gen<Case> Cases =
        Gen.Select(
            Gen.Select(Gen.Double[0.0003, 0.5], Gen.OneOf(Gen.Const(double.NaN), Gen.Double[1, 80]), Gen.Double[0.05, 0.95],
                Gen.Double[0, 0.4]),
            Gen.Select(Gen.Double[0.02, 0.3], Gen.Double[0, 0.3], Gen.Double[0.5, 1.5], Gen.Double[0, 0.02]),
            Gen.Select(Gen.Int[30, 3650], Gen.Double[1e4, 1e8]),
            (a, b, c) => new Case(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4, c.Item1, c.Item2));

    [Fact]
    public void A_loan_priced_at_its_loan_rate_floor_earns_eva_zero()
    {
        Cases.Sample(k =>
        {
            EngineConfig config = ConfigFor(k);
            var floors = new PricingFloors(config, new FtpCurve(config.Ftp.Curve));
            double floor = floors.LoanRateFloor(Math.Max(k.Pd, config.Risk.PdFloor), k.AnnualSales);

            // The standard loan: balance A drawn in full (EAD = A), its own FTP the standard ftp(T), maturing T after as_of.
            PortfolioData data = new PortfolioBuilder()
                .AddCustomer("C", pd: k.Pd, annualSales: k.AnnualSales)
                .AddAccount("C", ProductType.Loan, averageBalance: k.Amount, endBalance: k.Amount, clientRate: floor,
                    ftpRate: floors.StandardFtp, maturityDate: config.AsOf.AddDays(k.TermDays))
                .Build();
            ProfitabilityResult r = ProfitabilityCalculator.Compute(data, config);

            double scale = Math.Abs(r.Nopat[0]) + Math.Abs(r.CapitalCharge[0]);
            Assert.True(Math.Abs(r.Eva[0]) <= 1e-10 * scale, $"EVA {r.Eva[0]} at floor {floor} for {k}");
        });
    }

    // Operating cost c·A·Y on the one loan, so the calculator's per-account cost is the floor's unit cost rate c.
    private static EngineConfig ConfigFor(Case k)
    {
        EngineConfig baseline = TestEngineConfig.Create();
        double y = baseline.YearFraction;
        return baseline with
        {
            Costs = new CostConfig
            {
                PerCustomer = 0,
                PerAccount = new ProductMap(k.UnitCostRate * k.Amount * y, 0, 0, 0),
                PerFeeTransaction = 0,
                PerCrossSaleUnit = 0,
            },
            Risk = baseline.Risk with
            {
                LgdDefault = baseline.Risk.LgdDefault with { Loan = k.Lgd },
                CapitalMultiplier = k.CapitalMultiplier,
                OpRiskAlpha = k.OpRiskAlpha,
            },
            Capital = new CapitalConfig { TaxRate = k.TaxRate, HurdleRate = k.HurdleRate },
            Pricing = baseline.Pricing with { UnitCostRate = k.UnitCostRate, StandardLoanTermYears = k.TermDays / 365.0 },
        };
    }
}
