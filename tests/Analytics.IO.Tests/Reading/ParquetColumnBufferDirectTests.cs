using Analytics.IO.Reading;
using Parquet.Schema;

namespace Analytics.Tests.Reading;

public class ParquetColumnBufferDirectTests
{
    private static byte[] Plain(params string[] values) =>
        values.SelectMany(v => BitConverter.GetBytes(v.Length).Concat(System.Text.Encoding.UTF8.GetBytes(v))).ToArray();

    [Fact]
    public void Plain_page_after_dictionary_pages_keeps_values_and_first_sight_symbols()
    {
        // Some writers fall back to PLAIN pages when a chunk's dictionary grows too large.
        var interner = new StringInterner();
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("s", false), interner);
        var target = new ColumnData(ColumnKind.String, 6);

        buffer.BeginDirect(6);
        buffer.AcceptDictionaryPage(Plain("x", "y"), 2);
        buffer.AcceptDictionaryIndices([1, 0, 1], 0);
        buffer.AcceptPlainValues(Plain("z", "x"), 3, 2);
        buffer.AcceptDictionaryIndices([0], 5);
        buffer.Fill(target, 6);

        // Symbols in order of first sight: y = 0, x = 1, z = 2.
        Assert.Equal(["y", "x", "y", "z", "x", "x"], target.Strings!.Select(s => s!).ToArray());
        Assert.Equal([0, 1, 0, 2, 1, 1], target.Symbols!);
        Assert.All(target.State, s => Assert.Equal(CellState.Value, s));
        Assert.Same(interner, target.SymbolSpace);
    }

    [Fact]
    public void Dictionary_entries_are_interned_when_first_used_not_in_dictionary_order()
    {
        var interner = new StringInterner();
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("s", false), interner);
        var target = new ColumnData(ColumnKind.String, 3);

        buffer.BeginDirect(3);
        buffer.AcceptDictionaryPage(Plain("never", "b", "a"), 3);
        buffer.AcceptDictionaryIndices([2, 1, 2], 0);
        buffer.Fill(target, 3);

        Assert.Equal(["a", "b", "a"], target.Strings!.Select(s => s!).ToArray());
        Assert.Equal([0, 1, 0], target.Symbols!);
        Assert.Equal(2, interner.Count);
    }

    [Fact]
    public void Index_past_the_dictionary_is_rejected_while_reading()
    {
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("s", false), new StringInterner());
        buffer.BeginDirect(2);
        buffer.AcceptDictionaryPage(Plain("a"), 1);

        var e = Assert.Throws<InvalidDataException>(() => buffer.AcceptDictionaryIndices([0, 1], 0));

        Assert.Equal("dictionary index 1 is outside the dictionary of 1 entries", e.Message);
    }

    [Fact]
    public void Text_by_symbol_leaves_rows_with_a_symbol_without_a_string_and_text_at_gives_every_value()
    {
        var interner = new StringInterner();
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("s", false), interner, textBySymbol: true);
        var target = new ColumnData(ColumnKind.String, 4);
        string tooLong = new('z', StringInterner.MaxInternedLength + 1);

        buffer.BeginDirect(4);
        buffer.AcceptDictionaryPage(Plain("x", tooLong, ""), 3);
        buffer.AcceptDictionaryIndices([0, 1, 2, 0], 0);
        buffer.Fill(target, 4);

        Assert.True(target.TextBySymbol);
        Assert.Equal([0, StringInterner.NoSymbol, 1, 0], target.Symbols!);
        // Only the value without a symbol (too long to intern) is stored per row.
        Assert.Equal(new string?[] { null, tooLong, null, null }, target.Strings!.AsEnumerable());
        Assert.Equal(new string?[] { "x", tooLong, "", "x" }, Enumerable.Range(0, 4).Select(target.TextAt));
    }
}
