using Analytics.Core.Parallelism;

namespace Analytics.Tests.Performance;

[Trait("Speed", "Slow")]
public sealed class CustomerPartitionsTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 4)]
    [InlineData(4095, 4)]
    [InlineData(4096, 4)]
    [InlineData(4097, 4)]
    [InlineData(100_003, 2)]
    [InlineData(100_003, 1)]
    [InlineData(1_000_000, 8)]
    public void Ranges_cover_every_customer_once_in_order(int count, int threads)
    {
        int ranges = CustomerPartitions.RangeCount(count, threads);
        Assert.InRange(ranges, 1, Math.Max(1, threads * 4));
        var seen = new int[count];
        int next = 0;
        for (int r = 0; r < ranges; r++)
        {
            var (from, to) = CustomerPartitions.Range(count, ranges, r);
            Assert.Equal(next, from);
            Assert.True(to >= from);
            next = to;
        }

        Assert.Equal(count, next);
        CustomerPartitions.Run(count, ranges, threads, (_, from, to) =>
        {
            for (int c = from; c < to; c++)
            {
                Interlocked.Increment(ref seen[c]);
            }
        });
        Assert.All(seen, s => Assert.Equal(1, s));
    }

    [Fact]
    public void One_thread_or_few_customers_make_one_range()
    {
        Assert.Equal(1, CustomerPartitions.RangeCount(1_000_000, 1));
        Assert.Equal(1, CustomerPartitions.RangeCount(CustomerPartitions.MinimumRange, 8));
        // 10 × 4096 customers on 2 threads: at most 4 ranges per thread.
        Assert.Equal(8, CustomerPartitions.RangeCount(10 * CustomerPartitions.MinimumRange, 2));
    }

    [Fact]
    public void The_failure_of_the_lowest_range_is_thrown_whatever_finishes_first()
    {
        int count = 64 * CustomerPartitions.MinimumRange;
        int ranges = CustomerPartitions.RangeCount(count, 4);
        var e = Assert.Throws<InvalidOperationException>(() => CustomerPartitions.Run(count, ranges, 4, (range, _, _) =>
        {
            if (range == ranges - 1)
            {
                throw new InvalidOperationException("last");
            }

            if (range == 3)
            {
                Thread.Sleep(50); // finishes after the last range failed
                throw new InvalidOperationException("range 3");
            }
        }));
        Assert.Equal("range 3", e.Message);
    }

    [Fact]
    public void Zero_threads_means_every_core_and_negative_is_refused()
    {
        Assert.Equal(Environment.ProcessorCount, CustomerPartitions.Resolve(0));
        Assert.Equal(3, CustomerPartitions.Resolve(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerPartitions.Resolve(-1));
    }
}
