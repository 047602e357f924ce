using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

public class FinancialRatiosTests
{
    [Theory]
    [InlineData(1.0, 0.0)]          // zero denominator: null, not +∞
    [InlineData(0.0, 0.0)]          // 0/0: null, not NaN-as-a-number
    [InlineData(1.0, -2.0)]         // negative denominator: null
    [InlineData(double.NaN, 2.0)]   // missing numerator
    [InlineData(1.0, double.NaN)]   // missing denominator
    public void Ratio_is_null_for_missing_or_non_positive_denominator(double numerator, double denominator) =>
        Assert.True(double.IsNaN(FinancialRatios.Ratio(numerator, denominator)));

    [Fact]
    public void Ratio_keeps_negative_numerators()
    {
        Assert.Equal(-0.5, FinancialRatios.Ratio(-1, 2));
        Assert.Equal(0.0, FinancialRatios.Ratio(0, 2));
    }

    [Fact]
    public void Ratios_of_a_statement()
    {
        // ebitda 300 / debt_service 250 = 1.2; ebit 90 / interest 60 = 1.5; total_debt 900 / ebitda 300 = 3;
        // current_assets 150 / current_liabilities 200 = 0.75.
        var data = new EarlyWarningFixtures().Add("C", new Statement(new DateOnly(2025, 12, 31))
        {
            Ebitda = 300, DebtService = 250, Ebit = 90, InterestExpense = 60, TotalDebt = 900,
            CurrentAssets = 150, CurrentLiabilities = 200,
        }).Build();

        Assert.Equal(1.2, FinancialRatios.Dscr(data.Financials, 0));
        Assert.Equal(1.5, FinancialRatios.Icr(data.Financials, 0));
        Assert.Equal(3.0, FinancialRatios.Leverage(data.Financials, 0));
        Assert.Equal(0.75, FinancialRatios.CurrentRatio(data.Financials, 0));
        Assert.True(double.IsNaN(FinancialRatios.AltmanZ(data.Financials, 0)));   // TA, RE, equity, TL missing
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-50.0)]
    public void Leverage_is_null_when_ebitda_is_not_positive(double ebitda)
    {
        var data = new EarlyWarningFixtures().Add("C", new Statement(new DateOnly(2025, 12, 31))
        {
            Ebitda = ebitda, TotalDebt = 100,
            DebtService = 10
        }).Build();
        Assert.True(double.IsNaN(FinancialRatios.Leverage(data.Financials, 0)));
        Assert.Equal(ebitda / 10, FinancialRatios.Dscr(data.Financials, 0));   // DSCR itself stays defined (≤ 0)
    }

    [Fact]
    public void Altman_by_hand()
    {
        // X1 = (500 − 300)/1000 = 0.2, X2 = 200/1000 = 0.2, X3 = 100/1000 = 0.1, X4 = 400/600 = 2/3
        // Z'' = 6.56·0.2 + 3.26·0.2 + 6.72·0.1 + 1.05·2/3 = 1.312 + 0.652 + 0.672 + 0.7 = 3.336
        Assert.Equal(3.336, FinancialRatios.AltmanZ(500, 300, 1000, 200, 100, 400, 600), 12);

        // X1 = (100 − 300)/1000 = −0.2, X2 = −100/1000 = −0.1, X3 = 10/1000 = 0.01, X4 = 100/900
        // Z'' = −1.312 − 0.326 + 0.0672 + 0.11666… = −1.45413333…
        Assert.Equal(-1.312 - 0.326 + 0.0672 + 1.05 / 9, FinancialRatios.AltmanZ(100, 300, 1000, -100, 10, 100, 900), 12);
        Assert.Equal(-1.4541333333333333, FinancialRatios.AltmanZ(100, 300, 1000, -100, 10, 100, 900), 12);
    }

    [Theory]
    [InlineData(0.0, 600.0)]       // TA = 0
    [InlineData(-1.0, 600.0)]      // TA < 0
    [InlineData(1000.0, 0.0)]      // total_liabilities = 0
    [InlineData(1000.0, -5.0)]     // total_liabilities < 0
    [InlineData(double.NaN, 600.0)]
    [InlineData(1000.0, double.NaN)]
    public void Altman_is_null_for_bad_denominators(double totalAssets, double totalLiabilities) =>
        Assert.True(double.IsNaN(FinancialRatios.AltmanZ(500, 300, totalAssets, 200, 100, 400, totalLiabilities)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Altman_is_null_when_any_numerator_is_missing(int missing)
    {
        double[] v = [500, 300, 200, 100, 400];   // CA, CL, RE, EBIT, equity
        v[missing] = double.NaN;
        Assert.True(double.IsNaN(FinancialRatios.AltmanZ(v[0], v[1], 1000, v[2], v[3], v[4], 600)));
    }
}
