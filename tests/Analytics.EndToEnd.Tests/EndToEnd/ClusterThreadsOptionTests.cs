using Analytics.Cli;
using Analytics.Cli.Commands;

namespace Analytics.Tests.EndToEnd;

/// <summary><c>--threads</c> on <c>worker</c> and <c>cluster-score</c>: threads per partition task.</summary>
public sealed class ClusterThreadsOptionTests
{
    [Fact]
    public async Task A_negative_worker_thread_count_is_one_sentence_before_anything_starts()
    {
        var (exit, stdout, stderr) = await RunHarness.Run(
            "worker", "--membership", "localhost:11111", "--port", "11111", "--gateway", "11112", "--threads", "-1");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("--threads must be 0 (all cores) or a positive number.", stderr.Trim());
    }

    [Fact]
    public async Task A_negative_coordinator_thread_count_is_one_sentence_before_anything_starts()
    {
        var (exit, stdout, stderr) = await RunHarness.Run(
            "cluster-score", "--membership", "localhost:11111", "--input", "in", "--config", "c.yaml", "--output", "out",
            "--threads", "-1");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("--threads must be 0 (each worker's own --threads) or a positive number.", stderr.Trim());
    }

    [Fact]
    public void Both_commands_take_a_thread_count()
    {
        var context = new CommandContext(TextWriter.Null, TextWriter.Null);
        var worker = WorkerCommand.Create(context).Parse(["--membership", "localhost:11111", "--port", "11111", "--gateway", "11112",
            "--threads", "4"]);
        var coordinator = ClusterScoreCommand.Create(context).Parse(["--membership", "localhost:11111", "--input", "in", "--config",
            "c.yaml", "--output", "out", "--threads", "2"]);

        Assert.Empty(worker.Errors);
        Assert.Empty(coordinator.Errors);
        Assert.Equal(4, worker.GetValue<int>("--threads"));
        Assert.Equal(2, coordinator.GetValue<int>("--threads"));
    }
}
