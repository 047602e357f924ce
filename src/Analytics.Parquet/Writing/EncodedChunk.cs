namespace Analytics.ParquetFormat.Writing;

/// <summary>Parquet physical types used by the output tables (values of the format's Type enum).</summary>
internal enum ParquetPhysicalType
{
    Int32 = 1,
    Int64 = 2,
    Double = 5,
    ByteArray = 6,
}

/// <summary>
/// The kinds of column the engine's writer produces, each with its physical type, annotation and repetition
/// (see <see cref="ParquetChunkEncoder.Layout"/>).
/// </summary>
internal enum ParquetColumnType
{
    /// <summary>UTF-8 text (BYTE_ARRAY, STRING), optional.</summary>
    Text,

    /// <summary>DOUBLE, optional (NaN is written as null).</summary>
    Double,

    /// <summary>INT32 (INTEGER(32, signed)), required.</summary>
    Int32,

    /// <summary>INT64 (INTEGER(64, signed)), required.</summary>
    Int64,

    /// <summary>DATE (INT32 days since 1970-01-01), required; values are given as day numbers from 0001-01-01.</summary>
    Date,
}

/// <summary>
/// One encoded column chunk: an optional dictionary page and v1 data pages of at most
/// <see cref="ParquetChunkEncoder.MaxPageRows"/> rows and <see cref="ParquetChunkEncoder.MaxPageBytes"/> bytes of values
/// (each a page header and a body, Snappy-compressed or not), and what the footer says about them. A function of the
/// values alone, so equal inputs give equal bytes on any thread.
/// </summary>
/// <param name="Bytes">The pages, each a page header followed by the stored page.</param>
/// <param name="Length">Bytes used in <paramref name="Bytes"/>.</param>
/// <param name="UncompressedSize">Page headers + uncompressed pages, as ColumnMetaData.total_uncompressed_size.</param>
/// <param name="Values">Values including nulls (ColumnMetaData.num_values).</param>
/// <param name="NullCount">Null values.</param>
/// <param name="Min">Plain-encoded minimum (no length prefix), or null when every value is null or there are none.</param>
/// <param name="Max">Plain-encoded maximum, or null.</param>
/// <param name="Snappy">Pages are Snappy-compressed (otherwise stored as they are).</param>
/// <param name="DictionaryLength">Bytes of the dictionary page at the start of <paramref name="Bytes"/> (0: no dictionary, PLAIN
/// values).</param>
/// <param name="DataPages">Data pages in the chunk (at least one, empty for an empty chunk).</param>
internal sealed record EncodedChunk(byte[] Bytes, int Length, long UncompressedSize, long Values, long NullCount, byte[]? Min, byte[]? Max,
    bool Snappy, int DictionaryLength, int DataPages)
{
    /// <summary>
    /// <see cref="Bytes"/> is an array of <see cref="System.Buffers.ArrayPool{T}.Shared"/> that the chunk's one user gives back
    /// (<see cref="PooledByteWriter.Return"/>) once the bytes are written and nothing else reads them.
    /// </summary>
    public bool Pooled { get; init; }
}
