using Analytics.Core.Configuration;
using Analytics.Core.Segmentation;

namespace Analytics.Tests.Segmentation;

public class TierMigrationTests
{
    private static readonly TierDefinition[] Tiers = [new("strategic", 0.05), new("core", 0.20), new("growth", 0.50), new("basic", 1.0)];

    [Theory]
    [InlineData("core", 0, "up")]
    [InlineData("core", 2, "down")]
    [InlineData("core", 1, "same")]
    [InlineData(null, 1, "new")]
    [InlineData("platinum", 0, "new")]   // a tier the current configuration no longer defines cannot be ranked
    [InlineData("Core", 1, "new")]       // names match exactly (ordinal), as config keys do
    public void ChangeAgainstThePreviousTier(string? previous, int current, string expected)
        => Assert.Equal(expected, TierMigration.Change(previous, current, Tiers));
}
