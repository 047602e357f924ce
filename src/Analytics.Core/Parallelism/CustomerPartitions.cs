using System.Runtime.ExceptionServices;

namespace Analytics.Core.Parallelism;

/// <summary>
/// Splits customers <c>[0, count)</c> into contiguous ranges and runs a per-customer stage over them on several
/// threads. Per-customer stages write only their own customers' slots, and per-range side tables are merged in
/// range order, so the result is the same for any thread count. When ranges fail, the failure of the lowest range
/// is thrown — the one a single-threaded run (which stops at the first failing customer) would report.
/// </summary>
internal static class CustomerPartitions
{
    /// <summary>Fewer customers than this are not worth a thread.</summary>
    public const int MinimumRange = 4096;

    /// <summary>The number of worker threads meant by a requested count (0 = all cores).</summary>
    public static int Resolve(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        return threads == 0 ? Environment.ProcessorCount : threads;
    }

    /// <summary>
    /// Number of ranges for <paramref name="count"/> customers on <paramref name="threads"/> threads: a few per thread,
    /// so a thread slowed by a busy machine does not hold up the rest, but none smaller than <see cref="MinimumRange"/>.
    /// </summary>
    public static int RangeCount(int count, int threads)
    {
        int workers = Resolve(threads);
        if (workers <= 1 || count <= MinimumRange)
        {
            return 1;
        }

        return (int)Math.Clamp(count / (long)MinimumRange, 1, workers * 4L);
    }

    /// <summary>The customers of range <paramref name="range"/> of <paramref name="ranges"/>.</summary>
    public static (int From, int To) Range(int count, int ranges, int range)
    {
        int from = (int)((long)count * range / ranges);
        int to = (int)((long)count * (range + 1) / ranges);
        return (from, to);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(range, from, to) for each of <paramref name="ranges"/> ranges on up to
    /// <paramref name="threads"/> threads (0 = all cores); inline when there is one range or one thread.
    /// </summary>
    public static void Run(int count, int ranges, int threads, Action<int, int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int workers = Resolve(threads);
        if (ranges <= 1 || workers <= 1)
        {
            for (int r = 0; r < ranges; r++)
            {
                var (from, to) = Range(count, ranges, r);
                body(r, from, to);
            }

            return;
        }

        var failures = new ExceptionDispatchInfo?[ranges];
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = workers }, r =>
        {
            try
            {
                var (from, to) = Range(count, ranges, r);
                body(r, from, to);
            }
            catch (Exception e)
            {
                failures[r] = ExceptionDispatchInfo.Capture(e);
            }
        });

        foreach (var failure in failures)
        {
            failure?.Throw();
        }
    }
}
