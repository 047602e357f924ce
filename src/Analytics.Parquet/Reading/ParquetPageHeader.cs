namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// The fields of a Parquet <c>PageHeader</c> (with its data, data v2 or dictionary page header) that
/// <see cref="ParquetChunkDecoder"/> needs. Field ids follow parquet.thrift; everything else is skipped.
/// </summary>
internal struct ParquetPageHeader
{
    public const int DataPage = 0;
    public const int IndexPage = 1;
    public const int DictionaryPage = 2;
    public const int DataPageV2 = 3;

    public int Type;
    public int UncompressedSize;
    public int CompressedSize;

    /// <summary>Values in the page, nulls included (data pages), or entries (dictionary pages).</summary>
    public int NumValues;

    /// <summary>Encoding of the values (a <c>parquet.thrift</c> Encoding number).</summary>
    public int Encoding;

    /// <summary>Data page v1: encoding of the definition levels.</summary>
    public int DefinitionLevelEncoding;

    /// <summary>Data page v2: byte lengths of the (never compressed) level sections in front of the values.</summary>
    public int DefinitionLevelsLength;
    public int RepetitionLevelsLength;

    /// <summary>Data page v2: whether the values section is compressed (Thrift default true).</summary>
    public bool IsCompressed;

    /// <summary>Whether the header of <see cref="Type"/>'s kind was present.</summary>
    public bool HasTypeHeader;

    /// <summary>Parses one page header at the start of <paramref name="data"/>; <paramref name="length"/> is its size in bytes.</summary>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> data, out int length)
    {
        var header = new ParquetPageHeader { Type = -1, IsCompressed = true };
        var reader = new ThriftCompactReader(data);
        short lastId = 0;
        bool hasType = false, hasSizes = false, hasData = false, hasDictionary = false, hasDataV2 = false;
        while (reader.NextField(ref lastId, out short id, out byte type))
        {
            switch (id)
            {
                case 1: header.Type = reader.ReadInt(type); hasType = true; break;
                case 2: header.UncompressedSize = reader.ReadInt(type); break;
                case 3: header.CompressedSize = reader.ReadInt(type); hasSizes = true; break;
                case 5 when type == ThriftCompactReader.TypeStruct: ReadDataPageHeader(ref reader, ref header); hasData = true; break;
                case 7 when type == ThriftCompactReader.TypeStruct: ReadDictionaryPageHeader(ref reader, ref header); hasDictionary = true; break;
                case 8 when type == ThriftCompactReader.TypeStruct: ReadDataPageHeaderV2(ref reader, ref header); hasDataV2 = true; break;
                default: reader.Skip(type); break;
            }
        }

        if (!hasType || !hasSizes || header.CompressedSize < 0 || header.UncompressedSize < 0)
        {
            throw new InvalidDataException("page header lacks its type or sizes");
        }

        header.HasTypeHeader = header.Type switch
        {
            DataPage => hasData,
            DictionaryPage => hasDictionary,
            DataPageV2 => hasDataV2,
            _ => true,
        };
        length = reader.Position;
        return header;
    }

    private static void ReadDataPageHeader(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short lastId = 0;
        while (reader.NextField(ref lastId, out short id, out byte type))
        {
            switch (id)
            {
                case 1: header.NumValues = reader.ReadInt(type); break;
                case 2: header.Encoding = reader.ReadInt(type); break;
                case 3: header.DefinitionLevelEncoding = reader.ReadInt(type); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void ReadDictionaryPageHeader(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short lastId = 0;
        while (reader.NextField(ref lastId, out short id, out byte type))
        {
            switch (id)
            {
                case 1: header.NumValues = reader.ReadInt(type); break;
                case 2: header.Encoding = reader.ReadInt(type); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void ReadDataPageHeaderV2(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short lastId = 0;
        while (reader.NextField(ref lastId, out short id, out byte type))
        {
            switch (id)
            {
                case 1: header.NumValues = reader.ReadInt(type); break;
                case 4: header.Encoding = reader.ReadInt(type); break;
                case 5: header.DefinitionLevelsLength = reader.ReadInt(type); break;
                case 6: header.RepetitionLevelsLength = reader.ReadInt(type); break;
                case 7 when type is ThriftCompactReader.TypeTrue or ThriftCompactReader.TypeFalse:
                    header.IsCompressed = ThriftCompactReader.ReadBool(type);
                    break;
                default: reader.Skip(type); break;
            }
        }
    }
}
