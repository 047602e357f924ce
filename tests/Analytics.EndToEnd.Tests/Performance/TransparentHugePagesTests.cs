using Analytics.Cli;

namespace Analytics.Tests.Performance;

/// <summary>
/// The command line's huge-page advice (docs/PERFORMANCE.md): which mappings it takes for the collector's range, and
/// that on Linux in <c>madvise</c> mode the kernel really flags the range that holds new objects.
/// </summary>
public sealed class TransparentHugePagesTests
{
    private static readonly string[] Maps =
    [
        "55e347d4a000-55e347d4c000 r--p 00000000 08:01 1234567                    /usr/bin/dotnet",
        "7f43aed8a000-7f43b0000000 ---p 00000000 00:00 0 ",
        "7f43b0000000-7f43b0400000 rw-p 00000000 00:00 0 ",
        "7f43b0400000-7f4f78000000 ---p 00000000 00:00 0",
        "7f4f78000000-7f4f78021000 r--p 00000000 08:01 42                         /usr/lib/libc.so.6",
        "7f4f78021000-7f4f79000000 rw-p 00000000 00:00 0 ",
        "7f4f79100000-7f4f79200000 rw-p 00000000 00:00 0 ",
        "7ffca6180000-7ffca61a2000 rw-p 00000000 00:00 0                          [stack]",
    ];

    [Fact]
    public void Takes_the_whole_run_of_adjacent_anonymous_mappings_around_the_address()
    {
        Assert.Equal((0x7f43aed8a000UL, 0x7f4f78000000UL), TransparentHugePages.AnonymousRun(Maps, 0x7f43b0001234));
        Assert.Equal((0x7f43aed8a000UL, 0x7f4f78000000UL), TransparentHugePages.AnonymousRun(Maps, 0x7f43aed8a000));
        Assert.Equal((0x7f43aed8a000UL, 0x7f4f78000000UL), TransparentHugePages.AnonymousRun(Maps, 0x7f4f77ffffff));
    }

    [Fact]
    public void A_gap_or_a_file_mapping_ends_the_run()
    {
        // After libc: one anonymous mapping, then a gap (…79000000 to …79100000) before the next.
        Assert.Equal((0x7f4f78021000UL, 0x7f4f79000000UL), TransparentHugePages.AnonymousRun(Maps, 0x7f4f78021000));
        Assert.Equal((0x7f4f79100000UL, 0x7f4f79200000UL), TransparentHugePages.AnonymousRun(Maps, 0x7f4f791fffff));
    }

    [Fact]
    public void Named_and_file_mappings_and_unmapped_addresses_give_no_range()
    {
        Assert.Null(TransparentHugePages.AnonymousRun(Maps, 0x55e347d4b000)); // the executable
        Assert.Null(TransparentHugePages.AnonymousRun(Maps, 0x7ffca6190000)); // [stack] has a name
        Assert.Null(TransparentHugePages.AnonymousRun(Maps, 0x7f4f79050000)); // the gap
        Assert.Null(TransparentHugePages.AnonymousRun(Maps, 0x7f4f78000000)); // libc itself
        Assert.Null(TransparentHugePages.AnonymousRun([], 0x7f43b0001234));
    }

    [Fact]
    public void On_linux_in_madvise_mode_the_heap_range_is_flagged_for_huge_pages()
    {
        const string mode = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(mode) || !File.ReadAllText(mode).Contains("[madvise]", StringComparison.Ordinal)
            || Environment.GetEnvironmentVariable(TransparentHugePages.Switch) == "0")
        {
            Assert.False(TransparentHugePages.AdviseHeap());
            return;
        }

        Assert.True(TransparentHugePages.AdviseHeap());
        var range = TransparentHugePages.HeapRange(File.ReadLines("/proc/self/maps"));
        Assert.NotNull(range);

        // smaps lists each mapping's flags; "hg" is the huge-page advice. Every mapping of the range carries it.
        int advised = 0, inRange = 0;
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), System.Globalization.NumberStyles.AllowHexSpecifier,
                    System.Globalization.CultureInfo.InvariantCulture, out ulong start))
            {
                inside = start >= range.Value.Start && start < range.Value.End;
                if (inside) inRange++;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal) && line.Contains(" hg", StringComparison.Ordinal))
            {
                advised++;
            }
        }

        Assert.True(inRange > 0);
        Assert.True(advised >= inRange / 2, $"{advised} of {inRange} mappings of the heap range flagged hg");
    }
}
