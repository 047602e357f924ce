using System.Collections.Concurrent;
using Analytics.Pipeline.Outputs;

namespace Analytics.Tests.Writing;

/// <summary>The output stage's work runner: every item runs once, and a failure is reported as one thread would report it.</summary>
public sealed class OrderedWorkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Every_item_runs_once(int threads)
    {
        var ran = new ConcurrentBag<int>();
        var items = Enumerable.Range(0, 100).Select(i => (Action)(() => ran.Add(i))).ToList();
        OrderedWork.Run(items, threads, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100), ran.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_earliest_failure_wins_whatever_the_thread_count(int threads)
    {
        // Item 3 fails slowly, item 5 at once: with several threads 5 fails first in time, yet 3 is reported.
        var items = Enumerable.Range(0, 10).Select(i => (Action)(() =>
        {
            if (i == 3)
            {
                Thread.Sleep(100);
                throw new IOException("item 3");
            }

            if (i == 5) throw new IOException("item 5");
        })).ToList();
        var e = Assert.Throws<IOException>(() => OrderedWork.Run(items, threads, CancellationToken.None));
        Assert.Equal("item 3", e.Message);
    }

    [Fact]
    public void No_item_starts_after_a_failure_on_one_thread()
    {
        var ran = new List<int>();
        var items = Enumerable.Range(0, 10).Select(i => (Action)(() =>
        {
            ran.Add(i);
            if (i == 2) throw new InvalidOperationException("stop");
        })).ToList();
        Assert.Throws<InvalidOperationException>(() => OrderedWork.Run(items, 1, CancellationToken.None));
        Assert.Equal([0, 1, 2], ran);
    }

    [Fact]
    public void Cancellation_stops_the_work()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        int ran = 0;
        var items = Enumerable.Range(0, 10).Select(_ => (Action)(() => Interlocked.Increment(ref ran))).ToList();
        Assert.ThrowsAny<OperationCanceledException>(() => OrderedWork.Run(items, 2, cts.Token));
        Assert.Equal(0, ran);
    }
}
