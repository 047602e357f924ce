using System.Runtime;

namespace Analytics.Pipeline;

/// <summary>
/// Returns memory between the stages of a big run. Reading tens of millions of rows leaves the large-object heap
/// full of dead per-row-group buffers that a generational collector does not compact on its own, so the process
/// keeps gigabytes committed that the next stages add to (1M customers / 50M fee rows peaked at 5.5 GB RSS). One
/// compacting full collection after loading and after scoring gives that space back. Small runs skip it: there
/// the collection would cost more than the memory is worth.
/// </summary>
internal static class MemoryHousekeeping
{
    /// <summary>Heap size above which a compacting collection is worth its pause (a few hundred ms at most).</summary>
    public const long Threshold = 1L << 30;

    public static void CompactIfLarge()
    {
        if (GC.GetGCMemoryInfo().HeapSizeBytes < Threshold)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
