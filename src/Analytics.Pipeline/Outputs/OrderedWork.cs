using System.Runtime.ExceptionServices;

namespace Analytics.Pipeline.Outputs;

/// <summary>
/// Runs independent work items on up to N threads, handing them out strictly in list order. When items fail, no
/// later item is started and the failure of the earliest item is rethrown: every item before it had already been
/// handed out, so the error reported is the one a single thread would report, whatever the thread count.
/// </summary>
internal static class OrderedWork
{
    /// <summary>Runs <paramref name="items"/> on up to <paramref name="threads"/> threads (the caller's included).</summary>
    public static void Run(IReadOnlyList<Action> items, int threads, CancellationToken cancellationToken)
    {
        int next = -1;
        int failedAt = int.MaxValue;
        ExceptionDispatchInfo? failure = null;
        var gate = new object();

        void Worker()
        {
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= items.Count || Volatile.Read(ref failedAt) < i)
                {
                    return;
                }

                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    items[i]();
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        if (i < failedAt)
                        {
                            failedAt = i;
                            failure = ExceptionDispatchInfo.Capture(e);
                        }
                    }

                    return;
                }
            }
        }

        int helpers = Math.Clamp(threads, 1, Math.Max(1, items.Count)) - 1;
        var tasks = new Task[helpers];
        for (int t = 0; t < helpers; t++)
        {
            tasks[t] = Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Worker();
        Task.WaitAll(tasks);
        failure?.Throw();
    }
}
