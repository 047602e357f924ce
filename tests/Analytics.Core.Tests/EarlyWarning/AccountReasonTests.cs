using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

/// <summary>Reasons driven by accounts. Every borrower carries a fresh healthy statement so STALE_FINANCIALS stays quiet.</summary>
public class AccountReasonTests
{
    private static readonly Statement Fresh = Statement.Healthy(new DateOnly(2026, 6, 30));

    private static EarlyWarningResult Run(params Account[] accounts)
    {
        var fixtures = new EarlyWarningFixtures().Add("C", Fresh);
        foreach (Account a in accounts)
        {
            fixtures.Add(a);
        }

        return fixtures.Evaluate();
    }

    private static Account Loan(string id, double end = 0, double limit = 0, int dpd = 0, double arrears = 0) =>
        new("C", id, ProductType.Loan) { EndBalance = end, Limit = limit, Dpd = dpd, Arrears = arrears };

    private static Account Deposit(string id, double average, double prior) =>
        new("C", id, ProductType.Deposit) { AverageBalance = average, PriorAverageBalance = prior };

    [Fact]
    public void Interest_arrears_fire_on_any_positive_sum()
    {
        Assert.Empty(Run(Loan("L1")).ReasonsOf(0));

        // 0.01 + 0.02 over two accounts (one a deposit): Σ = 0.03 > 0, threshold 0.
        var r = Run(Loan("L1", arrears: 0.01), new Account("C", "D1", ProductType.Deposit) { Arrears = 0.02 });
        Assert.Equal([new ReasonRow("INTEREST_ARREARS", Severity.Warning, 0.01 + 0.02, 0)], r.ReasonsOf(0));
    }

    [Fact]
    public void High_utilization_fires_at_the_bound()
    {
        // utilization_max 0.9: 90/100 = 0.9 fires (≥); 89/100 does not.
        Assert.Equal([new ReasonRow("HIGH_UTILIZATION", Severity.Watch, 0.9, 0.9)], Run(Loan("L1", end: 90, limit: 100)).ReasonsOf(0));
        Assert.Empty(Run(Loan("L1", end: 89, limit: 100)).ReasonsOf(0));
    }

    [Fact]
    public void Utilization_pools_loans_and_overdrafts_with_a_limit_only()
    {
        // Loan 40/50 + overdraft 50/50 = 90/100 = 0.9. A loan without limit (end 1000) and a guarantee
        // (end 500, notional 100) do not count; with them it would be far above or below 0.9.
        var r = Run(
            Loan("L1", end: 40, limit: 50),
            new Account("C", "O1", ProductType.Overdraft) { EndBalance = 50, Limit = 50 },
            Loan("L2", end: 1000, limit: 0),
            new Account("C", "G1", ProductType.Guarantee) { EndBalance = 500, Limit = 100 });
        Assert.Equal(0.9, r.Reason(0, "HIGH_UTILIZATION")!.Value);
    }

    [Fact]
    public void No_limit_means_no_utilization_flag()
    {
        Assert.Empty(Run(Loan("L1", end: 1000, limit: 0)).ReasonsOf(0));
    }

    [Fact]
    public void Deposit_outflow_fires_at_the_bound()
    {
        // deposit_outflow 0.3: 1 − 70/100 = 0.30000000000000004 fires (≥); 1 − 71/100 = 0.29… does not.
        Assert.Equal([new ReasonRow("DEPOSIT_OUTFLOW", Severity.Watch, 1 - 70.0 / 100, 0.3)], Run(Deposit("D1", 70, 100)).ReasonsOf(0));
        Assert.Empty(Run(Deposit("D1", 71, 100)).ReasonsOf(0));
    }

    [Fact]
    public void Deposit_outflow_uses_only_deposits_with_a_prior_balance()
    {
        // D1: 10 vs prior 100; D2 has no prior and is left out of both sums: 1 − 10/100 = 0.9.
        var r = Run(Deposit("D1", 10, 100), Deposit("D2", 1000, double.NaN));
        Assert.Equal(0.9, r.Reason(0, "DEPOSIT_OUTFLOW")!.Value);

        // Pooled: (60 + 10) vs (50 + 50): 1 − 70/100 = 0.3 fires although D2 grew.
        Assert.Equal(1 - 70.0 / 100, Run(Deposit("D1", 60, 50), Deposit("D2", 10, 50)).Reason(0, "DEPOSIT_OUTFLOW")!.Value);
    }

    [Fact]
    public void Deposit_outflow_needs_a_positive_prior_sum()
    {
        Assert.Empty(Run(Deposit("D1", 0, 0)).ReasonsOf(0));
        Assert.Empty(Run(Deposit("D1", 50, double.NaN)).ReasonsOf(0));
        Assert.Empty(Run(Deposit("D1", 200, 100)).ReasonsOf(0));   // inflow: outflow −1
    }

    [Fact]
    public void Every_reason_is_listed_sorted_with_the_worst_severity()
    {
        // Fires DEPOSIT_OUTFLOW (watch), DPD_30 (warning), HIGH_UTILIZATION (watch), INTEREST_ARREARS (warning).
        var r = Run(Loan("L1", end: 95, limit: 100, dpd: 45, arrears: 3), Deposit("D1", 0, 100));
        Assert.Equal(
            [
                new ReasonRow("DEPOSIT_OUTFLOW", Severity.Watch, 1.0, 0.3),
                new ReasonRow("DPD_30", Severity.Warning, 45, 30),
                new ReasonRow("HIGH_UTILIZATION", Severity.Watch, 0.95, 0.9),
                new ReasonRow("INTEREST_ARREARS", Severity.Warning, 3, 0),
            ],
            r.ReasonsOf(0));
        Assert.Equal("DEPOSIT_OUTFLOW;DPD_30;HIGH_UTILIZATION;INTEREST_ARREARS", r.ReasonCodes[0]);
        Assert.Equal(Severity.Warning, r.Severity[0]);
    }

    [Fact]
    public void Reason_table_is_sorted_by_customer_then_code()
    {
        var r = new EarlyWarningFixtures()
            .Add(new Account("B", "B1", ProductType.Loan) { Dpd = 100, Arrears = 1 })
            .Add(new Account("A", "A1", ProductType.Loan) { Dpd = 5 })
            .Customer("C")
            .Evaluate();

        // A: DPD_1 + STALE_FINANCIALS; B: DPD_90 + INTEREST_ARREARS + STALE_FINANCIALS; C: nothing.
        Assert.Equal([0, 0, 1, 1, 1], r.Reasons.Customer);
        Assert.Equal(["DPD_1", "STALE_FINANCIALS", "DPD_90", "INTEREST_ARREARS", "STALE_FINANCIALS"], r.Reasons.ReasonCode);
        Assert.Equal([Severity.Watch, Severity.Critical, Severity.None], r.Severity);
        Assert.Equal(["DPD_1;STALE_FINANCIALS", "DPD_90;INTEREST_ARREARS;STALE_FINANCIALS", ""], r.ReasonCodes);
    }
}
