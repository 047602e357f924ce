using Parquet.Data;
using Parquet.Schema;

namespace Analytics.IO.Reading;

/// <summary>
/// Which Parquet column types each <see cref="ColumnKind"/> accepts (docs/METHODOLOGY.md §1), and how a type is named in errors.
/// Types are recognised by the CLR type Parquet.Net maps them to under <see cref="ParquetTableReader"/>'s options
/// (strings and unannotated byte arrays as <see cref="ReadOnlyMemory{T}"/> of char, DATE as <see cref="DateOnly"/>,
/// TIMESTAMP and INT96 as <see cref="DateTime"/>, DECIMAL as <see cref="decimal"/> or <see cref="BigDecimal"/>).
/// </summary>
internal static class ParquetTypeMapping
{
    /// <summary>Largest DECIMAL precision every value of which fits <see cref="decimal"/> (28 significant digits).</summary>
    public const int MaxClrDecimalPrecision = 28;

    /// <summary>True when a top-level field of the file can be read as <paramref name="kind"/>.</summary>
    public static bool Accepts(ColumnKind kind, Field field)
    {
        if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0)
        {
            return false;
        }

        Type t = data.ClrType;
        return kind switch
        {
            ColumnKind.String => t == typeof(ReadOnlyMemory<char>),
            ColumnKind.Double or ColumnKind.Int => IsNumeric(t),
            ColumnKind.Date => t == typeof(DateOnly) || t == typeof(DateTime),
            _ => false,
        };
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long)
        || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort)
        || t == typeof(uint) || t == typeof(ulong) || t == typeof(decimal) || t == typeof(BigDecimal);

    /// <summary>The Parquet type of <paramref name="field"/> as people know it from their tools: STRING, INT64, DECIMAL(18,2), TIMESTAMP…</summary>
    public static string Describe(Field field)
    {
        if (field is not DataField data)
        {
            return field.SchemaType.ToString().ToUpperInvariant();
        }

        if (data.IsArray || data.MaxRepetitionLevel > 0)
        {
            return "LIST";
        }

        if (data is DecimalDataField dec)
        {
            return $"DECIMAL({dec.Precision},{dec.Scale})";
        }

        Type t = data.ClrType;
        if (t == typeof(ReadOnlyMemory<char>) || t == typeof(string))
        {
            var element = data.SchemaElement;
            bool annotated = element?.ConvertedType == Parquet.Meta.ConvertedType.UTF8 || element?.LogicalType?.STRING is not null;
            return annotated ? "STRING" : "BYTE_ARRAY";
        }

        if (t == typeof(ReadOnlyMemory<byte>) || t == typeof(byte[])) return "BYTE_ARRAY";
        if (t == typeof(double)) return "DOUBLE";
        if (t == typeof(float)) return "FLOAT";
        if (t == typeof(int)) return "INT32";
        if (t == typeof(long)) return "INT64";
        if (t == typeof(short)) return "INT16";
        if (t == typeof(sbyte)) return "INT8";
        if (t == typeof(byte)) return "UINT8";
        if (t == typeof(ushort)) return "UINT16";
        if (t == typeof(uint)) return "UINT32";
        if (t == typeof(ulong)) return "UINT64";
        if (t == typeof(bool)) return "BOOLEAN";
        if (t == typeof(DateOnly)) return "DATE";
        if (t == typeof(DateTime)) return "TIMESTAMP";
        if (t == typeof(TimeOnly) || t == typeof(TimeSpan)) return "TIME";
        if (t == typeof(Guid)) return "UUID";
        return data.SchemaElement?.Type?.ToString() ?? t.Name;
    }

    /// <summary>True when the file holds a DECIMAL column, among <paramref name="fields"/>, too wide for <see cref="decimal"/>.</summary>
    public static bool NeedsBigDecimal(IEnumerable<Field?> fields)
    {
        foreach (var f in fields)
        {
            if (f is DecimalDataField { Precision: > MaxClrDecimalPrecision })
            {
                return true;
            }
        }

        return false;
    }
}
