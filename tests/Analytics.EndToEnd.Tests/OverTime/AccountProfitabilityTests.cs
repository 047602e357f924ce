using Analytics.Tests.EndToEnd;
using Analytics.Tests.Reliability;

namespace Analytics.Tests.OverTime;

/// <summary>account_profitability (docs/METHODOLOGY.md §9): one row per accepted account whose NII sums to the customer's.</summary>
public sealed class AccountProfitabilityTests
{
    private const double Y = 31 / 365.0;
    private const double UsdRate = 7.10;

    [Fact]
    public async Task EveryAcceptedAccountHasARowSortedByCustomerThenAccount()
    {
        using var dir = new TempDir();
        var rows = await ScoreAsync(dir);
        Assert.Equal(["A001", "A002", "A003", "A004", "A005", "A006", "A007", "A008", "A009"], rows.Select(r => r["account_id"]));
        var keys = rows.Select(r => (r["customer_id"], r["account_id"])).ToList();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public async Task AccountNiiSumsToTheCustomersNiiExactly()
    {
        using var dir = new TempDir();
        var accounts = await ScoreAsync(dir);
        var customers = RunHarness.ReadCsv(Path.Combine(dir.Combine("out"), "customer_profitability.csv"));
        foreach (var customer in customers)
        {
            string id = customer["customer_id"];
            // Summed in account_id order, the order the engine sums in, so the doubles agree bit for bit.
            double nii = 0, el = 0, capital = 0, ead = 0;
            foreach (var a in accounts.Where(a => a["customer_id"] == id))
            {
                nii += a.D("nii");
                el += a.D("expected_loss");
                capital += a.D("credit_capital");
                ead += a.D("ead");
            }

            Assert.Equal(customer.D("nii"), nii);
            Assert.Equal(customer.D("expected_loss"), el);
            Assert.Equal(customer.D("credit_capital"), capital);
            Assert.Equal(customer.D("ead"), ead);
        }
    }

    [Fact]
    public async Task GoldenUsdLoanFromTheFormulas()
    {
        // A008: C005's USD loan as in TestInputs: average 1,000,000, end 900,000, limit 1,000,000,
        // client_rate 0.05, ftp_rate 0.02 given, lgd 0.35; C005's PD 0.002 (above the 0.0003 floor); USD = 7.10.
        using var dir = new TempDir();
        var a008 = (await ScoreAsync(dir)).Single(r => r["account_id"] == "A008");
        double avg = 1_000_000 * UsdRate;                              // 7,100,000
        double nii = avg * (0.05 - 0.02) * Y;                           // 213,000 × 31/365 = 18,090.41…
        double ead = 900_000 * UsdRate + 0.50 * (100_000 * UsdRate);    // 6,390,000 + 355,000 = 6,745,000
        double el = 0.002 * 0.35 * ead * Y;                             // 4,721.5 × 31/365 = 401.00…
        Assert.Equal("C005", a008["customer_id"]);
        Assert.Equal("loan", a008["product_type"]);
        Assert.Equal(avg, a008.D("avg_balance"), 6);
        Assert.Equal(0.02, a008.D("ftp_rate"), 12);
        Assert.Equal(0.05, a008.D("client_rate"), 12);
        Assert.Equal(18_090.410958904, a008.D("nii"), 6);
        Assert.Equal(nii, a008.D("nii"), 6);
        Assert.Equal(300, a008.D("operating_cost"));                    // per_account.loan only; per_customer stays customer-level
        Assert.Equal(6_745_000, a008.D("ead"), 6);
        Assert.Equal(el, a008.D("expected_loss"), 6);
        Assert.True(a008.D("credit_capital") > 0);
    }

    private static async Task<List<Dictionary<string, string>>> ScoreAsync(TempDir dir)
    {
        await TestInputs.Valid().WriteAsync(dir.Combine("in"), InputFormat.Csv);
        File.WriteAllText(dir.Combine("config.yaml"), TestInputs.ExampleConfig);
        var run = await RunHarness.Run("score", "--input", dir.Combine("in"), "--config", dir.Combine("config.yaml"), "--output",
            dir.Combine("out"), "--format", "csv", "--quiet");
        Assert.True(run.Exit == 0, run.Stderr);
        return RunHarness.ReadCsv(Path.Combine(dir.Combine("out"), "account_profitability.csv"));
    }
}
