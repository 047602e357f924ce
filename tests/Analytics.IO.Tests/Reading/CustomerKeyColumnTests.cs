using System.Text;
using System.Text.Json;
using Analytics.IO.Reading;
using Parquet.Schema;

namespace Analytics.Tests.Reading;

/// <summary>
/// customer_id columns read straight to customer indices (<see cref="CustomerKeys"/>, <see cref="ColumnData.Customers"/>):
/// every cell must resolve as the ordinal lookup of its decoded text does (<see cref="Encoding.UTF8"/>'s <c>GetString</c>,
/// invalid bytes becoming U+FFFD), and the text must be kept exactly for the cells that are no accepted customer.
/// </summary>
public class CustomerKeyColumnTests
{
    private static readonly Dictionary<string, int> Index = new(StringComparer.Ordinal)
    {
        ["C1"] = 0,
        ["C2"] = 1,
        ["CΩ"] = 2,
        ["C\uFFFD"] = 3,
        ["a-much-longer-customer-identifier-of-more-than-sixty-four-characters-0001"] = 4,
        // A lone surrogate has no UTF-8 form: no cell can decode to it.
        ["C\uD800"] = 5,
    };

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Plain(params byte[][] values) =>
        values.SelectMany(v => BitConverter.GetBytes(v.Length).Concat(v)).ToArray();

    /// <summary>The reference: decode as the string path does, then the ordinal lookup.</summary>
    private static int Expected(byte[] utf8)
    {
        string text = Encoding.UTF8.GetString(utf8);
        return text.Length == 0 ? CustomerKeys.Empty : Index.TryGetValue(text, out int c) ? c : CustomerKeys.Unknown;
    }

    // Known ids (ASCII, non-ASCII, long), unknown ones, an empty one, and invalid UTF-8: "C" + 0xFF decodes to
    // "C\uFFFD", a customer; a lone 0xFF decodes to "\uFFFD", which is not; the CESU form of U+D800 is invalid too.
    private static readonly byte[][] Cells =
    [
        Utf8("C1"), Utf8("C9"), Utf8(""), Utf8("CΩ"), [0x43, 0xFF], [0xFF], Utf8("C2"),
        Utf8("a-much-longer-customer-identifier-of-more-than-sixty-four-characters-0001"), [0x43, 0xED, 0xA0, 0x80],
        Utf8("c1"), Utf8("C1 "), Utf8("C\uFFFD"),
    ];

    [Fact]
    public void Keys_resolve_every_cell_as_the_ordinal_lookup_of_its_text()
    {
        var keys = new CustomerKeys(Index);
        foreach (var cell in Cells)
        {
            int customer = keys.Resolve(cell, out string? text);

            Assert.Equal(Expected(cell), customer);
            Assert.Equal(customer < 0 ? Encoding.UTF8.GetString(cell) : null, text);
        }

        Assert.Equal(0, keys.Resolve(Utf8("C1"), out _));
        Assert.Equal(3, keys.Resolve([0x43, 0xFF], out _));
        Assert.Equal(CustomerKeys.Unknown, keys.Resolve([0x43, 0xED, 0xA0, 0x80], out var lone));
        Assert.Equal("C\uFFFD\uFFFD\uFFFD", lone);
    }

