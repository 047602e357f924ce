using System.Buffers;
using System.Text.Unicode;

namespace Analytics.IO.Reading;

/// <summary>
/// Finds where a file stops being valid UTF-8. The CSV reader decodes in 64 KiB blocks, so when its decoder fails
/// the record being parsed can be far from the bad bytes; this second pass, run only on that error path, names the
/// exact line (1-based, counting '\n'; the CSV header is line 1).
/// </summary>
internal static class Utf8Locator
{
    /// <summary>The line holding the first invalid UTF-8 sequence, or null when none is found (the file changed, or cannot be
    /// read).</summary>
    public static long? FirstInvalidLine(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
                FileOptions.SequentialScan);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            char[] chars = ArrayPool<char>.Shared.Rent(1 << 16);
            try
            {
                long line = 1;
                int carried = 0;
                while (true)
                {
                    int read = stream.Read(buffer, carried, (1 << 16) - carried);
                    int length = carried + read;
                    bool final = read == 0;
                    var status = Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out int consumed, out _, replaceInvalidSequences: false,
                        isFinalBlock: final);
                    line += buffer.AsSpan(0, consumed).Count((byte)'\n');
                    if (status == OperationStatus.InvalidData)
                    {
                        return line;
                    }

                    if (final)
                    {
                        return null;
                    }

                    // NeedMoreData: keep the incomplete sequence at the end for the next block.
                    carried = length - consumed;
                    buffer.AsSpan(consumed, carried).CopyTo(buffer);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                ArrayPool<char>.Shared.Return(chars);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
