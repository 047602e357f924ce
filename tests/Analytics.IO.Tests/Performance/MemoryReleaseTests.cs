using Analytics.Core.Data;
using Analytics.IO.Validation;

namespace Analytics.Tests.Performance;

public class MemoryReleaseTests
{
    [Fact]
    public void TakeGathersTheStagedColumnAndLetsTheSlotGo()
    {
        // Staged rows 0..4, accepted in the order 3, 0, 4 (row 1 and 2 rejected): the column is (40, 10, 50).
        double[][] slots = [[10, 20, 30, 40, 50], [1, 2, 3, 4, 5]];

        var column = StagedOrder.Take(slots, 0, [3, 0, 4], 3, identity: false);

        Assert.Equal([40, 10, 50], column);
        Assert.Empty(slots[0]);
        Assert.Equal([1, 2, 3, 4, 5], slots[1]);
    }

    [Fact]
    public void TakeOfTheIdentityOrderHandsOverTheStagedArray()
    {
        var staged = new[] { 1, 2, 3 };
        int[][] slots = [staged];

        var column = StagedOrder.Take(slots, 0, [0, 1, 2], 3, identity: true);

        Assert.Same(staged, column);
        Assert.Empty(slots[0]);
    }

    [Fact]
    public void AStatementTableWithoutStatementsKeepsItsShape()
    {
        // Three customers, no statements: offsets 0, 0, 0, 0 and thirteen empty item columns.
        var table = FinancialTable.Without(3);

        Assert.Equal(0, table.Count);
        Assert.Equal([0, 0, 0, 0], table.CustomerStart);
        Assert.Equal(FinancialTable.ItemCount, table.Items.Length);
        Assert.All(table.Items, Assert.Empty);
    }
}
