using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

/// <summary>DPD reasons, five-category suggestion and IFRS 9 stage.</summary>
public class ClassificationTests
{
    private static readonly Statement Fresh = Statement.Healthy(new DateOnly(2026, 6, 30));

    private static EarlyWarningResult Run(double pd, params Account[] accounts)
    {
        var fixtures = new EarlyWarningFixtures().Customer("C", pd).Add("C", Fresh);
        foreach (Account a in accounts)
        {
            fixtures.Add(a);
        }

        return fixtures.Evaluate();
    }

    [Theory]
    [InlineData(0, "", Severity.None, FiveCategory.Normal, 1)]
    [InlineData(1, "DPD_1", Severity.Watch, FiveCategory.SpecialMention, 1)]
    [InlineData(29, "DPD_1", Severity.Watch, FiveCategory.SpecialMention, 1)]
    [InlineData(30, "DPD_1", Severity.Watch, FiveCategory.SpecialMention, 1)]
    [InlineData(31, "DPD_30", Severity.Warning, FiveCategory.SpecialMention, 2)]
    [InlineData(89, "DPD_30", Severity.Warning, FiveCategory.SpecialMention, 2)]
    [InlineData(90, "DPD_30", Severity.Warning, FiveCategory.SpecialMention, 2)]
    [InlineData(91, "DPD_90", Severity.Critical, FiveCategory.Substandard, 3)]
    [InlineData(270, "DPD_90", Severity.Critical, FiveCategory.Substandard, 3)]
    [InlineData(271, "DPD_90", Severity.Critical, FiveCategory.Doubtful, 3)]
    [InlineData(360, "DPD_90", Severity.Critical, FiveCategory.Doubtful, 3)]
    [InlineData(361, "DPD_90", Severity.Critical, FiveCategory.Loss, 3)]
    public void Dpd_boundaries(int dpd, string codes, Severity severity, FiveCategory category, int stage)
    {
        var r = Run(0.01, new Account("C", "L1", ProductType.Loan) { Dpd = dpd });
        Assert.Equal(dpd, r.MaxDpd[0]);
        Assert.Equal(codes, r.ReasonCodes[0]);
        Assert.Equal(severity, r.Severity[0]);
        Assert.Equal(category, r.FiveCategory[0]);
        Assert.Equal(stage, r.Ifrs9Stage[0]);
        if (dpd > 0)
        {
            double bound = dpd > 90 ? 90 : dpd > 30 ? 30 : 0;
            Assert.Equal([new ReasonRow(codes, severity, dpd, bound)], r.ReasonsOf(0));
        }
    }

    [Fact]
    public void Max_dpd_is_over_all_accounts_and_only_the_highest_bucket_is_listed()
    {
        var r = Run(0.01,
            new Account("C", "L1", ProductType.Loan) { Dpd = 10 },
            new Account("C", "L2", ProductType.Overdraft) { Dpd = 95 },
            new Account("C", "L3", ProductType.Loan) { Dpd = 40 });
        Assert.Equal(95, r.MaxDpd[0]);
        Assert.Equal("DPD_90", r.ReasonCodes[0]);
    }

    [Fact]
    public void Warning_raises_normal_to_special_mention_and_stage_2()
    {
        // DPD 0 with interest arrears (warning).
        var r = Run(0.01, new Account("C", "L1", ProductType.Loan) { Arrears = 5 });
        Assert.Equal(FiveCategory.SpecialMention, r.FiveCategory[0]);
        Assert.Equal(2, r.Ifrs9Stage[0]);
    }

    [Fact]
    public void Watch_does_not_raise()
    {
        // DPD 0 with utilisation 0.95 (watch only).
        var r = Run(0.01, new Account("C", "L1", ProductType.Loan) { EndBalance = 95, Limit = 100 });
        Assert.Equal(Severity.Watch, r.Severity[0]);
        Assert.Equal(FiveCategory.Normal, r.FiveCategory[0]);
        Assert.Equal(1, r.Ifrs9Stage[0]);
    }

    [Fact]
    public void Raising_never_lowers_a_worse_category()
    {
        Assert.Equal(FiveCategory.Doubtful, FiveCategories.Of(300, Severity.Critical));
        Assert.Equal(FiveCategory.SpecialMention, FiveCategories.Of(0, Severity.Critical));
        Assert.Equal(FiveCategory.Normal, FiveCategories.Of(0, Severity.Watch));
    }

    [Theory]
    [InlineData(0.04, 0.02, 2)]       // 0.04 ≥ 2 × 0.02 exactly: SICR
    [InlineData(0.0399, 0.02, 1)]     // just below
    [InlineData(0.05, 0.02, 2)]
    [InlineData(0.0002, 0.0001, 1)]   // floored 0.0003 ≥ 2 × 0.0003? no (unfloored 0.0002 ≥ 0.0002 would say yes)
    [InlineData(0.0006, 0.0, 2)]      // origination floored to 0.0003: 0.0006 ≥ 0.0006
    [InlineData(0.5, double.NaN, 1)]  // no origination PD: no test
    public void Sicr_on_a_loan(double pd, double originationPd, int stage)
    {
        var r = Run(pd, new Account("C", "L1", ProductType.Loan) { OriginationPd = originationPd });
        Assert.Equal(stage, r.Ifrs9Stage[0]);
        Assert.Equal(Severity.None, r.Severity[0]);   // SICR is a staging rule, not a reason
        Assert.Equal(FiveCategory.Normal, r.FiveCategory[0]);
    }

    [Fact]
    public void Sicr_uses_the_configured_ratio()
    {
        var config = EarlyWarningFixtures.Config(new EarlyWarningConfig { SicrPdRatio = 3.0 });
        EarlyWarningResult Stage(double pd) => new EarlyWarningFixtures().Customer("C", pd).Add("C", Fresh)
            .Add(new Account("C", "L1", ProductType.Loan) { OriginationPd = 0.01 }).Evaluate(config);
        Assert.Equal(1, Stage(0.029).Ifrs9Stage[0]);
        Assert.Equal(2, Stage(0.031).Ifrs9Stage[0]);
    }

    [Fact]
    public void Sicr_counts_any_credit_exposure_but_not_deposits()
    {
        Assert.Equal(2, Run(0.1,
            new Account("C", "L1", ProductType.Loan) { OriginationPd = 0.09 },
            new Account("C", "G1", ProductType.Guarantee) { OriginationPd = 0.01 }).Ifrs9Stage[0]);
        Assert.Equal(2, Run(0.1, new Account("C", "O1", ProductType.Overdraft) { OriginationPd = 0.01 }).Ifrs9Stage[0]);
        Assert.Equal(1, Run(0.1, new Account("C", "D1", ProductType.Deposit) { OriginationPd = 0.01 }).Ifrs9Stage[0]);
    }

    [Fact]
    public void Stage_rule_by_hand()
    {
        Assert.Equal(3, Ifrs9Stages.Of(91, Severity.None, false));
        Assert.Equal(2, Ifrs9Stages.Of(31, Severity.None, false));
        Assert.Equal(2, Ifrs9Stages.Of(0, Severity.Warning, false));
        Assert.Equal(2, Ifrs9Stages.Of(0, Severity.Watch, true));
        Assert.Equal(1, Ifrs9Stages.Of(30, Severity.Watch, false));
    }
}
