namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Receives the non-null values of one column chunk as <see cref="ParquetChunkDecoder"/> decodes its pages, in row
/// order. The sink knows the column's physical type and turns the bytes into whatever it keeps; the decoder only
/// knows pages, levels and encodings. Spans are only valid during the call.
/// </summary>
internal interface IChunkValueSink
{
    /// <summary>The chunk's dictionary page: <paramref name="count"/> PLAIN-encoded entries.</summary>
    void AcceptDictionaryPage(ReadOnlySpan<byte> data, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk: <paramref name="count"/> PLAIN-encoded values.</summary>
    void AcceptPlainValues(ReadOnlySpan<byte> data, int start, int count);

    /// <summary>Non-null values <paramref name="start"/>.. of the chunk, given as indices into the dictionary page's entries.</summary>
    void AcceptDictionaryIndices(ReadOnlySpan<int> indices, int start);
}
