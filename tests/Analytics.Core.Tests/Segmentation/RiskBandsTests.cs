using Analytics.Core.Configuration;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Segmentation;

namespace Analytics.Tests.Segmentation;

public class RiskBandsTests
{
    private static RiskBandDefinition[] Bands(int n) => n switch
    {
        2 => [new("low", 0.01), new("high", 0.5)],
        3 => [new("low", 0.005), new("medium", 0.03), new("high", 1.0)],
        4 => [new("a", 0.001), new("b", 0.01), new("c", 0.05), new("d", 0.5)],
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    [Theory]
    [InlineData(0.0003, 0)]
    [InlineData(0.005, 0)]   // exactly max_pd stays in the band
    [InlineData(0.00500001, 1)]
    [InlineData(0.03, 1)]
    [InlineData(0.5, 2)]
    [InlineData(1.0, 2)]
    public void FirstBandWhosePdBoundIsNotExceeded(double pd, int expected)
        => Assert.Equal(expected, RiskBands.Assign(pd, Severity.None, Bands(3)));

    [Fact]
    public void PdAboveEveryBoundTakesTheLastBand()
    {
        // The last band ends at 0.5 here, below a PD of 0.9.
        Assert.Equal(1, RiskBands.Assign(0.9, Severity.None, Bands(2)));
        Assert.Equal(3, RiskBands.Assign(0.9, Severity.None, Bands(4)));
    }

    // Middle band = ⌊n/2⌋: n = 2 → 1, n = 3 → 1, n = 4 → 2. Critical → n − 1. Watch never moves the band.
    [Theory]
    [InlineData(2, 0.001, 0, 0, 1, 1)]
    [InlineData(2, 0.2, 1, 1, 1, 1)]
    [InlineData(3, 0.001, 0, 0, 1, 2)]
    [InlineData(3, 0.02, 1, 1, 1, 2)]
    [InlineData(3, 0.2, 2, 2, 2, 2)]
    [InlineData(4, 0.0005, 0, 0, 2, 3)]
    [InlineData(4, 0.005, 1, 1, 2, 3)]
    [InlineData(4, 0.02, 2, 2, 2, 3)]
    [InlineData(4, 0.3, 3, 3, 3, 3)]
    public void SeverityRaisesTheBand(int bands, double pd, int none, int watch, int warning, int critical)
    {
        var b = Bands(bands);
        Assert.Equal(none, RiskBands.Assign(pd, Severity.None, b));
        Assert.Equal(watch, RiskBands.Assign(pd, Severity.Watch, b));
        Assert.Equal(warning, RiskBands.Assign(pd, Severity.Warning, b));
        Assert.Equal(critical, RiskBands.Assign(pd, Severity.Critical, b));
    }

    [Fact]
    public void OneBandTakesEveryone()
    {
        RiskBandDefinition[] one = [new("all", 1.0)];
        Assert.Equal(0, RiskBands.Assign(0.5, Severity.Warning, one));
        Assert.Equal(0, RiskBands.Assign(0.5, Severity.Critical, one));
    }

    [Fact]
    public void EmptySeverityMeansNoneAndAMismatchIsRejected()
    {
        Assert.Equal([0, 2], RiskBands.Assign([0.001, 0.9], [], Bands(3)));
        Assert.Equal([1, 2], RiskBands.Assign([0.001, 0.001], [Severity.Warning, Severity.Critical], Bands(3)));
        var error = Assert.Throws<ArgumentException>(() => RiskBands.Assign([0.001, 0.9], [Severity.None], Bands(3)));
        Assert.StartsWith("Expected 2 severities (or none), got 1.", error.Message, StringComparison.Ordinal);
    }
}
