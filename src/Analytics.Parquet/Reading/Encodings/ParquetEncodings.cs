using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;
using PhysicalType = Parquet.Meta.Type;

namespace Analytics.ParquetFormat.Reading.Encodings;

/// <summary>Which value encodings the format allows for each physical type, and the names people know them by.</summary>
internal static class ParquetEncodings
{
    /// <summary>
    /// True when <paramref name="encoding"/> may encode values of <paramref name="physical"/> (parquet-format
    /// Encodings.md): PLAIN and dictionary for every type, RLE for BOOLEAN only, DELTA_BINARY_PACKED for INT32 and
    /// INT64, DELTA_LENGTH_BYTE_ARRAY for BYTE_ARRAY, DELTA_BYTE_ARRAY for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY,
    /// BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY. BIT_PACKED is for levels only.
    /// </summary>
    public static bool IsValidFor(int encoding, PhysicalType physical) => (Encoding)encoding switch
    {
        Encoding.PLAIN or Encoding.PLAIN_DICTIONARY or Encoding.RLE_DICTIONARY => true,
        Encoding.RLE => physical == PhysicalType.BOOLEAN,
        Encoding.DELTA_BINARY_PACKED => physical is PhysicalType.INT32 or PhysicalType.INT64,
        Encoding.DELTA_LENGTH_BYTE_ARRAY => physical == PhysicalType.BYTE_ARRAY,
        Encoding.DELTA_BYTE_ARRAY => physical is PhysicalType.BYTE_ARRAY or PhysicalType.FIXED_LEN_BYTE_ARRAY,
        Encoding.BYTE_STREAM_SPLIT => physical is PhysicalType.FLOAT or PhysicalType.DOUBLE or PhysicalType.INT32
            or PhysicalType.INT64 or PhysicalType.FIXED_LEN_BYTE_ARRAY,
        _ => false,
    };

    /// <summary>The encoding's name in parquet.thrift, or its number when it has none.</summary>
    public static string Name(int encoding) => Enum.IsDefined((Encoding)encoding)
        ? ((Encoding)encoding).ToString()
        : "number " + encoding.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The physical type's name in parquet.thrift.</summary>
    public static string Name(PhysicalType physical) => physical.ToString();

    /// <summary>The codec's name in parquet.thrift (LZ4 is the legacy Hadoop-framed codec).</summary>
    public static string Name(CompressionCodec codec) => Enum.IsDefined(codec)
        ? codec.ToString()
        : "number " + ((int)codec).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Byte width of one PLAIN value of a fixed-width type; 0 for BYTE_ARRAY (length-prefixed) and BOOLEAN (bits).</summary>
    public static int PlainWidth(PhysicalType physical, int typeLength) => physical switch
    {
        PhysicalType.INT32 or PhysicalType.FLOAT => 4,
        PhysicalType.INT64 or PhysicalType.DOUBLE => 8,
        PhysicalType.INT96 => 12,
        PhysicalType.FIXED_LEN_BYTE_ARRAY => typeLength,
        _ => 0,
    };
}
