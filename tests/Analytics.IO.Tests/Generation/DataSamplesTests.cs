using System.Security.Cryptography;
using Analytics.IO.Generation;
using YamlDotNet.RepresentationModel;

namespace Analytics.Tests.Generation;

/// <summary>
/// data-samples/ is generated, so it must equal what the documented command produces. To regenerate it
/// (after a deliberate change to the generator), run this class with ANALYTICS_REGENERATE_SAMPLES=1:
/// <c>ANALYTICS_REGENERATE_SAMPLES=1 dotnet test tests/Analytics.IO.Tests --filter FullyQualifiedName~DataSamples</c>,
/// which is equivalent to <c>analytics generate --customers 500 --seed 7 --output data-samples --defects --force</c>
/// followed by renaming <c>_config.yaml</c> to <c>config.yaml</c>.
/// </summary>
public sealed class DataSamplesTests : IDisposable
{
    private static readonly string[] TableFiles = ["customers.parquet", "accounts.parquet", "fees.parquet", "cross_sales.parquet",
        "financials.parquet"];

    private readonly string _temp = Directory.CreateTempSubdirectory("analytics-samples-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>The options behind data-samples/, as the documented CLI command sets them.</summary>
    internal static GeneratorOptions SampleOptions(string output) =>
        new() { Customers = 500, Seed = 7, OutputDirectory = output, InjectDefects = true, Overwrite = true };

    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return Path.Combine(dir.FullName, "data-samples");
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Committed_samples_equal_the_documented_command()
    {
        string samples = SamplesFolder();
        bool regenerate = Environment.GetEnvironmentVariable("ANALYTICS_REGENERATE_SAMPLES") == "1";
        var summary = await SyntheticDataGenerator.GenerateAsync(SampleOptions(regenerate ? samples : _temp));
        if (regenerate)
        {
            // The sample keeps the generated configuration under the name every example uses.
            File.Move(summary.ConfigPath!, Path.Combine(samples, "config.yaml"), overwrite: true);
        }

        Assert.Equal(TableFiles, summary.Files);
        Assert.Equal(
            GeneratedConfig.Text(new DateOnly(2026, 10, 31), new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))),
            File.ReadAllText(Path.Combine(samples, "config.yaml")));
        foreach (var file in TableFiles)
        {
            string committed = Path.Combine(samples, file);
            Assert.True(File.Exists(committed), $"{committed} is missing: regenerate data-samples (see this class's summary).");
            Assert.True(
                SHA256.HashData(File.ReadAllBytes(committed)).AsSpan()
                    .SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(regenerate ? samples : _temp, file)))),
                $"{file} differs from a fresh generation: regenerate data-samples (see this class's summary).");
        }

        long bytes = Directory.GetFiles(samples).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 1_000_000, $"data-samples holds {bytes} bytes; keep it under 1 MB.");
    }

    [Fact]
    public async Task Samples_exercise_every_reject_kind_and_stay_under_the_reject_limit()
    {
        var summary = await SyntheticDataGenerator.GenerateAsync(SampleOptions(_temp));

        var parquetKinds = Enum.GetValues<PlantedDefectKind>().Where(k =>
            k is not (PlantedDefectKind.Unparsable or PlantedDefectKind.WrongFieldCount));
        Assert.Equal(parquetKinds, summary.PlantedDefects.Select(d => d.Kind).Distinct().Order());
        foreach (var table in new[] { "customers", "accounts", "fees", "cross_sales", "financials" })
        {
            int rejected = summary.PlantedDefects.Where(d => d.Table == table).Select(d => d.Row).Distinct().Count();
            Assert.InRange(rejected, 1, 0.0075 * summary.RowsOf(table));
        }

        // At most 3 bad customers rows of 500 (0.6 %): the duplicated pair and the pd 1.5 row.
        Assert.Equal(3, summary.PlantedDefects.Count(d => d.Table == "customers"));
    }

    [Fact]
    public void Sample_config_is_complete()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(SamplesFolder(), "config.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string[] sections =
        [
            "as_of", "period", "reporting_currency", "fx_rates", "ftp", "costs", "risk", "capital", "score", "segmentation",
            "pricing", "early_warning", "run", "confidential_columns",
        ];
        Assert.Equal(sections, root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("2026-10-31", Scalar(root, "as_of"));
        Assert.Equal("CNY", Scalar(root, "reporting_currency"));
        Assert.Equal("7.10", Scalar(Map(root, "fx_rates"), "USD"));
        Assert.Equal("7.70", Scalar(Map(root, "fx_rates"), "EUR"));

        var grid = Map(Map(root, "pricing"), "grid");
        Assert.Equal(["strategic", "core", "growth", "basic"], grid.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var (_, tier) in grid.Children)
        {
            var bands = (YamlMappingNode)tier;
            Assert.Equal(["low", "medium", "high"], bands.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
            foreach (var (_, cell) in bands.Children)
            {
                Assert.Equal(["loan_spread_bps", "deposit_rate_bps", "fee_discount"],
                    ((YamlMappingNode)cell).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
            }
        }

        static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];
        static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value;
    }
}
