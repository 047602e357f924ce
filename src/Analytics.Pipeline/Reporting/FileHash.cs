using System.Buffers;
using System.Security.Cryptography;

namespace Analytics.Pipeline.Reporting;

/// <summary>SHA-256 of files, as lowercase hex.</summary>
public static class FileHash
{
    private const int BufferSize = 1 << 20;

    /// <summary>Hashes the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        // Large sequential reads (1 MiB) keep the system-call count low on the 160 MB of input a run hashes.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
