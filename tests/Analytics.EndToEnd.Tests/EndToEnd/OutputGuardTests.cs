using Analytics.Core.Errors;
using Analytics.IO.Writing;
using Analytics.Pipeline.Outputs;

namespace Analytics.Tests.EndToEnd;

public sealed class OutputGuardTests
{
    private static OutputTable Table(double value) => new("early_warnings", 2,
    [
        OutputColumn.Text("customer_id", ["C1", "C2"]),
        OutputColumn.Number("dscr", [1.5, value]),
    ]);

    [Fact]
    public void Null_and_finite_values_pass() => OutputGuard.EnsureFinite([Table(double.NaN), Table(-3)], customerIdConfidential: false);

    [Fact]
    public void Infinity_fails_naming_table_column_and_customer()
    {
        var e = Assert.Throws<DataQualityException>(() => OutputGuard.EnsureFinite([Table(double.PositiveInfinity)],
            customerIdConfidential: false));
        Assert.Equal("A figure overflowed: early_warnings.dscr is infinite for customer_id C2; check the input magnitudes.", e.Message);
        Assert.Equal(ErrorKind.DataQuality, e.Kind);
    }

    [Fact]
    public void A_confidential_customer_id_is_replaced_by_the_row()
    {
        var e = Assert.Throws<DataQualityException>(() => OutputGuard.EnsureFinite([Table(double.NegativeInfinity)],
            customerIdConfidential: true));
        Assert.Equal("A figure overflowed: early_warnings.dscr is infinite for row 2; check the input magnitudes.", e.Message);
    }
}
