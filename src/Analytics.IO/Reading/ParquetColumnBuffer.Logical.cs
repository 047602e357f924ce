using System.Buffers.Binary;
using System.Numerics;
using Parquet.Data;
using PhysicalType = Parquet.Meta.Type;

namespace Analytics.IO.Reading;

/// <summary>
/// The direct path's conversions of logical types from their PLAIN bytes: TIMESTAMP (INT64 in ms, µs or ns since
/// 1970-01-01), INT96 (nanoseconds of the day and a Julian day, as Spark, Hive and Impala write them) and DECIMAL
/// (unscaled INT32, INT64, or big-endian two's complement FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY). Only the calendar date
/// of a timestamp is used later; it is taken by flooring, so an instant before 1970 keeps its own date.
/// </summary>
internal abstract partial class ParquetColumnBuffer
{
    /// <summary>Julian day number of 1970-01-01.</summary>
    private const long UnixEpochJulianDay = 2_440_588;

    private static void DecodeTimestamps(ReadOnlySpan<byte> data, Span<DateTime> target, in PhysicalLayout layout)
    {
        int width = layout.Physical == PhysicalType.INT96 ? 12 : 8;
        if ((long)target.Length * width > data.Length)
        {
            throw Truncated();
        }

        long epoch = DateTime.UnixEpoch.Ticks;
        for (int i = 0; i < target.Length; i++)
        {
            var value = data.Slice(i * width, width);
            long ticks;
            if (width == 12)
            {
                long nanos = BinaryPrimitives.ReadInt64LittleEndian(value);
                long julian = BinaryPrimitives.ReadInt32LittleEndian(value[8..]);
                ticks = epoch + (julian - UnixEpochJulianDay) * TimeSpan.TicksPerDay + Math.DivRem(nanos, 100).Quotient;
            }
            else
            {
                long raw = BinaryPrimitives.ReadInt64LittleEndian(value);
                ticks = layout.Unit switch
                {
                    TimestampUnit.Millis => epoch + raw * TimeSpan.TicksPerMillisecond,
                    TimestampUnit.Micros => epoch + raw * 10,
                    _ => epoch + FloorDivide(raw, 100),
                };
            }

            if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks)
            {
                throw new InvalidDataException("a TIMESTAMP value is outside the years 1 to 9999");
            }

            target[i] = new DateTime(ticks);
        }
    }

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static void DecodeDecimals(ReadOnlySpan<byte> data, Span<decimal> target, in PhysicalLayout layout)
    {
        byte scale = (byte)layout.Scale;
        switch (layout.Physical)
        {
            case PhysicalType.INT32:
                if ((long)target.Length * 4 > data.Length) throw Truncated();
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = Scaled(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(4 * i)), scale);
                }

                break;
            case PhysicalType.INT64:
                if ((long)target.Length * 8 > data.Length) throw Truncated();
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = Scaled(BinaryPrimitives.ReadInt64LittleEndian(data.Slice(8 * i)), scale);
                }

                break;
            default:
            {
                int position = 0;
                for (int i = 0; i < target.Length; i++)
                {
                    var bytes = NextUnscaled(data, ref position, layout);
                    target[i] = Scaled(bytes, scale);
                }

                break;
            }
        }
    }

    private static void DecodeBigDecimals(ReadOnlySpan<byte> data, Span<BigDecimal> target, in PhysicalLayout layout)
    {
        int position = 0;
        for (int i = 0; i < target.Length; i++)
        {
            BigInteger unscaled;
            switch (layout.Physical)
            {
                case PhysicalType.INT32:
                    if (data.Length - position < 4) throw Truncated();
                    unscaled = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(position));
                    position += 4;
                    break;
                case PhysicalType.INT64:
                    if (data.Length - position < 8) throw Truncated();
                    unscaled = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(position));
                    position += 8;
                    break;
                default:
                    unscaled = new BigInteger(NextUnscaled(data, ref position, layout), isUnsigned: false, isBigEndian: true);
                    break;
            }

            target[i] = new BigDecimal(unscaled, layout.Precision, layout.Scale);
        }
    }

    /// <summary>The next big-endian unscaled value: FIXED_LEN_BYTE_ARRAY's fixed length, or BYTE_ARRAY's 4-byte length prefix.</summary>
    private static ReadOnlySpan<byte> NextUnscaled(ReadOnlySpan<byte> data, ref int position, in PhysicalLayout layout)
    {
        int length = layout.TypeLength;
        if (layout.Physical == PhysicalType.BYTE_ARRAY)
        {
            if (data.Length - position < 4) throw Truncated();
            length = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(position));
            position += 4;
        }

        if ((uint)length > (uint)(data.Length - position)) throw Truncated();
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    private static decimal Scaled(long unscaled, byte scale)
    {
        ulong magnitude = unscaled < 0 ? (ulong)-unscaled : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, scale);
    }

    /// <summary>A big-endian two's complement integer of up to 16 bytes that fits 96 bits, with the scale.</summary>
    private static decimal Scaled(ReadOnlySpan<byte> bigEndian, byte scale)
    {
        if (bigEndian.Length <= 8)
        {
            long small = 0;
            foreach (byte b in bigEndian) small = (small << 8) | b;
            if (bigEndian.Length is > 0 and < 8 && (bigEndian[0] & 0x80) != 0)
            {
                small -= 1L << (8 * bigEndian.Length); // sign-extend
            }

            return Scaled(small, scale);
        }

        var value = new BigInteger(bigEndian, isUnsigned: false, isBigEndian: true);
        bool negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        if (magnitude.GetBitLength() > 96)
        {
            throw new InvalidDataException("a DECIMAL value does not fit its declared precision");
        }

        var low = (ulong)(magnitude & ulong.MaxValue);
        var high = (uint)(magnitude >> 64);
        return new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)high, negative, scale);
    }
}
