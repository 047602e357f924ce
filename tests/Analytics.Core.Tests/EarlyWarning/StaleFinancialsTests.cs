using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

public class StaleFinancialsTests
{
    private static Account Loan(string customer) => new(customer, customer + "-L", ProductType.Loan) { EndBalance = 10, Limit = 100 };

    private static EarlyWarningResult Run(DateOnly? statementDate, DateOnly asOf, int staleMonths, ProductType type = ProductType.Loan)
    {
        var fixtures = new EarlyWarningFixtures().Add(new Account("C", "A1", type) { EndBalance = 10, Limit = 100 });
        if (statementDate is { } d)
        {
            fixtures.Add("C", Statement.Healthy(d));
        }

        return fixtures.Evaluate(EarlyWarningFixtures.Config(new EarlyWarningConfig { StaleMonths = staleMonths }, asOf));
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-29", 0)]   // counting back from 2024-02-29 one month is 2024-01-29 < 01-31
    [InlineData("2024-01-31", "2024-03-31", 2)]
    [InlineData("2024-01-15", "2024-02-14", 0)]
    [InlineData("2024-01-15", "2024-02-15", 1)]
    [InlineData("2023-11-30", "2024-02-29", 2)]
    [InlineData("2025-10-31", "2026-10-31", 12)]
    [InlineData("2025-07-30", "2026-10-31", 15)]
    [InlineData("2025-07-31", "2026-10-31", 15)]
    [InlineData("2025-08-01", "2026-10-31", 14)]
    [InlineData("2026-10-31", "2026-10-31", 0)]
    public void Whole_months_count_back_from_as_of(string from, string to, int expected) =>
        Assert.Equal(expected, CalendarMonths.WholeMonths(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Statement_exactly_stale_months_old_is_not_stale()
    {
        // as_of 2026-10-31 − 15 months = 2025-07-31: a statement of that day is not "before" it.
        var r = Run(new DateOnly(2025, 7, 31), EarlyWarningFixtures.AsOf, 15);
        Assert.Empty(r.ReasonsOf(0));
    }

    [Fact]
    public void Statement_one_day_older_is_stale_with_whole_months_as_evidence()
    {
        // 2025-07-30 < 2025-07-31: stale; whole months 2025-07-30 → 2026-10-31 = 15.
        var r = Run(new DateOnly(2025, 7, 30), EarlyWarningFixtures.AsOf, 15);
        Assert.Equal([new ReasonRow("STALE_FINANCIALS", Severity.Watch, 15, 15)], r.ReasonsOf(0));
        Assert.Equal(Severity.Watch, r.Severity[0]);
        Assert.Equal(FiveCategory.Normal, r.FiveCategory[0]);   // watch does not raise the category
        Assert.Equal(1, r.Ifrs9Stage[0]);
    }

    [Fact]
    public void Much_older_statement_reports_its_age()
    {
        // 2023-01-15 → 2026-10-31: 45 months (2026-10-31 − 45 months = 2023-01-31 ≥ 2023-01-15).
        var r = Run(new DateOnly(2023, 1, 15), EarlyWarningFixtures.AsOf, 15);
        Assert.Equal(45, r.Reason(0, "STALE_FINANCIALS")!.Value);
    }

    [Fact]
    public void Borrower_without_any_statement_is_stale_with_null_value()
    {
        var row = Run(null, EarlyWarningFixtures.AsOf, 15).Reason(0, "STALE_FINANCIALS");
        Assert.NotNull(row);
        Assert.True(double.IsNaN(row.Value));
        Assert.Equal(15, row.Threshold);
    }

    [Theory]
    [InlineData(ProductType.Overdraft)]
    [InlineData(ProductType.Guarantee)]
    public void Overdrafts_and_guarantees_make_a_borrower(ProductType type) =>
        Assert.NotNull(Run(null, EarlyWarningFixtures.AsOf, 15, type).Reason(0, "STALE_FINANCIALS"));

    [Fact]
    public void Non_borrowers_are_never_stale()
    {
        // Deposit-only customer with an ancient statement, and a customer with no accounts and no statement.
        var r = new EarlyWarningFixtures()
            .Add(new Account("D", "D1", ProductType.Deposit) { AverageBalance = 100 })
            .Add("D", Statement.Healthy(new DateOnly(2015, 1, 1)))
            .Customer("E")
            .Evaluate();
        Assert.Empty(r.Reasons.Customer);
    }

    [Fact]
    public void Month_end_cut_off_clamps_like_AddMonths()
    {
        // as_of 2026-02-28 − 15 months = 2024-11-28.
        var asOf = new DateOnly(2026, 2, 28);
        Assert.Empty(Run(new DateOnly(2024, 11, 28), asOf, 15).ReasonsOf(0));
        Assert.Empty(Run(new DateOnly(2024, 11, 30), asOf, 15).ReasonsOf(0));
        Assert.Equal(15, Run(new DateOnly(2024, 11, 27), asOf, 15).Reason(0, "STALE_FINANCIALS")!.Value);

        // as_of 2026-03-31 − 1 month = 2026-02-28 (clamped).
        var endOfMarch = new DateOnly(2026, 3, 31);
        Assert.Empty(Run(new DateOnly(2026, 2, 28), endOfMarch, 1).ReasonsOf(0));
        Assert.Equal(1, Run(new DateOnly(2026, 2, 27), endOfMarch, 1).Reason(0, "STALE_FINANCIALS")!.Value);
    }

    [Fact]
    public void Staleness_uses_the_latest_statement()
    {
        var r = new EarlyWarningFixtures()
            .Add(Loan("C"))
            .Add("C", Statement.Healthy(new DateOnly(2020, 12, 31)), Statement.Healthy(new DateOnly(2025, 12, 31)))
            .Evaluate();
        Assert.Empty(r.ReasonsOf(0));
    }
}
