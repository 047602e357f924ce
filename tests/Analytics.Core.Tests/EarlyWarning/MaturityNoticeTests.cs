using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

public class MaturityNoticeTests
{
    private static readonly DateOnly AsOf = EarlyWarningFixtures.AsOf;   // 2026-10-31

    private static Account Loan(string customer, string id, DateOnly? maturity, ProductType type = ProductType.Loan) =>
        new(customer, id, type) { Maturity = maturity, EndBalance = 1000, Arrears = 25 };

    [Fact]
    public void Window_is_after_as_of_up_to_and_including_notice_days()
    {
        var fixtures = new EarlyWarningFixtures()
            .Add(Loan("C", "L0", AsOf))                    // as_of itself: excluded
            .Add(Loan("C", "L1", AsOf.AddDays(1)))         // included
            .Add(Loan("C", "L30", AsOf.AddDays(30)))       // as_of + 30: included
            .Add(Loan("C", "L31", AsOf.AddDays(31)))       // as_of + 31: excluded
            .Add(Loan("C", "LPAST", AsOf.AddDays(-5)))     // already matured: excluded
            .Add(Loan("C", "LNONE", null))                 // non-maturity: excluded
            .Add(Loan("C", "O1", AsOf.AddDays(10), ProductType.Overdraft))
            .Add(Loan("C", "G1", AsOf.AddDays(10), ProductType.Guarantee))
            .Add(Loan("C", "D1", AsOf.AddDays(10), ProductType.Deposit));
        PortfolioData data = fixtures.Build();
        var notices = EarlyWarningRules.Evaluate(data, EarlyWarningFixtures.Config()).MaturityNotices;

        Assert.Equal(["L1", "L30"], notices.Account.Select(a => data.Accounts.AccountId[a]));
        Assert.Equal([AsOf.AddDays(1).DayNumber, AsOf.AddDays(30).DayNumber], notices.MaturityDate);
        Assert.Equal([1025.0, 1025.0], notices.AmountDue);   // end 1000 + arrears 25
        Assert.Equal([0, 0], notices.Customer);
    }

    [Fact]
    public void Notice_days_come_from_config()
    {
        var fixtures = new EarlyWarningFixtures().Add(Loan("C", "L1", AsOf.AddDays(31)));
        var config = EarlyWarningFixtures.Config(new EarlyWarningConfig { MaturityNoticeDays = 31 });
        Assert.Equal(1, fixtures.Evaluate(config).MaturityNotices.Count);
        Assert.Equal(0, fixtures.Evaluate().MaturityNotices.Count);
    }

    [Fact]
    public void Notices_are_sorted_by_customer_then_account_id()
    {
        var fixtures = new EarlyWarningFixtures()
            .Add(Loan("B", "B2", AsOf.AddDays(3)))
            .Add(Loan("A", "A9", AsOf.AddDays(20)))
            .Add(Loan("B", "B1", AsOf.AddDays(5)))
            .Add(Loan("A", "A10", AsOf.AddDays(2)));
        PortfolioData data = fixtures.Build();
        var notices = EarlyWarningRules.Evaluate(data, EarlyWarningFixtures.Config()).MaturityNotices;
        Assert.Equal([0, 0, 1, 1], notices.Customer);
        Assert.Equal(["A10", "A9", "B1", "B2"], notices.Account.Select(a => data.Accounts.AccountId[a]));
    }
}
