using System.Globalization;
using Analytics.IO.Reading;
using Parquet;

namespace Analytics.Tests.Reading;

/// <summary>Reads files through both paths of <see cref="ParquetTableReader"/> and compares every batch.</summary>
internal static class DirectDecodingKit
{
    /// <summary>
    /// Every top-level column of the file, each requested as every kind it can be read as (numbers both as Double
    /// and as Int), so one comparison covers every conversion.
    /// </summary>
    public static async Task<TableSchema> AllColumnsAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        // The reader's own options, so unannotated byte arrays count as text.
        await using var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions
        {
            TreatByteArrayAsString = true,
            UseDateOnlyTypeForDates = true
        });
        var columns = new List<ColumnSpec>();
        foreach (var field in reader.Schema.Fields)
        {
            foreach (var kind in new[] { ColumnKind.String, ColumnKind.Double, ColumnKind.Int, ColumnKind.Date })
            {
                if (ParquetTypeMapping.Accepts(kind, field))
                {
                    columns.Add(new ColumnSpec(field.Name, kind, MustExist: true));
                }
            }
        }

        return new TableSchema("t", columns);
    }

    /// <summary>
    /// Asserts that the direct decoder and Parquet.Net deliver identical batches for every block: states, strings,
    /// symbols, doubles bit for bit, ints. Returns the chunks the direct reader decoded itself and those it left to
    /// Parquet.Net.
    /// </summary>
    public static async Task<(long Direct, long ParquetNet)> AssertBothPathsAgreeAsync(string path, TableSchema? schema = null)
    {
        schema ??= await AllColumnsAsync(path);
        var file = new TableFile(path, Path.GetFileName(path), TableFileFormat.Parquet);
        await using var direct = await ParquetTableReader.OpenAsync(file, schema, direct: true, default);
        await using var parquetNet = await ParquetTableReader.OpenAsync(file, schema, direct: false, default);
        Assert.Equal(parquetNet.BlockCount, direct.BlockCount);
        for (int block = 0; block < direct.BlockCount; block++)
        {
            var expected = await SnapshotAsync(parquetNet, block);
            var actual = await SnapshotAsync(direct, block);
            Assert.Equal(expected.Count, actual.Count);
            for (int c = 0; c < expected.Count; c++)
            {
                Assert.True(expected[c].SequenceEqual(actual[c]),
                    $"{file.DisplayName} block {block}, column {schema.Columns[c % schema.Columns.Count].Name}: first difference at "
                    + FirstDifference(expected[c], actual[c]));
            }
        }

        Assert.Equal(0, parquetNet.DirectChunks);
        return (direct.DirectChunks, direct.ParquetNetChunks);
    }

    /// <summary>
    /// Asserts that two files holding the same data (written by different writers or with different encodings, in
    /// the same row groups) deliver identical batches through the engine's decoder; returns the chunks it decoded.
    /// </summary>
    public static async Task<long> AssertFilesReadAlikeAsync(string expectedPath, string actualPath, TableSchema schema)
    {
        await using var expected = await ParquetTableReader.OpenAsync(
            new TableFile(expectedPath, Path.GetFileName(expectedPath), TableFileFormat.Parquet), schema, direct: true, default);
        await using var actual = await ParquetTableReader.OpenAsync(
            new TableFile(actualPath, Path.GetFileName(actualPath), TableFileFormat.Parquet), schema, direct: true, default);
        Assert.Equal(expected.BlockCount, actual.BlockCount);
        for (int block = 0; block < expected.BlockCount; block++)
        {
            var want = await SnapshotAsync(expected, block);
            var got = await SnapshotAsync(actual, block);
            for (int c = 0; c < want.Count; c++)
            {
                Assert.True(want[c].SequenceEqual(got[c]),
                    $"{Path.GetFileName(actualPath)} block {block}, column {schema.Columns[c % schema.Columns.Count].Name}: first "
                        + $"difference at "
                    + FirstDifference(want[c], got[c]));
            }
        }

        Assert.Equal(0, actual.ParquetNetChunks);
        return actual.DirectChunks;
    }

    private static string FirstDifference(List<string> expected, List<string> actual)
    {
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected[i] != actual[i])
            {
                return $"row {i}: Parquet.Net '{expected[i]}', direct '{actual[i]}'";
            }
        }

        return $"lengths {expected.Count} and {actual.Count}";
    }

    /// <summary>One list of rendered cells per column per batch (state|string|symbol|double bits|int, plus the row number).</summary>
    private static async Task<List<List<string>>> SnapshotAsync(ParquetTableReader reader, int block)
    {
        var columns = new List<List<string>>();
        await reader.ReadBlockAsync(block, batch =>
        {
            foreach (var column in batch.Columns)
            {
                var cells = new List<string>(batch.RowCount);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    long bits = column.Doubles is { } d ? BitConverter.DoubleToInt64Bits(d[i]) : 0;
                    cells.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{batch.FirstRowNumber + i}|{column.State[i]}|{(column.Strings is { } s ? s[i] ?? "<null>" : "")}|"
                        + $"{column.Symbols?[i]}|{bits}|{column.Ints?[i]}"));
                }

                Assert.True(column.Kind != ColumnKind.String || column.SymbolSpace is StringInterner);
                columns.Add(cells);
            }
        });
        return columns;
    }
}
