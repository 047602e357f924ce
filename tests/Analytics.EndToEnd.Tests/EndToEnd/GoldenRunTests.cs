using Analytics.Tests.Validation;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// A whole `analytics score` run on a hand-made portfolio, every figure of customer C1 recomputed by hand from docs/METHODOLOGY.md §3
/// (the arithmetic is written out below), plus rejects, reconciliation and tier migration through the CLI.
/// </summary>
public sealed class GoldenRunTests : IDisposable
{
    private readonly CsvFolder _input = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "analytics-golden-" + Guid.NewGuid().ToString("N"));

    public GoldenRunTests()
    {
        _input
            .Table("customers", CsvFolder.CustomersHeader,
                "C1,Alpha,manufacturing,north,RM1,BBB,0.01,30",
                "C2,Beta,retail,south,RM2,A,,",
                "C3,Gamma,,,,,1.0,60")
            .Table("accounts", CsvFolder.AccountsHeader,
                "A1,C1,loan,,1000000,1000000,1500000,0.05,,2025-01-01,2027-01-01,,0,,0.004,",
                "A2,C1,deposit,USD,50000,60000,,0.01,,2020-01-01,,,,,,100000",
                "A3,C2,overdraft,EUR,20000,30000,50000,0.07,0.03,2024-01-01,,0.4,45,100,,",
                "A4,C3,guarantee,,0,0,200000,,,2023-05-01,2026-11-15,,120,,,",
                "A5,C3,loan,,500000,500000,,0.04,,2023-05-01,2026-11-20,,120,2000,,")
            .Table("fees", CsvFolder.FeesHeader,
                "C1,settlement,100,,2026-10-01",
                "C1,fx,-20,,2026-10-31",
                "C1,fx,50,USD,2026-10-15",
                "C2,advisory,1000,EUR,2026-09-30",
                "C9,advisory,1000,,2026-10-05")
            .Table("cross_sales", CsvFolder.CrossSalesHeader, "C1,payroll,4,200,")
            .File_("config.yaml", File.ReadAllText(Path.Combine(RunHarness.RepoRoot(), "docs", "config.example.yaml"))
                .Replace("max_reject_rate: 0.01", "max_reject_rate: 0.5", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _input.Dispose();
        if (Directory.Exists(_out + ".runs")) Directory.Delete(_out + ".runs", true);
        if (Path.Exists(_out)) File.Delete(_out);
    }

    private async Task<string> Score(params string[] extra)
    {
        var (exit, _, stderr) = await RunHarness.Run(
            ["score", "--input", _input.Path, "--config", Path.Combine(_input.Path, "config.yaml"), "--output", _out, "--format", "csv",
                "--quiet", .. extra]);
        Assert.True(exit == 0, stderr);
        return _out;
    }

    [Fact]
    public async Task Customer_C1_matches_METHODOLOGY_section_3_by_hand()
    {
        string output = await Score();
        var c1 = RunHarness.ReadCsv(Path.Combine(output, "customer_profitability.csv")).Single(r => r["customer_id"] == "C1");

        double y = 31 / 365.0;
        // A1 loan: term (2027-01-01 − 2025-01-01) = 730 d = 2.0 y → curve 0.019 + (2 − 1)/(3 − 1) × (0.0225 − 0.019) = 0.02075, + LP 0.001.
        double ftpLoan = 0.02075 + 0.0010;
        // A2 deposit, no maturity → 1.0 y → 0.019, LP −0.0005; avg 50,000 USD × 7.10.
        double ftpDeposit = 0.019 - 0.0005;
        double niiLoan = 1_000_000 * (0.05 - ftpLoan) * y;
        double niiDeposit = 50_000 * 7.10 * (ftpDeposit - 0.01) * y;
        double nii = niiLoan + niiDeposit;
        double fees = 100 - 20 + 50 * 7.10; // the 2026-09-30 fee is C2's and out of period anyway
        double cross = 200;
        double revenue = nii + fees + cross;
        double cost = 500 + 300 + 40 + 0.8 * 3 + 5 * 4;
        double ead = 1_000_000 + 0.5 * (1_500_000 - 1_000_000);
        double el = 0.01 * 0.45 * ead * y;

        // IRB, PD 1 %, LGD 45 %, S = 30 (SME), M = (2027-01-01 − 2026-10-31) = 62 d → clamped to 1.
        double pd = 0.01;
        double f = (1 - Math.Exp(-50 * pd)) / (1 - Math.Exp(-50));
        double r = 0.12 * f + 0.24 * (1 - f) - 0.04 * (1 - (30 - 5) / 45.0);
        double b = Math.Pow(0.11852 - 0.05478 * Math.Log(pd), 2);
        double n = MathNet.Numerics.Distributions.Normal.CDF(0, 1,
            (MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, pd)
                + Math.Sqrt(r) * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.999)) / Math.Sqrt(1 - r));
        double k = (0.45 * n - pd * 0.45) * (1 + (1 - 2.5) * b) / (1 - 1.5 * b);
        double creditCapital = k * ead;
        double opCapital = 0.15 * Math.Max(0, revenue / y);
        double capital = creditCapital + opCapital;
        double preTax = revenue - cost - el;
        double nopat = preTax * (1 - 0.25);
        double charge = 0.12 * capital * y;
        double eva = nopat - charge;
        double raroc = nopat / y / capital;

        Assert.Equal(nii, c1.D("nii"), 9);
        Assert.Equal(fees, c1.D("fee_income"), 9);
        Assert.Equal(cross, c1.D("cross_sell_revenue"), 9);
        Assert.Equal(revenue, c1.D("revenue"), 9);
        Assert.Equal(cost, c1.D("operating_cost"), 9);
        Assert.Equal(el, c1.D("expected_loss"), 9);
        Assert.Equal(ead, c1.D("ead"), 9);
        Assert.Equal(creditCapital, c1.D("credit_capital"), 6);
        Assert.Equal(opCapital, c1.D("op_capital"), 9);
        Assert.Equal(capital, c1.D("capital"), 6);
        Assert.Equal(charge, c1.D("capital_charge"), 9);
        Assert.Equal(preTax, c1.D("pre_tax_profit"), 9);
        Assert.Equal(nopat, c1.D("nopat"), 9);
        Assert.Equal(eva, c1.D("eva"), 6);
        Assert.Equal(raroc, c1.D("raroc"), 12);
        // products: loan, deposit; fee types settlement, fx; product line payroll.
        Assert.Equal("5", c1["products_held"]);
        Assert.Equal(355_000, c1.D("deposit_balance"), 9);
        Assert.Equal("100", c1["contribution_score"]); // first on every metric
    }

    [Fact]
    public async Task Defaulted_customer_has_no_credit_capital_and_full_expected_loss()
    {
        string output = await Score();
        var c3 = RunHarness.ReadCsv(Path.Combine(output, "customer_profitability.csv")).Single(r => r["customer_id"] == "C3");
        double y = 31 / 365.0;
        // PD 1 → K = 0; EL = LGD × EAD × Y with EAD = guarantee 0.5 × 200,000 + loan 500,000 (no limit).
        Assert.Equal(0, c3.D("credit_capital"));
        Assert.Equal(0.45 * 600_000 * y, c3.D("expected_loss"), 9);
    }

    [Fact]
    public async Task Outputs_rejects_reconciliation_and_warnings_are_published()
    {
        string output = await Score();
        Assert.Equal(
            ["account_profitability.csv", "cluster_profiles.csv", "customer_profitability.csv", "customer_segments.csv",
                "early_warning_reasons.csv", "early_warnings.csv",
             "manifest.json", "maturity_notices.csv", "reconciliation.json", "rejects.csv", "report.html", "underpriced_loans.csv"],
            Directory.GetFiles(output).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["table,file,row,column,reason", "fees,fees.csv,5,customer_id,unknown_customer"],
            File.ReadAllLines(Path.Combine(output, "rejects.csv")));
        Assert.Contains("\"status\": \"balanced\"", File.ReadAllText(Path.Combine(output, "reconciliation.json")));
        var notices = RunHarness.ReadCsv(Path.Combine(output, "maturity_notices.csv"));
        Assert.Equal("A5", Assert.Single(notices)["account_id"]);
        Assert.Equal(502_000, notices[0].D("amount_due"));
        var warnings = RunHarness.ReadCsv(Path.Combine(output, "early_warnings.csv"));
        Assert.Equal(["watch", "warning", "critical"], warnings.Select(w => w["severity"]));
        Assert.Equal("DPD_30;INTEREST_ARREARS;STALE_FINANCIALS", warnings[1]["reason_codes"]);
        Assert.Equal(["normal", "special_mention", "substandard"], warnings.Select(w => w["five_category"]));
        // C1: PD 0.01 ≥ 2 × origination 0.004 → SICR → stage 2.
        Assert.Equal(["2", "2", "3"], warnings.Select(w => w["ifrs9_stage"]));
        var segments = RunHarness.ReadCsv(Path.Combine(output, "customer_segments.csv"));
        // C3 is critical → last band; C2 warning with PD 0.02 stays medium (already ≥ middle).
        Assert.Equal(["medium", "medium", "high"], segments.Select(s => s["risk_band"]));
        Assert.DoesNotContain("customer_name", File.ReadAllLines(Path.Combine(output, "customer_segments.csv"))[0]);
    }

    [Fact]
    public async Task Previous_run_gives_tier_migration()
    {
        await Score();
        string previous = Path.Combine(Path.GetTempPath(), "analytics-prev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(previous);
        try
        {
            File.WriteAllText(Path.Combine(previous, "customer_segments.csv"), "customer_id,tier\nC1,core\nC2,growth\nC3,strategic\n");
            await Score("--previous", previous);
            var segments = RunHarness.ReadCsv(Path.Combine(_out, "customer_segments.csv"));
            Assert.Equal(["strategic", "growth", "basic"], segments.Select(s => s["tier"]));
            Assert.Equal(["core", "growth", "strategic"], segments.Select(s => s["previous_tier"]));
            Assert.Equal(["up", "same", "down"], segments.Select(s => s["tier_change"]));
        }
        finally
        {
            Directory.Delete(previous, true);
        }
    }

    [Fact]
    public async Task Usage_errors_exit_2_with_one_sentence()
    {
        var (exit, _, stderr) = await RunHarness.Run("score", "--input", "/nonexistent-folder", "--config", "x.yaml", "--output", _out);
        Assert.Equal(2, exit);
        Assert.Equal("The --input folder '/nonexistent-folder' does not exist; check the path.", stderr.Trim());

        (exit, _, stderr) = await RunHarness.Run("score", "--bogus");
        Assert.Equal(2, exit);
        Assert.Contains("--bogus", stderr);
        Assert.False(Path.Exists(_out));
    }
}
