using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

public class ReasonCodeTests
{
    [Fact]
    public void All_lists_seventeen_distinct_codes_in_ordinal_order()
    {
        Assert.Equal(17, ReasonCode.All.Count);
        Assert.Equal(ReasonCode.Count, ReasonCode.All.Count);
        Assert.Equal(ReasonCode.All.Order(StringComparer.Ordinal), ReasonCode.All);
        Assert.Equal(ReasonCode.All.Count, ReasonCode.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_follow_the_ordinal_order_of_the_codes()
    {
        // Ids are derived by sorting the definitions; nothing is numbered by hand.
        ReasonDefinition[] byId = ReasonCode.InIdOrder();
        Assert.Equal(ReasonCode.All, byId.Select(d => d.Code));
        Assert.Equal(ReasonCode.All, ReasonCode.Definitions.Select(d => d.Code).Order(StringComparer.Ordinal));
        for (int i = 0; i < byId.Length; i++)
        {
            Assert.Equal(ReasonCode.SeverityOf(ReasonCode.All[i]), byId[i].Severity);
        }
    }

    [Theory]
    [InlineData("DSCR_LOW", Severity.Warning)]
    [InlineData("ICR_LOW", Severity.Warning)]
    [InlineData("CURRENT_RATIO_LOW", Severity.Warning)]
    [InlineData("LEVERAGE_HIGH", Severity.Warning)]
    [InlineData("NEGATIVE_EBITDA", Severity.Warning)]
    [InlineData("ALTMAN_GREY", Severity.Watch)]
    [InlineData("ALTMAN_DISTRESS", Severity.Warning)]
    [InlineData("DSCR_DECLINING", Severity.Watch)]
    [InlineData("REVENUE_DECLINING", Severity.Watch)]
    [InlineData("LEVERAGE_RISING", Severity.Watch)]
    [InlineData("STALE_FINANCIALS", Severity.Watch)]
    [InlineData("DPD_1", Severity.Watch)]
    [InlineData("DPD_30", Severity.Warning)]
    [InlineData("DPD_90", Severity.Critical)]
    [InlineData("INTEREST_ARREARS", Severity.Warning)]
    [InlineData("HIGH_UTILIZATION", Severity.Watch)]
    [InlineData("DEPOSIT_OUTFLOW", Severity.Watch)]
    public void Severity_follows_the_methodology_table(string code, Severity expected) =>
        Assert.Equal(expected, ReasonCode.SeverityOf(code));

    [Fact]
    public void Unknown_code_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ReasonCode.SeverityOf("DSCR_HIGH"));
        Assert.StartsWith("'DSCR_HIGH' is not an early-warning reason code.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_names_match_the_output_contract()
    {
        Assert.Equal("none", Severities.Name(Severity.None));
        Assert.Equal("watch", Severities.Name(Severity.Watch));
        Assert.Equal("warning", Severities.Name(Severity.Warning));
        Assert.Equal("critical", Severities.Name(Severity.Critical));
        Assert.Equal("normal", FiveCategories.Name(FiveCategory.Normal));
        Assert.Equal("special_mention", FiveCategories.Name(FiveCategory.SpecialMention));
        Assert.Equal("substandard", FiveCategories.Name(FiveCategory.Substandard));
        Assert.Equal("doubtful", FiveCategories.Name(FiveCategory.Doubtful));
        Assert.Equal("loss", FiveCategories.Name(FiveCategory.Loss));
    }
}
