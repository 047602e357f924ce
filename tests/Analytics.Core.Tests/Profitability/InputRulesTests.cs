using Analytics.Core.Data;
using Analytics.Core.Numerics;

namespace Analytics.Tests.Profitability;

/// <summary>
/// The per-row business rules of docs/METHODOLOGY.md §1 and §3.3 that the loaders apply: fx conversion, the fee period,
/// and what a fee or cross-sale adds to its customer's sums. Expected values are worked out by hand.
/// </summary>
public sealed class InputRulesTests
{
    [Fact]
    public void Money_is_converted_at_the_currency_rate()
    {
        // 1,250.50 USD at 7.2 CNY per USD = 9,003.60 CNY.
        Assert.Equal(9003.6, InputRules.ToReporting(1250.5, 7.2), 9);
        Assert.Equal(0, InputRules.OptionalToReporting(double.NaN, 7.2));
        Assert.Equal(720, InputRules.OptionalToReporting(100, 7.2), 9);
        Assert.True(double.IsNaN(InputRules.ToReporting(double.NaN, 7.2)));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(15, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void The_period_includes_both_ends(int day, bool expected) => Assert.Equal(expected, InputRules.InPeriod(day, 10, 20));

    [Fact]
    public void Fees_add_in_fixed_point_and_count_rows()
    {
        // 100.25 + fx(50 at 2) − 40.25 = 160, exactly: amounts of magnitude ≥ 16 convert to fixed point without rounding.
        var sums = default(FeeSums);
        InputRules.AddFee(ref sums, InputRules.FeeAmount(100.25, 1));
        InputRules.AddFee(ref sums, InputRules.FeeAmount(50, 2));
        InputRules.AddFee(ref sums, InputRules.FeeAmount(-40.25, 1));
        Assert.Equal(160.0, ExactSum.ToDouble(sums.Income));
        Assert.Equal(3, sums.Rows);
    }

    [Fact]
    public void A_cross_sale_without_revenue_books_nothing_and_a_line_needs_units()
    {
        var sums = default(CrossSaleSums);
        Assert.False(InputRules.AddCrossSale(ref sums, InputRules.CrossSaleRevenue(double.NaN, 7.2), 0));
        Assert.True(InputRules.AddCrossSale(ref sums, InputRules.CrossSaleRevenue(50, 2), 3));
        Assert.Equal(100.0, ExactSum.ToDouble(sums.Revenue));
        Assert.Equal(3, sums.Units);
    }
}
