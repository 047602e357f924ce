namespace Analytics.ParquetFormat.Reading;

/// <summary>
/// Reads the Thrift compact protocol from a span: just enough for Parquet page headers (structs of integers and
/// booleans, with anything else skipped). Malformed or truncated input raises <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>Nesting beyond this is not a real page header; the bound keeps a hostile file from exhausting the stack.</summary>
    private const int MaxDepth = 32;

    public const byte TypeStop = 0;
    public const byte TypeTrue = 1;
    public const byte TypeFalse = 2;
    public const byte TypeByte = 3;
    public const byte TypeI16 = 4;
    public const byte TypeI32 = 5;
    public const byte TypeI64 = 6;
    public const byte TypeDouble = 7;
    public const byte TypeBinary = 8;
    public const byte TypeList = 9;
    public const byte TypeSet = 10;
    public const byte TypeMap = 11;
    public const byte TypeStruct = 12;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Reads the next field header of the struct being read; false at its end. <paramref name="lastId"/> is the
    /// previous field's id in this struct (0 at its start), which short headers are relative to.
    /// </summary>
    public bool NextField(ref short lastId, out short id, out byte type)
    {
        byte header = ReadByte();
        if (header == TypeStop)
        {
            id = 0;
            type = TypeStop;
            return false;
        }

        type = (byte)(header & 0x0F);
        int delta = header >> 4;
        id = delta != 0 ? (short)(lastId + delta) : (short)ZigZag(ReadVarint());
        lastId = id;
        return true;
    }

    /// <summary>An i32 (or i16, or enum) field's value.</summary>
    public int ReadInt(byte type)
    {
        if (type is not (TypeI32 or TypeI16 or TypeI64))
        {
            throw new InvalidDataException($"page header: integer expected, found Thrift type {type}");
        }

        long value = ZigZag(ReadVarint());
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException("page header: integer out of range");
        }

        return (int)value;
    }

    /// <summary>A boolean field's value (carried in the field header's type).</summary>
    public static bool ReadBool(byte type) => type switch
    {
        TypeTrue => true,
        TypeFalse => false,
        _ => throw new InvalidDataException($"page header: boolean expected, found Thrift type {type}"),
    };

    /// <summary>Skips a field's value of the given type, including nested structs, lists, sets and maps.</summary>
    public void Skip(byte type) => Skip(type, inCollection: false, depth: 0);

    private void Skip(byte type, bool inCollection, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("page header: nesting too deep");
        }

        switch (type)
        {
            case TypeTrue:
            case TypeFalse:
                // A struct field carries the value in its header; a collection element takes one byte.
                if (inCollection) ReadByte();
                break;
            case TypeByte:
                ReadByte();
                break;
            case TypeI16:
            case TypeI32:
            case TypeI64:
                ReadVarint();
                break;
            case TypeDouble:
                Advance(8);
                break;
            case TypeBinary:
                Advance(ReadLength());
                break;
            case TypeList:
            case TypeSet:
            {
                byte header = ReadByte();
                int size = header >> 4;
                if (size == 15)
                {
                    size = ReadLength();
                }

                byte element = (byte)(header & 0x0F);
                for (int i = 0; i < size; i++)
                {
                    Skip(element, inCollection: true, depth + 1);
                }

                break;
            }

            case TypeMap:
            {
                int size = ReadLength();
                if (size == 0)
                {
                    break;
                }

                byte types = ReadByte();
                byte key = (byte)(types >> 4);
                byte value = (byte)(types & 0x0F);
                for (int i = 0; i < size; i++)
                {
                    Skip(key, inCollection: true, depth + 1);
                    Skip(value, inCollection: true, depth + 1);
                }

                break;
            }

            case TypeStruct:
            {
                short lastId = 0;
                while (NextField(ref lastId, out _, out byte fieldType))
                {
                    Skip(fieldType, inCollection: false, depth + 1);
                }

                break;
            }

            default:
                throw new InvalidDataException($"page header: unknown Thrift type {type}");
        }
    }

    private int ReadLength()
    {
        ulong length = ReadVarint();
        if (length > int.MaxValue)
        {
            throw new InvalidDataException("page header: length out of range");
        }

        return (int)length;
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new InvalidDataException("page header is truncated");
        }

        _position += count;
    }

    private byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new InvalidDataException("page header is truncated");
        }

        return _data[_position++];
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("page header: varint too long");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
