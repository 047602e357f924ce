using System.Buffers;
using System.Text;

namespace Analytics.ParquetFormat.Writing;

/// <summary>
/// The subset of Thrift's compact protocol that Parquet's page headers and footer need: structs, i8/i16/i32/i64,
/// booleans, binary/string and lists. Fields must be written in increasing id order within a struct.
/// </summary>
internal sealed class ThriftCompactWriter(IBufferWriter<byte> output)
{
    private const byte TypeBoolTrue = 1;
    private const byte TypeBoolFalse = 2;
    private const byte TypeByte = 3;
    private const byte TypeI16 = 4;
    private const byte TypeI32 = 5;
    private const byte TypeI64 = 6;
    private const byte TypeBinary = 8;
    private const byte TypeList = 9;
    private const byte TypeStruct = 12;

    private readonly Stack<short> _outer = new();
    private short _lastField;

    /// <summary>Element type codes for <see cref="ListBegin"/>.</summary>
    public const byte ListOfI32 = TypeI32;

    /// <summary>List of binary/string.</summary>
    public const byte ListOfBinary = TypeBinary;

    /// <summary>List of structs.</summary>
    public const byte ListOfStruct = TypeStruct;

    public void I32(short field, int value)
    {
        FieldHeader(field, TypeI32);
        VarInt(ZigZag(value));
    }

    public void I16(short field, short value)
    {
        FieldHeader(field, TypeI16);
        VarInt(ZigZag(value));
    }

    public void I64(short field, long value)
    {
        FieldHeader(field, TypeI64);
        VarInt(ZigZag(value));
    }

    public void I8(short field, sbyte value)
    {
        FieldHeader(field, TypeByte);
        Byte((byte)value);
    }

    public void Bool(short field, bool value) => FieldHeader(field, value ? TypeBoolTrue : TypeBoolFalse);

    public void Binary(short field, ReadOnlySpan<byte> value)
    {
        FieldHeader(field, TypeBinary);
        VarInt((ulong)value.Length);
        output.Write(value);
    }

    public void String(short field, string value) => Binary(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Opens a struct-valued field; close it with <see cref="StructEnd"/>.</summary>
    public void StructBegin(short field)
    {
        FieldHeader(field, TypeStruct);
        ElementStructBegin();
    }

    /// <summary>Opens a struct that is a list element (no field header).</summary>
    public void ElementStructBegin()
    {
        _outer.Push(_lastField);
        _lastField = 0;
    }

    /// <summary>Writes the stop byte and returns to the enclosing struct.</summary>
    public void StructEnd()
    {
        Byte(0);
        _lastField = _outer.Count > 0 ? _outer.Pop() : (short)0;
    }

    /// <summary>An empty struct field (Parquet's marker types such as StringType).</summary>
    public void EmptyStruct(short field)
    {
        StructBegin(field);
        StructEnd();
    }

    /// <summary>Opens a list field of <paramref name="count"/> elements of <paramref name="elementType"/>.</summary>
    public void ListBegin(short field, byte elementType, int count)
    {
        FieldHeader(field, TypeList);
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            VarInt((ulong)count);
        }
    }

    /// <summary>A list element of type i32.</summary>
    public void ElementI32(int value) => VarInt(ZigZag(value));

    /// <summary>A list element of type string.</summary>
    public void ElementString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        VarInt((ulong)bytes.Length);
        output.Write(bytes);
    }

    /// <summary>Closes the top-level struct (the caller never opened it explicitly).</summary>
    public void End() => Byte(0);

    private void FieldHeader(short field, byte type)
    {
        int delta = field - _lastField;
        if (delta > 0 && delta <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte(type);
            VarInt(ZigZag((int)field));
        }

        _lastField = field;
    }

    private void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void VarInt(ulong value)
    {
        var span = output.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }

    private static ulong ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
