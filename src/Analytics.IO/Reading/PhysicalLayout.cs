using Parquet.Data;
using Parquet.Meta;
using Parquet.Schema;
using PhysicalType = Parquet.Meta.Type;

namespace Analytics.IO.Reading;

/// <summary>Units of an INT64 TIMESTAMP.</summary>
internal enum TimestampUnit
{
    None,
    Millis,
    Micros,
    Nanos,
}

/// <summary>
/// What the PLAIN bytes of a column mean for the CLR type Parquet.Net maps it to: the physical type (and
/// FIXED_LEN_BYTE_ARRAY's length), a DECIMAL's precision and scale, a TIMESTAMP's unit. Derived from the schema
/// element, so the direct path converts exactly the columns whose meaning it knows.
/// </summary>
internal readonly record struct PhysicalLayout(PhysicalType Physical, int TypeLength, int Precision, int Scale, TimestampUnit Unit)
{
    /// <summary>The layout the direct decoder can convert for <paramref name="field"/>, or null when only Parquet.Net reads it.</summary>
    public static PhysicalLayout? Of(DataField field)
    {
        var element = field.SchemaElement;
        if (element?.Type is not { } physical)
        {
            return null;
        }

        System.Type t = field.ClrType;
        int typeLength = element.TypeLength ?? 0;
        if (t == typeof(decimal) || t == typeof(BigDecimal))
        {
            int precision = element.LogicalType?.DECIMAL?.Precision ?? element.Precision ?? 0;
            int scale = element.LogicalType?.DECIMAL?.Scale ?? element.Scale ?? 0;
            bool stored = physical is PhysicalType.INT32 or PhysicalType.INT64 or PhysicalType.BYTE_ARRAY
                || (physical == PhysicalType.FIXED_LEN_BYTE_ARRAY && typeLength > 0);
            return stored && scale is >= 0 and <= 28 && precision > 0
                ? new PhysicalLayout(physical, typeLength, precision, scale, TimestampUnit.None)
                : null;
        }

        if (t == typeof(DateTime))
        {
            if (physical == PhysicalType.INT96)
            {
                return new PhysicalLayout(physical, 12, 0, 0, TimestampUnit.Nanos);
            }

            var unit = TimestampUnitOf(element);
            return physical == PhysicalType.INT64 && unit != TimestampUnit.None
                ? new PhysicalLayout(physical, 0, 0, 0, unit)
                : null;
        }

        bool direct = physical switch
        {
            PhysicalType.BYTE_ARRAY => t == typeof(ReadOnlyMemory<char>),
            PhysicalType.DOUBLE => t == typeof(double),
            PhysicalType.FLOAT => t == typeof(float),
            // INTEGER(8/16, signed or not) and unsigned INTEGER(32) are INT32 values, unsigned INTEGER(64) INT64 ones.
            PhysicalType.INT32 => t == typeof(int) || t == typeof(DateOnly) || t == typeof(short) || t == typeof(sbyte)
                || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint),
            PhysicalType.INT64 => t == typeof(long) || t == typeof(ulong),
            _ => false,
        };
        return direct ? new PhysicalLayout(physical, typeLength, 0, 0, TimestampUnit.None) : null;
    }

    private static TimestampUnit TimestampUnitOf(SchemaElement element)
    {
        var unit = element.LogicalType?.TIMESTAMP?.Unit;
        if (unit is not null)
        {
            if (unit.MILLIS is not null) return TimestampUnit.Millis;
            if (unit.MICROS is not null) return TimestampUnit.Micros;
            if (unit.NANOS is not null) return TimestampUnit.Nanos;
            return TimestampUnit.None;
        }

        return element.ConvertedType switch
        {
            ConvertedType.TIMESTAMP_MILLIS => TimestampUnit.Millis,
            ConvertedType.TIMESTAMP_MICROS => TimestampUnit.Micros,
            _ => TimestampUnit.None,
        };
    }
}
