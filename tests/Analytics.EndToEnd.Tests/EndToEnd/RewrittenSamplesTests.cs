using Analytics.Tests.Writing;
using DuckDB.NET.Data;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// data-samples/ rewritten by other writers — DuckDB with PARQUET_VERSION V1 and V2, arrow-rs v1 (dictionary,
/// SNAPPY), v2 (DELTA encodings, ZSTD) and with the legacy LZ4 codec, polars, parquetjs (PLAIN v2 pages, GZIP) —
/// scores to the very tables the original publishes, byte for byte. Also: every table the original run publishes
/// reads back the same, cell by cell, in Parquet.Net, DuckDB and arrow-rs, with each chunk's statistics those of its
/// cells.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class RewrittenSamplesTests(RewrittenSamplesTests.Samples samples) : IClassFixture<RewrittenSamplesTests.Samples>
{
    public static TheoryData<string> Variants() => new(Samples.DuckDbVariants.Keys.Concat(Samples.NodeVariants).ToArray());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Scoring_the_rewritten_samples_publishes_the_original_tables(string variant)
    {
        await samples.ReadyAsync();
        string input = Path.Combine(samples.Root, variant);
        Assert.Equal(samples.Tables, Directory.GetFiles(input, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string output = Path.Combine(samples.Root, "out-" + variant);
        var (exit, stdout, stderr) = await RunHarness.Run("score", "--input", input, "--config", samples.Config, "--output", output);
        Assert.True(exit == 0, stderr);
        Assert.Equal(samples.Summary, stdout.Split('\n')[0][..samples.Summary.Length]);
        var published = Directory.GetFiles(output, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Directory.GetFiles(samples.Original, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal), published);
        foreach (string? table in published)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(samples.Original, table!)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(output, table!))), $"{variant}: {table} differs from the original run's");
        }
    }

    [Fact]
    public async Task Every_published_table_reads_back_the_same_in_Parquet_Net_DuckDB_and_arrow_rs_with_true_statistics()
    {
        await samples.ReadyAsync();
        var files = Directory.GetFiles(samples.Original, "*.parquet").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 9);
        var arrowRs = await ParquetReadBack.ArrowRsAsync(files);
        foreach (string file in files)
        {
            var reference = await ParquetReadBack.ParquetNetAsync(file);
            foreach (var other in new[] { ParquetReadBack.DuckDb(file), arrowRs[file] })
            {
                Assert.Equal(reference.Names, other.Names);
                for (int c = 0; c < reference.Names.Count; c++)
                {
                    Assert.True(reference.Cells[c].SequenceEqual(other.Cells[c]),
                        $"{Path.GetFileName(file)}: {other.Reader} reads column {reference.Names[c]} differently from Parquet.Net");
                }
            }

            var statistics = await ParquetReadBack.FooterStatisticsAsync(file);
            int rows = reference.Cells.Count == 0 ? 0 : reference.Cells[0].Length;
            Assert.All(statistics, s => Assert.Equal(0, s.RowGroup)); // well under a million rows
            for (int c = 0; c < reference.Names.Count; c++)
            {
                var (min, max, nulls) = ParquetReadBack.Expected(reference.Cells[c], 0, rows, reference.Kinds![c]);
                Assert.Equal((reference.Names[c], min, max, nulls), (statistics[c].Column, statistics[c].Min, statistics[c].Max,
                    statistics[c].NullCount));
            }
        }
    }

    /// <summary>The original run and the rewritten inputs, made once for the class.</summary>
    public sealed class Samples : IDisposable
    {
        /// <summary>DuckDB's COPY options per variant (row groups of 400 rows, so there are many).</summary>
        public static readonly Dictionary<string, string> DuckDbVariants = new(StringComparer.Ordinal)
        {
            ["duckdb-v1-snappy"] = "PARQUET_VERSION V1, COMPRESSION snappy, ROW_GROUP_SIZE 400",
            ["duckdb-v2-zstd"] = "PARQUET_VERSION V2, COMPRESSION zstd, ROW_GROUP_SIZE 400",
        };

        /// <summary>The folders scripts/parquet-interop/rewrite-tables.mjs writes.</summary>
        public static readonly string[] NodeVariants =
            ["arrow-rs-v1-dictionary-snappy", "arrow-rs-v2-delta-zstd", "arrow-rs-v1-lz4-legacy", "polars-zstd", "parquetjs-v2-gzip"];

        private readonly Lazy<Task> _ready;

        public Samples()
        {
            Root = Path.Combine(Path.GetTempPath(), "analytics-rewritten-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Root);
            string samples = Path.Combine(RunHarness.RepoRoot(), "data-samples");
            Config = Path.Combine(samples, "config.yaml");
            Original = Path.Combine(Root, "out-original");
            Tables = Directory.GetFiles(samples, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            _ready = new Lazy<Task>(() => PrepareAsync(samples));
        }

        public string Root { get; }

        public string Config { get; }

        /// <summary>The published folder of the run on data-samples as it is.</summary>
        public string Original { get; }

        public string?[] Tables { get; }

        /// <summary>The original run's first line without the output path ("Scored N customers (M rows rejected)").</summary>
        public string Summary { get; private set; } = "";

        public Task ReadyAsync() => _ready.Value;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private async Task PrepareAsync(string samples)
        {
            var (exit, stdout, stderr) = await RunHarness.Run("score", "--input", samples, "--config", Config, "--output", Original);
            Assert.True(exit == 0, stderr);
            Summary = stdout[..stdout.IndexOf(';', StringComparison.Ordinal)];

            using (var connection = new DuckDBConnection("DataSource=:memory:"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                foreach (var (variant, options) in DuckDbVariants)
                {
                    Directory.CreateDirectory(Path.Combine(Root, variant));
                    foreach (string? table in Tables)
                    {
                        command.CommandText = $"COPY (SELECT * FROM read_parquet('{Path.Combine(samples, table!)}')) TO "
                            + $"'{Path.Combine(Root, variant, table!)}' (FORMAT parquet, {options})";
                        command.ExecuteNonQuery();
                    }
                }
            }

            await NodeParquet.RunAsync("rewrite-tables.mjs", samples, Root);
        }
    }
}
