using System.Buffers;

namespace Analytics.ParquetFormat.Writing;

/// <summary>A column of a file the engine writes: its name and kind.</summary>
internal readonly record struct ParquetColumnDescriptor(string Name, ParquetColumnType Type);

/// <summary>
/// The footer (FileMetaData, Thrift compact) of a file whose column chunks <see cref="ParquetChunkEncoder"/> encoded:
/// schema, row groups with each chunk's metadata and statistics, and the type-defined column orders.
/// </summary>
internal static class ParquetFooterWriter
{
    /// <summary>
    /// Writes the footer of a file with <paramref name="columns"/> in row groups of <paramref name="groupRows"/> rows;
    /// <paramref name="chunks"/> and <paramref name="offsets"/> (where each chunk starts in the file) are indexed row
    /// group × columns + column.
    /// </summary>
    public static ArrayBufferWriter<byte> Write(
        IReadOnlyList<ParquetColumnDescriptor> columns, long rowCount, IReadOnlyList<int> groupRows, IReadOnlyList<EncodedChunk?> chunks, long[] offsets, string createdBy)
    {
        int groups = groupRows.Count;
        var output = new ArrayBufferWriter<byte>(1024);
        var t = new ThriftCompactWriter(output);
        t.I32(1, 1); // version
        t.ListBegin(2, ThriftCompactWriter.ListOfStruct, columns.Count + 1); // schema
        t.ElementStructBegin();
        t.String(4, "root");
        t.I32(5, columns.Count);
        t.StructEnd();
        foreach (var c in columns)
        {
            SchemaElement(t, c);
        }

        t.I64(3, rowCount); // num_rows
        t.ListBegin(4, ThriftCompactWriter.ListOfStruct, groups); // row_groups
        for (int g = 0; g < groups; g++)
        {
            long uncompressed = 0, compressed = 0;
            for (int c = 0; c < columns.Count; c++)
            {
                var chunk = chunks[g * columns.Count + c]!;
                uncompressed += chunk.UncompressedSize;
                compressed += chunk.Length;
            }

            t.ElementStructBegin();
            t.ListBegin(1, ThriftCompactWriter.ListOfStruct, columns.Count); // columns
            for (int c = 0; c < columns.Count; c++)
            {
                int index = g * columns.Count + c;
                ColumnChunk(t, columns[c], chunks[index]!, offsets[index]);
            }

            t.I64(2, uncompressed); // total_byte_size
            t.I64(3, groupRows[g]); // num_rows
            t.I64(5, offsets[g * columns.Count]); // file_offset
            t.I64(6, compressed); // total_compressed_size
            t.I16(7, (short)g); // ordinal
            t.StructEnd();
        }

        t.String(6, createdBy);
        t.ListBegin(7, ThriftCompactWriter.ListOfStruct, columns.Count); // column_orders
        for (int c = 0; c < columns.Count; c++)
        {
            // TypeDefinedOrder: min/max follow each type's natural order (unsigned bytes for text).
            t.ElementStructBegin();
            t.EmptyStruct(1);
            t.StructEnd();
        }

        t.End();
        return output;
    }

    private static void SchemaElement(ThriftCompactWriter t, ParquetColumnDescriptor column)
    {
        var (type, optional) = ParquetChunkEncoder.Layout(column.Type);
        t.ElementStructBegin();
        t.I32(1, (int)type);
        t.I32(3, optional ? 1 : 0); // repetition_type
        t.String(4, column.Name);
        switch (column.Type)
        {
            case ParquetColumnType.Text:
                t.I32(6, 0); // converted_type UTF8
                t.StructBegin(10); // logicalType
                t.EmptyStruct(1); // STRING
                t.StructEnd();
                break;
            case ParquetColumnType.Date:
                t.I32(6, 6); // DATE
                t.StructBegin(10);
                t.EmptyStruct(6); // DATE
                t.StructEnd();
                break;
            case ParquetColumnType.Int32:
            case ParquetColumnType.Int64:
                t.I32(6, column.Type == ParquetColumnType.Int32 ? 17 : 18); // INT_32 / INT_64
                t.StructBegin(10);
                t.StructBegin(10); // INTEGER
                t.I8(1, column.Type == ParquetColumnType.Int32 ? (sbyte)32 : (sbyte)64); // bitWidth
                t.Bool(2, true); // isSigned
                t.StructEnd();
                t.StructEnd();
                break;
        }

        t.StructEnd();
    }

    private static void ColumnChunk(ThriftCompactWriter t, ParquetColumnDescriptor column, EncodedChunk chunk, long offset)
    {
        var (type, _) = ParquetChunkEncoder.Layout(column.Type);
        t.ElementStructBegin();
        t.I64(2, offset); // file_offset (of the chunk's first page, as Parquet.Net writes it)
        t.StructBegin(3); // meta_data
        t.I32(1, (int)type);
        bool dictionary = chunk.DictionaryLength > 0;
        t.ListBegin(2, ThriftCompactWriter.ListOfI32, dictionary ? 3 : 2); // encodings
        t.ElementI32(0); // PLAIN (values, or the dictionary page)
        t.ElementI32(3); // RLE (definition levels)
        if (dictionary)
        {
            t.ElementI32(8); // RLE_DICTIONARY (indices)
        }

        t.ListBegin(3, ThriftCompactWriter.ListOfBinary, 1); // path_in_schema
        t.ElementString(column.Name);
        t.I32(4, chunk.Snappy ? 1 : 0); // codec: SNAPPY or UNCOMPRESSED
        t.I64(5, chunk.Values);
        t.I64(6, chunk.UncompressedSize);
        t.I64(7, chunk.Length);
        t.I64(9, offset + chunk.DictionaryLength); // data_page_offset
        if (dictionary)
        {
            t.I64(11, offset); // dictionary_page_offset
        }

        t.StructBegin(12); // statistics
        bool numeric = column.Type != ParquetColumnType.Text;
        if (numeric && chunk.Max is not null)
        {
            // The deprecated min/max are signed-order values; only numbers qualify.
            t.Binary(1, chunk.Max);
            t.Binary(2, chunk.Min);
        }

        t.I64(3, chunk.NullCount);
        if (chunk.Max is not null)
        {
            t.Binary(5, chunk.Max);
            t.Binary(6, chunk.Min);
        }

        t.StructEnd();
        t.StructEnd();
        t.StructEnd();
    }
}