    [Fact]
    public void Keys_find_each_of_many_ids_and_no_neighbour()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 50_000; i++)
        {
            index[$"CUST-{i:D7}"] = i;
        }

        var keys = new CustomerKeys(index);
        for (int i = 0; i < 50_000; i++)
        {
            Assert.Equal(i, keys.Resolve(Utf8($"CUST-{i:D7}"), out _));
            Assert.Equal(CustomerKeys.Unknown, keys.Resolve(Utf8($"CUST-{i:D7}x"), out _));
        }

        Assert.Equal(CustomerKeys.Unknown, keys.Resolve(Utf8("CUST-0050000"), out _));
    }

    [Fact]
    public void Plain_values_become_customer_indices_with_text_only_where_no_customer()
    {
        var target = Read(buffer =>
        {
            buffer.BeginDirect(Cells.Length);
            buffer.AcceptPlainValues(Plain(Cells[..5]), 0, 5);
            buffer.AcceptPlainValues(Plain(Cells[5..]), 5, Cells.Length - 5);
        }, Cells.Length);

        AssertCells(Cells, target);
    }

    [Fact]
    public void Dictionary_entries_then_plain_fallback_become_customer_indices()
    {
        // Entries in another order than first use, one entry never used, a PLAIN page after dictionary pages.
        byte[][] entries = [Cells[1], Cells[0], Cells[4], Cells[2], Cells[3], Utf8("never"), Cells[5]];
        int[] first = [1, 0, 3, 2, 4, 6, 1, 0];
        int[] last = [2, 1];
        byte[][] plain = [Cells[7], Cells[8], Cells[2]];
        var expected = first.Select(e => entries[e]).Concat(plain).Concat(last.Select(e => entries[e])).ToArray();

        var target = Read(buffer =>
        {
            buffer.BeginDirect(expected.Length);
            buffer.AcceptDictionaryPage(Plain(entries), entries.Length);
            buffer.AcceptDictionaryIndices(first, 0);
            buffer.AcceptPlainValues(Plain(plain), first.Length, plain.Length);
            buffer.AcceptDictionaryIndices(last, first.Length + plain.Length);
        }, expected.Length);

        AssertCells(expected, target);
    }

    [Fact]
    public void A_batch_fills_indices_and_texts_of_its_own_rows_across_two_fills()
    {
        var keys = new CustomerKeys(Index);
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("customer_id", false), new StringInterner(), keys);
        buffer.BeginDirect(Cells.Length);
        buffer.AcceptPlainValues(Plain(Cells), 0, Cells.Length);
        var target = new ColumnData(ColumnKind.String, 8);

        buffer.Fill(target, 7);
        AssertCells(Cells[..7], target);
        buffer.Fill(target, Cells.Length - 7);
        AssertCells(Cells[7..], target);
    }

    [Fact]
    public void Index_past_the_dictionary_is_rejected_in_customer_mode_too()
    {
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("customer_id", false), new StringInterner(),
            new CustomerKeys(Index));
        buffer.BeginDirect(2);
        buffer.AcceptDictionaryPage(Plain(Utf8("C1")), 1);

        var e = Assert.Throws<InvalidDataException>(() => buffer.AcceptDictionaryIndices([0, 1], 0));

        Assert.Equal("dictionary index 1 is outside the dictionary of 1 entries", e.Message);
    }

    [Fact]
    public void Without_customer_keys_the_column_stays_text()
    {
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("customer_id", false), new StringInterner());
        var target = new ColumnData(ColumnKind.String, 2);
        buffer.BeginDirect(2);
        buffer.AcceptPlainValues(Plain(Utf8("C1"), Utf8("C9")), 0, 2);
        buffer.Fill(target, 2);

        Assert.False(target.HasCustomers);
        Assert.Equal(["C1", "C9"], target.Strings!.Select(s => s!).ToArray());
    }

    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Reading", "Corpus");

    public static TheoryData<string> CorpusFiles()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "manifest.json")));
        return new(manifest.RootElement.GetProperty("files").EnumerateArray()
            .Where(e => !e.TryGetProperty("error", out _)
                && e.GetProperty("columns").EnumerateArray().Any(c => c.GetString() == "customer_id"))
            .Select(e => e.GetProperty("file").GetString()!));
    }

    /// <summary>
    /// Files of other writers (dictionary pages, dictionaries falling back to PLAIN mid-chunk, v2 pages, DELTA text read
    /// by Parquet.Net): every customer_id cell read with keys for every other distinct id must give what its text gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Corpus_customer_ids_resolve_as_their_text_does(string name)
    {
        var file = new TableFile(Path.Combine(Corpus, name), name, TableFileFormat.Parquet);
        var textSchema = new TableSchema("t", [new ColumnSpec("customer_id", ColumnKind.String, MustExist: true)]);
        var texts = new List<string?>();
        await using (var reader = await ParquetTableReader.OpenAsync(file, textSchema, direct: true, CancellationToken.None))
        {
            for (int b = 0; b < reader.BlockCount; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var column = batch.Columns[0];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        texts.Add(column.State[i] == CellState.Value ? column.Strings![i] : null);
                    }
                });
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts.Where(t => !string.IsNullOrEmpty(t)).Distinct().Where((_, k) => k % 2 == 0))
        {
            index[text!] = index.Count;
        }

        Assert.NotEmpty(index);
        var keySchema = new TableSchema("t", [new ColumnSpec("customer_id", ColumnKind.String, MustExist: true, CustomerKey: true)])
        {
            CustomerKeys = new CustomerKeys(index),
        };
        int row = 0, resolved = 0;
        await using (var reader = await ParquetTableReader.OpenAsync(file, keySchema, direct: true, CancellationToken.None))
        {
            for (int b = 0; b < reader.BlockCount; b++)
            {
                await reader.ReadBlockAsync(b, batch =>
                {
                    var column = batch.Columns[0];
                    for (int i = 0; i < batch.RowCount; i++, row++)
                    {
                        string? text = texts[row];
                        Assert.Equal(text is null ? CellState.Null : CellState.Value, column.State[i]);
                        if (text is null)
                        {
                            continue;
                        }

                        if (!column.HasCustomers)
                        {
                            Assert.Equal(text, column.Strings![i]);
                            continue;
                        }

                        resolved++;
                        int expected = text.Length == 0 ? CustomerKeys.Empty
                            : index.TryGetValue(text, out int c) ? c : CustomerKeys.Unknown;
                        Assert.Equal(expected, column.Customers![i]);
                        if (expected < 0)
                        {
                            Assert.Equal(text, column.Strings![i]);
                        }
                    }
                });
            }
        }

        Assert.Equal(texts.Count, row);
        // Only DELTA-encoded text goes through Parquet.Net, which delivers strings.
        Assert.True(resolved > 0 || name.Contains("delta", StringComparison.Ordinal), name);
    }

    private static ColumnData Read(Action<ParquetColumnBuffer> load, int rows)
    {
        var buffer = ParquetColumnBuffer.For(new DataField<ReadOnlyMemory<char>>("customer_id", false), new StringInterner(),
            new CustomerKeys(Index));
        load(buffer);
        var target = new ColumnData(ColumnKind.String, rows);
        buffer.Fill(target, rows);
        return target;
    }

    private static void AssertCells(byte[][] cells, ColumnData target)
    {
        Assert.True(target.HasCustomers);
        for (int i = 0; i < cells.Length; i++)
        {
            Assert.Equal(CellState.Value, target.State[i]);
            int expected = Expected(cells[i]);
            Assert.Equal(expected, target.Customers![i]);
            if (expected < 0)
            {
                Assert.Equal(Encoding.UTF8.GetString(cells[i]), target.Strings![i]);
            }
        }
    }
}
