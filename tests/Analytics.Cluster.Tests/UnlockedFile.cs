using System.Runtime.InteropServices;

namespace Analytics.Cluster.Tests;

/// <summary>
/// Reads a file without taking the advisory lock that .NET takes on every <see cref="FileStream"/> on Unix: a test that
/// snoops on files while a run writes them must not make the run's own exclusive opens (<c>FileShare.None</c>) fail
/// with "being used by another process".
/// </summary>
internal static class UnlockedFile
{
    /// <summary>The file's bytes, read with plain <c>open</c>/<c>read</c> on Unix (<see cref="File.ReadAllBytes"/> elsewhere).</summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.ReadAllBytes(path);
        }

        int fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Could not open {path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            using var bytes = new MemoryStream();
            var buffer = new byte[1 << 16];
            while (true)
            {
                nint n = Read(fd, buffer, buffer.Length);
                if (n < 0)
                {
                    throw new IOException($"Could not read {path} (errno {Marshal.GetLastPInvokeError()}).");
                }

                if (n == 0)
                {
                    return bytes.ToArray();
                }

                bytes.Write(buffer, 0, (int)n);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

#pragma warning disable SYSLIB1054 // plain DllImport keeps the test readable
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
