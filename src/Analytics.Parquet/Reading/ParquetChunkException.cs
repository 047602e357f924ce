namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// A column chunk that no reader may read as it stands: an encoding not valid for the column's physical type, a
/// codec the engine does not decompress, or a page that does not decode to the number of values its header
/// promises. Unlike <see cref="UnsupportedChunkException"/> it is never handed to Parquet.Net (which, for some of
/// these, would return wrong numbers without an error). <see cref="Reason"/> completes the sentence "column 'x' in
/// row group 1 of 2 …" and names the encoding or codec; it never quotes a value.
/// </summary>
internal sealed class ParquetChunkException : Exception
{
    public ParquetChunkException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, as the end of a sentence about the column: "uses the RLE encoding, which …".</summary>
    public string Reason { get; }
}
