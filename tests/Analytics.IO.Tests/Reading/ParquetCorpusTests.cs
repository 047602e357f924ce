using System.Globalization;
using System.Text.Json;
using Analytics.Core.Errors;
using Analytics.IO.Reading;
using DuckDB.NET.Data;

namespace Analytics.Tests.Reading;

/// <summary>
/// The conformance corpus: the same 1,500-row table written by arrow-rs (parquet-wasm), polars, hyparquet-writer
/// and parquetjs with their page versions, encodings and codecs, plus hand-built INT96 and FIXED_LEN_BYTE_ARRAY
/// decimal files (scripts/parquet-corpus). Every cell the engine reads must be the one the script wrote, and
/// DuckDB's reading of the same file must agree; a file the format forbids is refused with the expected sentence.
/// DuckDB and Parquet.Net files are written by the tests themselves (DirectDecodingTests).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ParquetCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reading", "Corpus");

    private static readonly Lazy<JsonDocument> Manifest =
        new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))));

    public static TheoryData<string> Files() => new(FileNames());

    private static List<string> FileNames() =>
        Manifest.Value.RootElement.GetProperty("files").EnumerateArray().Select(e => e.GetProperty("file").GetString()!).ToList();

    [Fact]
    public void Corpus_covers_every_writer_and_stays_small()
    {
        var files = FileNames();
        Assert.Equal(22, files.Count);
        foreach (string prefix in new[] { "arrow-rs-", "polars-", "hyparquet-", "parquetjs-", "hand-" })
        {
            Assert.Contains(files, f => f.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.All(files, f => Assert.InRange(new FileInfo(Path.Combine(Folder, f)).Length, 1, 200 * 1024));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_cell_is_what_the_writer_wrote_and_what_duckdb_reads(string file)
    {
        var entry = Entry(file);
        var columns = entry.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var expected = Manifest.Value.RootElement.GetProperty("expected");
        var kinds = columns.Select(c => expected.GetProperty(c).GetProperty("kind").GetString()!).ToArray();
        var schema = new TableSchema("t", columns.Select((c, i) => new ColumnSpec(c, KindOf(kinds[i]), MustExist: true)).ToArray());
        var tableFile = new TableFile(Path.Combine(Folder, file), file, TableFileFormat.Parquet);

        if (entry.TryGetProperty("error", out var error))
        {
            await using var refusing = await InputFolder.OpenAsync(tableFile, schema);
            var e = await Assert.ThrowsAsync<InputException>(() => refusing.ReadBlockAsync(0, _ => { }).AsTask());
            Assert.Equal($"'{file}' is not a readable Parquet file {error.GetString()}; re-export it.", e.Message);
            return;
        }

        var engine = await ReadWithEngineAsync(tableFile, schema);
        // DuckDB 1.5 reads neither the legacy LZ4 codec nor BYTE_STREAM_SPLIT integers: there the written cells alone judge.
        List<string>[]? duckdb = null;
        if (DuckDbCannotRead.Contains(file))
        {
            Assert.Throws<DuckDBException>(() => ReadWithDuckDb(tableFile.Path, columns, kinds));
        }
        else
        {
            duckdb = ReadWithDuckDb(tableFile.Path, columns, kinds);
        }

        int rows = Manifest.Value.RootElement.GetProperty("rows").GetInt32();
        for (int c = 0; c < columns.Length; c++)
        {
            var cells = expected.GetProperty(columns[c]).GetProperty("cells");
            Assert.Equal(rows, engine[c].Count);
            Assert.Equal(rows, duckdb?[c].Count ?? rows);
            int r = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                string want = Render(cell, kinds[c]);
                Assert.True(want == engine[c][r], $"{file} row {r + 1} column {columns[c]}: written {want}, engine read {engine[c][r]}");
                Assert.True(duckdb is null || want == duckdb[c][r],
                    $"{file} row {r + 1} column {columns[c]}: written {want}, DuckDB read {duckdb?[c][r]}");
                r++;
            }
        }
    }

    private static readonly HashSet<string> DuckDbCannotRead =
        ["arrow-rs-v1-lz4-legacy.parquet", "arrow-rs-v2-byte-stream-split.parquet", "hyparquet-byte-stream-split.parquet"];

    private static JsonElement Entry(string file) =>
        Manifest.Value.RootElement.GetProperty("files").EnumerateArray().First(e => e.GetProperty("file").GetString() == file);

    private static ColumnKind KindOf(string kind) => kind switch
    {
        "string" => ColumnKind.String,
        "date" => ColumnKind.Date,
        _ => ColumnKind.Double,
    };

    /// <summary>A written cell as text: strings as they are, numbers as the double they are (round-trip), dates yyyy-MM-dd.</summary>
    private static string Render(JsonElement cell, string kind) => cell.ValueKind switch
    {
        JsonValueKind.Null => "<null>",
        JsonValueKind.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ when kind == "decimal" => double.Parse(cell.GetString()!, CultureInfo.InvariantCulture).ToString("R",
            CultureInfo.InvariantCulture),
        _ => cell.GetString()!,
    };

    private static async Task<List<string>[]> ReadWithEngineAsync(TableFile file, TableSchema schema)
    {
        var columns = schema.Columns.Select(_ => new List<string>()).ToArray();
        await using var reader = await InputFolder.OpenAsync(file, schema);
        for (int block = 0; block < reader.BlockCount; block++)
        {
            await reader.ReadBlockAsync(block, batch =>
            {
                for (int c = 0; c < columns.Length; c++)
                {
                    var column = batch.Columns[c];
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        columns[c].Add(column.State[i] != CellState.Value ? "<null>" : column.Kind switch
                        {
                            ColumnKind.String => column.Strings![i]!,
                            ColumnKind.Date => DateOnly.FromDayNumber(column.Ints![i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            _ => column.Doubles![i].ToString("R", CultureInfo.InvariantCulture),
                        });
                    }
                }
            });
        }

        return columns;
    }

    private static List<string>[] ReadWithDuckDb(string path, string[] names, string[] kinds)
    {
        var columns = names.Select(_ => new List<string>()).ToArray();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {string.Join(", ", names.Select(n => '"' + n + '"'))} FROM read_parquet('{path.Replace("'", "''")}')";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            for (int c = 0; c < names.Length; c++)
            {
                object value = reader.GetValue(c);
                columns[c].Add(value is DBNull ? "<null>" : kinds[c] switch
                {
                    "string" => (string)value,
                    "date" => value switch
                    {
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        _ => throw new InvalidOperationException(value.GetType().Name),
                    },
                    _ => value switch
                    {
                        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
                        decimal m => double.Parse(m.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                            .ToString("R", CultureInfo.InvariantCulture),
                        System.Numerics.BigInteger b => ((double)b).ToString("R", CultureInfo.InvariantCulture),
                        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
                    },
                });
            }
        }

        return columns;
    }
}
