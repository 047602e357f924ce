using Analytics.Benchmarks;
using Analytics.Benchmarks.Race;
using Analytics.IO.Validation;

namespace Analytics.Tests.Performance;

/// <summary>
/// The inputs and the DuckDB side of the whole-process race (benchmarks/race.sh), at a tiny size: the rewritten files
/// hold the same rows as the generator's, the heavy-tail profile is valid input with more accounts, and the peer
/// process's modes run. No timing.
/// </summary>
public sealed class ProcessRaceDataTests
{
    private const int Customers = 600;

    [Fact]
    public async Task DuckDb_rewritten_files_load_to_the_same_figures_as_the_generated_ones()
    {
        string source = BenchmarkData.Folder(Customers);
        string rewritten = RaceData.Folder(Customers, RaceProfile.DuckDb);
        var config = BenchmarkData.Config(source);
        var original = await PortfolioLoader.LoadAsync(source, config, includeConfidential: false);
        var copy = await PortfolioLoader.LoadAsync(rewritten, BenchmarkData.Config(rewritten), includeConfidential: false);

        for (int t = 0; t < original.Stats.Count; t++)
        {
            Assert.Equal(original.Stats[t].RowsRead, copy.Stats[t].RowsRead);
            Assert.Equal(original.Stats[t].Accepted, copy.Stats[t].Accepted);
        }

        Assert.Equal(FeeTotals.Of(original.Data.Activity), FeeTotals.Of(copy.Data.Activity));
        Assert.Equal(original.Totals, copy.Totals);
    }

    [Fact]
    public async Task Heavy_tail_profile_is_valid_input_with_more_accounts_and_the_same_fees()
    {
        string source = BenchmarkData.Folder(Customers);
        string heavy = RaceData.Folder(Customers, RaceProfile.HeavyTail);
        var original = await PortfolioLoader.LoadAsync(source, BenchmarkData.Config(source), includeConfidential: false);
        var loaded = await PortfolioLoader.LoadAsync(heavy, BenchmarkData.Config(heavy), includeConfidential: false);

        var accounts = loaded.Stats[1];
        Assert.Equal(InputTables.Accounts, accounts.Table);
        // Copies carry new ids and scaled balances stay non-negative, so nothing is rejected that was accepted before.
        Assert.Equal(original.Stats[1].Rejected, accounts.Rejected);
        Assert.True(accounts.RowsRead > original.Stats[1].RowsRead, $"{accounts.RowsRead} accounts, no more than the source's");
        // Each source account appears 1 + extra times, extra ≤ 16.
        Assert.True(accounts.RowsRead <= 17 * original.Stats[1].RowsRead);
        Assert.Equal(FeeTotals.Of(original.Data.Activity), FeeTotals.Of(loaded.Data.Activity));
        Assert.Equal(original.Data.Customers.Count, loaded.Data.Customers.Count);
    }

    [Fact]
    public void Peer_process_modes_run_and_refuse_bad_arguments()
    {
        string folder = RaceData.Folder(Customers, RaceProfile.DuckDb);
        Assert.Equal(0, PeerProcess.Run(["noop"]));
        Assert.Equal(0, PeerProcess.Run(["aggregate", folder]));
        string output = Path.Combine(Path.GetTempPath(), "race-peer-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            Assert.Equal(0, PeerProcess.Run(["parquet", folder, output]));
            Assert.True(new FileInfo(output).Length > 0);
        }
        finally
        {
            File.Delete(output);
        }

        Assert.Equal(2, PeerProcess.Run(["aggregate"]));
        Assert.Equal(2, PeerProcess.Run([]));
    }
}
