using System.Text;
using Analytics.IO.Reading;

namespace Analytics.Tests.Reading;

public class StringInternerTests
{
    [Fact]
    public void RepeatedValuesShareOneInstanceAndSymbolInOrderOfFirstSight()
    {
        var interner = StringInterner.For(new ColumnSpec("customer_id", ColumnKind.String, true));
        string a = interner.Intern("C1".AsSpan(), out int first);
        string b = interner.Intern("C2"u8, out int second);
        string again = interner.Intern("C1"u8, out int third);

        Assert.Equal((0, 1, 0), (first, second, third));
        Assert.Same(a, again);
        Assert.Equal("C2", b);
    }

    [Fact]
    public void DistinctValueColumnsGetFreshStringsWithoutSymbols()
    {
        var interner = StringInterner.For(new ColumnSpec("account_id", ColumnKind.String, true, DistinctValues: true));
        string a = interner.Intern("A1".AsSpan(), out int first);
        string again = interner.Intern("A1"u8, out int second);
        // Invalid UTF-8 (a lone continuation byte) decodes as Encoding.UTF8.GetString does: U+FFFD.
        byte[] invalid = [0x41, 0x80];
        string replaced = interner.Intern(invalid, out int third);

        Assert.Equal((StringInterner.NoSymbol, StringInterner.NoSymbol, StringInterner.NoSymbol), (first, second, third));
        Assert.Equal(a, again);
        Assert.NotSame(a, again);
        Assert.Equal(Encoding.UTF8.GetString(invalid), replaced);
        Assert.Equal("A\uFFFD", replaced);
        Assert.Equal(0, interner.Count);
    }
}
