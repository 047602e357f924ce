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

    /// <summary>A dictionary page of <paramref name="entries"/> PLAIN-encoded entries; returns the page and its uncompressed size with header.</summary>
    private static (byte[] Bytes, long UncompressedSize) DictionaryPage(ReadOnlySpan<byte> body, int entries, bool snappy)
    {
        using var compressed = new CompressedBody(body, snappy);
        var header = new ArrayBufferWriter<byte>(32);
        var thrift = new ThriftCompactWriter(header);
        thrift.I32(1, DictionaryPageType);
        thrift.I32(2, body.Length); // uncompressed_page_size
        thrift.I32(3, compressed.Length); // compressed_page_size
        thrift.StructBegin(7); // dictionary_page_header
        thrift.I32(1, entries); // num_values
        thrift.I32(2, PlainEncoding);
        thrift.StructEnd();
        thrift.End();
        return Assemble(header, compressed.Span, body.Length);
    }

    /// <summary>A v1 data page of <paramref name="values"/> rows (nulls included) whose values are PLAIN.</summary>
    private static (byte[] Bytes, long UncompressedSize) PlainDataPage(ReadOnlySpan<byte> body, int values, bool snappy) =>
        DataPage(body, values, PlainEncoding, snappy);

    /// <summary>A v1 data page of <paramref name="values"/> rows whose values are RLE/bit-packed dictionary indices.</summary>
    private static (byte[] Bytes, long UncompressedSize) DictionaryIndexPage(ReadOnlySpan<byte> body, int values, bool snappy) =>
        DataPage(body, values, RleDictionaryEncoding, snappy);

    private static (byte[] Bytes, long UncompressedSize) DataPage(ReadOnlySpan<byte> body, int values, int encoding, bool snappy)
    {
        using var compressed = new CompressedBody(body, snappy);
        var header = new ArrayBufferWriter<byte>(32);
        var thrift = new ThriftCompactWriter(header);
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
        return Assemble(header, compressed.Span, body.Length);
    }

    /// <summary>The header followed by the (compressed) body; the uncompressed size counts the header too, as the footer wants.</summary>
    private static (byte[] Bytes, long UncompressedSize) Assemble(ArrayBufferWriter<byte> header, ReadOnlySpan<byte> body, int uncompressedLength)
    {
        int headerLength = header.WrittenCount;
        byte[] bytes = GC.AllocateUninitializedArray<byte>(headerLength + body.Length);
        header.WrittenSpan.CopyTo(bytes);
        body.CopyTo(bytes.AsSpan(headerLength));
        return (bytes, headerLength + (long)uncompressedLength);
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
