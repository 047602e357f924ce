using System.Buffers;

namespace Analytics.ParquetFormat.Writing;

internal static partial class ParquetChunkEncoder
{
    // Numbers of parquet.thrift's PageType and Encoding used in page headers.
    private const int DataPageType = 0;
    private const int DictionaryPageType = 2;
    private const int PlainEncoding = 0;
    private const int RleEncoding = 3;
    private const int RleDictionaryEncoding = 8;

    /// <summary>
    /// The pages of one column chunk as they are added: each a page header and its body, Snappy-compressed when the
    /// chunk is (the codec belongs to the chunk, so every page shares it). Adds up what the footer needs.
    /// </summary>
    private sealed class ChunkBuilder(int capacity, bool snappy, bool pooled)
    {
        private readonly PooledByteWriter _writer = new(capacity);
        private long _uncompressed;
        private int _dictionaryLength;
        private int _pages;

        /// <summary>Adds the dictionary page of <paramref name="entries"/> PLAIN-encoded entries; it must come first.</summary>
        public void AddDictionaryPage(ReadOnlySpan<byte> body, int entries)
        {
            if (WrittenCount > 0)
            {
                throw new InvalidOperationException("The dictionary page must be the chunk's first page.");
            }

            using var compressed = new CompressedBody(body, snappy);
            int pageStart = WrittenCount;
            var thrift = new ThriftCompactWriter(_writer);
            thrift.I32(1, DictionaryPageType);
            thrift.I32(2, body.Length); // uncompressed_page_size
            thrift.I32(3, compressed.Length); // compressed_page_size
            thrift.StructBegin(7); // dictionary_page_header
            thrift.I32(1, entries); // num_values
            thrift.I32(2, PlainEncoding);
            thrift.StructEnd();
            thrift.End();
            Append(pageStart, compressed.Span, body.Length);
            _dictionaryLength = WrittenCount;
        }

        /// <summary>Adds a v1 data page of <paramref name="values"/> rows (nulls included) whose values are in
        /// <paramref name="encoding"/> (PLAIN, or RLE_DICTIONARY indices); definition levels are RLE.</summary>
        public void AddDataPage(ReadOnlySpan<byte> body, int values, int encoding)
        {
            using var compressed = new CompressedBody(body, snappy);
            int pageStart = WrittenCount;
            var thrift = new ThriftCompactWriter(_writer);
            thrift.I32(1, DataPageType);
            thrift.I32(2, body.Length); // uncompressed_page_size
            thrift.I32(3, compressed.Length); // compressed_page_size
            thrift.StructBegin(5); // data_page_header
            thrift.I32(1, values); // num_values, nulls included
            thrift.I32(2, encoding);
            thrift.I32(3, RleEncoding); // definition_level_encoding
            thrift.I32(4, RleEncoding); // repetition_level_encoding
            thrift.StructEnd();
            thrift.End();
            Append(pageStart, compressed.Span, body.Length);
            _pages++;
        }

        private int WrittenCount => _writer.WrittenCount;

        /// <summary>
        /// The chunk; its statistics are those of all its values. A pooled chunk keeps the writer's pooled
        /// array (unused tail included), which its user gives back once written (<see cref="EncodedChunk.Pooled"/>);
        /// otherwise the bytes are copied to an array of their own (a chunk shared by several files, a test).
        /// </summary>
        public EncodedChunk Finish(long values, long nulls, byte[]? min, byte[]? max)
        {
            int length = _writer.WrittenCount;
            byte[] bytes;
            if (pooled)
            {
                bytes = _writer.Detach();
            }
            else
            {
                bytes = _writer.WrittenSpan.ToArray();
                PooledByteWriter.Return(_writer.Detach());
            }

            return new EncodedChunk(bytes, length, _uncompressed, values, nulls, min, max, snappy, _dictionaryLength, _pages)
            {
                Pooled = pooled,
            };
        }

        /// <summary>Appends a page body after its header, which starts at <paramref name="pageStart"/>; the uncompressed size
        /// counts the header too, as the footer wants.</summary>
        private void Append(int pageStart, ReadOnlySpan<byte> stored, int uncompressedLength)
        {
            _uncompressed += WrittenCount - pageStart + (long)uncompressedLength;
            stored.CopyTo(_writer.GetSpan(stored.Length));
            _writer.Advance(stored.Length);
        }
    }

    /// <summary>A page body as stored: Snappy-compressed into a pooled array, or the body itself.</summary>
    private readonly ref struct CompressedBody
    {
        private readonly byte[]? _rented;
        private readonly ReadOnlySpan<byte> _span;

        public CompressedBody(ReadOnlySpan<byte> body, bool snappy)
        {
            if (!snappy)
            {
                _span = body;
                return;
            }

            _rented = ArrayPool<byte>.Shared.Rent(Snappier.Snappy.GetMaxCompressedLength(body.Length));
            _span = _rented.AsSpan(0, Snappier.Snappy.Compress(body, _rented));
        }

        public ReadOnlySpan<byte> Span => _span;

        public int Length => _span.Length;

        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }
}
