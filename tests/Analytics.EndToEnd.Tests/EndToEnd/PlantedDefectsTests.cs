using Analytics.IO.Generation;
using Analytics.IO.Reading;
using Analytics.IO.Validation;

namespace Analytics.Tests.EndToEnd;

/// <summary>The generator plants bad rows and says where; the engine must reject exactly those rows for exactly those reasons.</summary>
public sealed class PlantedDefectsTests
{
    private static RejectReason Expected(PlantedDefectKind kind) => kind switch
    {
        PlantedDefectKind.DuplicateKey => RejectReason.DuplicateKey,
        PlantedDefectKind.UnknownCustomer => RejectReason.UnknownCustomer,
        PlantedDefectKind.NegativeValue => RejectReason.NegativeValue,
        PlantedDefectKind.OutOfRange => RejectReason.OutOfRange,
        PlantedDefectKind.UnknownCurrency => RejectReason.UnknownCurrency,
        PlantedDefectKind.UnknownProductType => RejectReason.UnknownProductType,
        PlantedDefectKind.NotANumber or PlantedDefectKind.Infinite => RejectReason.NotFinite,
        PlantedDefectKind.Unparsable => RejectReason.Unparsable,
        PlantedDefectKind.DateOutOfRange => RejectReason.DateOutOfRange,
        PlantedDefectKind.WrongFieldCount => RejectReason.WrongFieldCount,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData(TableFileFormat.Parquet)]
    [InlineData(TableFileFormat.Csv)]
    public async Task Engine_rejects_exactly_the_planted_rows(TableFileFormat format)
    {
        string dir = Path.Combine(Path.GetTempPath(), "analytics-planted-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = await SyntheticDataGenerator.GenerateAsync(new GeneratorOptions
            {
                Customers = 300, Seed = 11, OutputDirectory = dir, Format = format, InjectDefects = true,
            });
            var config = TestEngineConfig.Create() with
            {
                FxRates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 7.10, ["EUR"] = 7.70 },
            };
            var loaded = await PortfolioLoader.LoadAsync(dir, config, includeConfidential: false);

            var expected = summary.PlantedDefects
                .Select(d => (d.Table, d.File, d.Row, d.Column ?? "", Expected(d.Kind)))
                .Order()
                .ToArray();
            var actual = loaded.Rejects.Items
                .Select(r => (r.Table, r.File, r.Row, r.Column, r.Reason))
                .Order()
                .ToArray();
            Assert.Equal(expected, actual);
            Assert.NotEmpty(expected);
            PortfolioLoader.EnforceGates(loaded, config with { Run = new Core.Configuration.RunConfig { MaxRejectRate = 1.0 } });
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
