using System.Globalization;

namespace Analytics.Pipeline.Publishing;

/// <summary>
/// Recognises "no space left on the device" among I/O failures and measures what is free, so that a full disk is
/// reported as what it is — with the path and the free space — rather than as an internal error.
/// </summary>
public static class DiskSpace
{
    // Unix reports errno ENOSPC (28) as the IOException's HResult; Windows reports ERROR_DISK_FULL (0x70) or
    // ERROR_HANDLE_DISK_FULL (0x27) inside an HRESULT of facility Win32 (0x8007xxxx).
    private const int Enospc = 28;
    private const int Win32DiskFull = unchecked((int)0x80070070);
    private const int Win32HandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The disk-full <see cref="IOException"/> in <paramref name="e"/>, its inner exceptions or an aggregate's; null when there is none.</summary>
    public static IOException? FindFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException io && IsFull(io))
            {
                return io;
            }

            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (FindFull(inner) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="e"/> says the device has no space left.</summary>
    public static bool IsFull(IOException e) =>
        e.HResult is Win32DiskFull or Win32HandleDiskFull || (!OperatingSystem.IsWindows() && e.HResult == Enospc)
        // A FileStream created with a preallocation size reports ENOSPC with the generic I/O HResult and only says
        // so in its (English: the build ships no other resources) message.
        || e.Message.Contains("because the disk was full", StringComparison.Ordinal);

    /// <summary>Free bytes for an unprivileged writer on the device holding <paramref name="path"/> (or its nearest existing parent); null when unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            string? dir = Path.GetFullPath(path);
            while (dir is not null && !Directory.Exists(dir))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir is null ? null : new DriveInfo(dir).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Bytes in words a person reads at a glance: 0 bytes, 12 KiB, 3.4 MiB, 1.2 GiB.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
    };
}
