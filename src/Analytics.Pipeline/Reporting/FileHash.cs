using System.Security.Cryptography;

namespace Analytics.Pipeline.Reporting;

/// <summary>SHA-256 of files, as lowercase hex.</summary>
public static class FileHash
{
    /// <summary>Hashes the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
