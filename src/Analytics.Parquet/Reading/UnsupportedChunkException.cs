namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// A column chunk uses a page encoding that <see cref="ParquetChunkDecoder"/> does not decode although its metadata
/// did not say so; the reader then reads that chunk through Parquet.Net instead. Never reaches users.
/// </summary>
internal sealed class UnsupportedChunkException : Exception
{
    public UnsupportedChunkException()
        : base("The column chunk uses an encoding the direct decoder does not read.")
    {
    }
}
