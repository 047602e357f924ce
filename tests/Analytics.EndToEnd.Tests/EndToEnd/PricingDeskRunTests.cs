using Analytics.Tests.Validation;
using static MathNet.Numerics.Distributions.Normal;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// The pricing desk's outputs through `analytics score`: customers in default are not priced (docs/METHODOLOGY.md §4),
/// and underpriced_loans carries gap_bps and annual_shortfall (§6), each checked against the formula written out here.
/// </summary>
public sealed class PricingDeskRunTests : IDisposable
{
    private readonly CsvFolder _input = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "analytics-desk-" + Guid.NewGuid().ToString("N"));

    public PricingDeskRunTests()
    {
        _input
            .Table("customers", CsvFolder.CustomersHeader,
                "C1,Alpha,manufacturing,north,RM1,BBB,0.01,",
                "C2,Beta,retail,south,RM2,BB,0.01,",
                "C3,Gamma,retail,south,RM1,D,1.0,")
            .Table("accounts", CsvFolder.AccountsHeader,
                "L1,C1,loan,USD,100000,100000,,0.01,0.02,2025-01-01,,,0,,,",
                "L2,C2,loan,,200000,200000,,0.0,0.02,2025-01-01,,,341,,,",
                "L3,C3,loan,,300000,300000,,0.0,0.02,2025-01-01,,,0,,,")
            .File_("config.yaml", File.ReadAllText(Path.Combine(RunHarness.RepoRoot(), "docs", "config.example.yaml")));
    }

    public void Dispose()
    {
        _input.Dispose();
        if (Directory.Exists(_out + ".runs")) Directory.Delete(_out + ".runs", true);
        if (Path.Exists(_out)) File.Delete(_out);
    }

    private async Task Score()
    {
        var (exit, _, stderr) = await RunHarness.Run(
            ["score", "--input", _input.Path, "--config", Path.Combine(_input.Path, "config.yaml"), "--output", _out, "--format", "csv",
                "--quiet"]);
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public async Task Customers_in_default_get_no_floors_and_no_underpriced_loans()
    {
        await Score();
        var segments = RunHarness.ReadCsv(Path.Combine(_out, "customer_segments.csv"));
        // C2: a loan 341 days past due; C3: PD 1. Both loans at 0 % would otherwise top the underpriced list.
        Assert.Equal(["priced", "default", "default"], segments.Select(s => s["pricing_status"]));
        Assert.Equal(["", "", "", ""], segments.Skip(1).SelectMany(s => new[] { s["loan_rate_floor"], s["relationship_floor"] }));
        Assert.NotEqual("", segments[0]["loan_rate_floor"]);
        Assert.Equal(["1", "0", "0"], segments.Select(s => s["underpriced_loans"]));
        var loans = RunHarness.ReadCsv(Path.Combine(_out, "underpriced_loans.csv"));
        Assert.Equal("L1", Assert.Single(loans)["account_id"]);
    }

    [Fact]
    public async Task Underpriced_loans_carry_gap_bps_and_annual_shortfall()
    {
        await Score();
        var row = Assert.Single(RunHarness.ReadCsv(Path.Combine(_out, "underpriced_loans.csv")));

        // L1: ftp_rate 0.02 given, LGD default 0.45, no maturity → M = maturity_default_years 2.5, PD 0.01, no sales.
        double pd = 0.01, lgd = 0.45;
        double f = (1 - Math.Exp(-50 * pd)) / (1 - Math.Exp(-50));
        double r = 0.12 * f + 0.24 * (1 - f);
        double b = Math.Pow(0.11852 - 0.05478 * Math.Log(pd), 2);
        double k = (lgd * CDF(0, 1, (InvCDF(0, 1, pd) + Math.Sqrt(r) * InvCDF(0, 1, 0.999)) / Math.Sqrt(1 - r)) - pd * lgd)
            * (1 + (2.5 - 2.5) * b) / (1 - 1.5 * b);
        // floor = ftp + [(c + PD·LGD)(1 − t) + h·m·K] / ((1 − t) − h·α)
        double floor = 0.02 + ((0.004 + pd * lgd) * 0.75 + 0.12 * 1.0 * k) / (0.75 - 0.12 * 0.15);

        Assert.Equal(floor, row.D("floor_rate"), 14);
        Assert.Equal((floor - 0.01) * 10_000, row.D("gap_bps"), 10);
        // fx(average_balance) = 100,000 USD × 7.10 CNY.
        Assert.Equal(710_000 * (floor - 0.01), row.D("annual_shortfall"), 8);
    }

    [Fact]
    public async Task Early_warnings_carry_the_relationship_manager_and_the_customers_ead()
    {
        await Score();
        var warnings = RunHarness.ReadCsv(Path.Combine(_out, "early_warnings.csv"));
        Assert.Equal(["RM1", "RM2", "RM1"], warnings.Select(w => w["rm_id"]));
        // EAD = end balance (no limits): 100,000 USD × 7.10; 200,000; 300,000 CNY.
        Assert.Equal([710_000.0, 200_000.0, 300_000.0], warnings.Select(w => w.D("ead")));
        // C1 and C3 borrow without any statement (STALE_FINANCIALS, watch); C2 is 341 days past due (DPD_90, critical).
        Assert.Equal(["watch", "critical", "watch"], warnings.Select(w => w["severity"]));
    }
}
