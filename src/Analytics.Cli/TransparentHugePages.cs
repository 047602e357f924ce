using System.Globalization;
using System.Runtime.InteropServices;

namespace Analytics.Cli;

/// <summary>
/// Asks Linux to back the garbage collector's heap with transparent huge pages (2 MiB) when the machine leaves that
/// to each program (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> is <c>[madvise]</c>, the common default).
/// </summary>
/// <remarks>
/// A scoring run fills fresh arrays of hundreds of megabytes. With 4 KiB pages every page costs one fault, and on a
/// virtual machine a fault costs microseconds: ≈ 125,000 faults and a fifth of the CPU of a run at 200,000 customers.
/// The runtime has no setting for huge pages short of reserved hugetlbfs memory, so this finds the address range the
/// collector reserved at start-up (the run of adjacent anonymous mappings around a fresh object) and advises it, as
/// JVMs do with <c>-XX:+UseTransparentHugePages</c>. The advice changes which pages back the memory, never its
/// contents. Best effort: anything unexpected leaves the process as it was. <c>ANALYTICS_HUGE_PAGES=0</c> turns it
/// off. See docs/PERFORMANCE.md, "Fixed costs of a cold process".
/// </remarks>
internal static class TransparentHugePages
{
    /// <summary>The environment variable that turns the advice off when set to <c>0</c>.</summary>
    internal const string Switch = "ANALYTICS_HUGE_PAGES";

    private const int MadvHugePage = 14;

    /// <summary>Advises the collector's reserved range; true when the kernel accepted the advice.</summary>
    public static bool AdviseHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Switch) == "0")
        {
            return false;
        }

        try
        {
            // "always" needs no advice and "never" refuses it.
            if (!File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal)
                || HeapRange(File.ReadLines("/proc/self/maps")) is not (ulong start, ulong end))
            {
                return false;
            }

            return Madvise((nint)start, (nuint)(end - start), MadvHugePage) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException
                                       or EntryPointNotFoundException or FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The collector's reserved range in <c>/proc/self/maps</c>: the anonymous run around a fresh object.</summary>
    internal static (ulong Start, ulong End)? HeapRange(IEnumerable<string> maps)
    {
        var probe = new byte[64];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        try
        {
            return AnonymousRun(maps, (ulong)handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>
    /// The run of adjacent anonymous mappings (inode 0, no path) in a <c>/proc/PID/maps</c> listing that contains
    /// <paramref name="address"/>, or null when no anonymous mapping contains it.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousRun(IEnumerable<string> maps, ulong address)
    {
        ulong runStart = 0, runEnd = 0;
        bool inRun = false, found = false;
        foreach (string line in maps)
        {
            // "start-end perms offset dev inode [path]"
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5)
            {
                continue;
            }

            int dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            ulong start = ulong.Parse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            ulong end = ulong.Parse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            bool anonymous = fields[4] == "0" && (fields.Length == 5 || string.IsNullOrWhiteSpace(fields[5]));
            if (!anonymous || !inRun || start != runEnd)
            {
                if (found)
                {
                    break;
                }

                inRun = anonymous;
                runStart = start;
            }

            runEnd = end;
            found |= anonymous && address >= start && address < end;
        }

        return found ? (runStart, runEnd) : null;
    }

#pragma warning disable SYSLIB1054 // plain DllImport: one call at start-up, blittable arguments
    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054
}
