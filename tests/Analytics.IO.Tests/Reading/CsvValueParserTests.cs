using Analytics.IO.Reading;

namespace Analytics.Tests.Reading;

public class CsvValueParserTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1234.56", 1234.56)]
    [InlineData("-1234.56", -1234.56)]
    [InlineData("+3", 3.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("1e5", 100000.0)]
    [InlineData("-1.5E-3", -0.0015)]
    [InlineData(" 2 ", 2.0)]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+INF", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("1e400", double.PositiveInfinity)]
    public void Doubles(string text, double expected)
    {
        Assert.True(CsvValueParser.TryParseDouble(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("12abc")]
    [InlineData("€12")]
    [InlineData("infinite")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    public void Not_doubles(string text) => Assert.False(CsvValueParser.TryParseDouble(text, out _));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("+7", 7)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Ints(string text, int expected)
    {
        Assert.True(CsvValueParser.TryParseInt(text, out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("ten")]
    public void Not_ints(string text) => Assert.False(CsvValueParser.TryParseInt(text, out _));

    [Theory]
    [InlineData("2024-01-31", 2024, 1, 31)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("1900-01-01", 1900, 1, 1)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData("2024-01-05T10:20:30", 2024, 1, 5)]
    [InlineData("2024-01-05T23:59:59Z", 2024, 1, 5)]
    [InlineData("2024-01-05T10:20:30.123456", 2024, 1, 5)]
    [InlineData("2024-01-05T10:20:30.5Z", 2024, 1, 5)]
    public void Dates(string text, int y, int m, int d)
    {
        Assert.True(CsvValueParser.TryParseDate(text, out int day));
        Assert.Equal(new DateOnly(y, m, d).DayNumber, day);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("2024-1-5")]
    [InlineData("2024/01/05")]
    [InlineData("05.01.2024")]
    [InlineData("20240105")]
    [InlineData(" 2024-01-05")]
    [InlineData("2024-01-05 ")]
    [InlineData("2024-01-05 10:20:30")]
    [InlineData("2024-01-05T10:20")]
    [InlineData("2024-01-05T24:00:00")]
    [InlineData("2024-01-05T10:20:30+02:00")]
    [InlineData("2024-01-05T10:20:30.")]
    [InlineData("2024-01-05Z")]
    public void Not_dates(string text) => Assert.False(CsvValueParser.TryParseDate(text, out _));
}
