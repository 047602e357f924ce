using System.Globalization;
using Analytics.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Analytics.IO.Configuration;

/// <summary>
/// Builds an <see cref="EngineConfig"/> from the root mapping of a configuration file, section by section in docs/METHODOLOGY.md §2
/// order, validating every value as it is read. The first problem found throws; cross-key rules run once both
/// keys are known.
/// </summary>
internal sealed partial class EngineConfigReader(ConfigNodeReader reader)
{
    private static readonly string[] RootKeys =
    [
        "as_of", "period", "reporting_currency", "fx_rates", "ftp", "costs", "risk", "capital", "score",
        "segmentation", "pricing", "early_warning", "run", "confidential_columns",
    ];

    private static readonly string[] ProductKeys = ["loan", "overdraft", "deposit", "guarantee"];
    private const string ProductRemedy = "use only the product names loan, overdraft, deposit and guarantee";
    private const string CellExample = "loan_spread_bps, deposit_rate_bps and fee_discount";

    private readonly ConfigNodeReader _r = reader;

    /// <summary>Reads and validates the whole configuration.</summary>
    public EngineConfig Read(YamlMappingNode root)
    {
        MappingReader m = MappingReader.Open(_r, root, "", RootKeys);

        DateOnly asOf = _r.Date(m.Required("as_of", "the run date in yyyy-MM-dd form, such as as_of: 2026-10-31"), "as_of");
        ReportingPeriod period = ReadPeriod(m.Required("period",
            "start and end dates, such as period: { start: 2026-10-01, end: 2026-10-31 }"));

        string currency = m.Optional("reporting_currency") is { } currencyNode
            ? ReadCurrency(currencyNode, "reporting_currency")
            : "CNY";
        IReadOnlyDictionary<string, double> fx = m.Optional("fx_rates") is { } fxNode
            ? ReadFxRates(fxNode, currency)
            : new Dictionary<string, double>(StringComparer.Ordinal);

        FtpConfig ftp = m.Optional("ftp") is { } ftpNode ? ReadFtp(ftpNode) : new FtpConfig();
        CostConfig costs = m.Optional("costs") is { } costNode ? ReadCosts(costNode) : new CostConfig();
        RiskConfig risk = m.Optional("risk") is { } riskNode ? ReadRisk(riskNode) : new RiskConfig();
        CapitalConfig capital = m.Optional("capital") is { } capitalNode ? ReadCapital(capitalNode) : new CapitalConfig();
        CheckFloorDenominator(capital, risk);
        ScoreConfig score = m.Optional("score") is { } scoreNode ? ReadScore(scoreNode) : new ScoreConfig();
        SegmentationConfig segmentation = m.Optional("segmentation") is { } segNode ? ReadSegmentation(segNode) : new SegmentationConfig();
        PricingConfig pricing = ReadPricing(m.Optional("pricing"), segmentation);
        EarlyWarningConfig earlyWarning = m.Optional("early_warning") is { } ewNode ? ReadEarlyWarning(ewNode) : new EarlyWarningConfig();
        RunConfig run = m.Optional("run") is { } runNode ? ReadRun(runNode) : new RunConfig();

        var config = new EngineConfig
        {
            AsOf = asOf,
            Period = period,
            ReportingCurrency = currency,
            FxRates = fx,
            Ftp = ftp,
            Costs = costs,
            Risk = risk,
            Capital = capital,
            Score = score,
            Segmentation = segmentation,
            Pricing = pricing,
            EarlyWarning = earlyWarning,
            Run = run,
        };
        if (m.Optional("confidential_columns") is { } columnsNode)
            config = config with { ConfidentialColumns = ReadConfidentialColumns(columnsNode) };
        return config;
    }

    private ReportingPeriod ReadPeriod(YamlNode node)
    {
        const string Path = "period";
        MappingReader m = Open(node, Path, "start and end dates, such as { start: 2026-10-01, end: 2026-10-31 }", ["start", "end"]);
        DateOnly start = _r.Date(m.Required("start", "the first day of the period in yyyy-MM-dd form"), "period.start");
        YamlNode endNode = m.Required("end", "the last day of the period in yyyy-MM-dd form");
        DateOnly end = _r.Date(endNode, "period.end");
        if (end < start)
        {
            throw _r.Error("period.end", endNode,
                $"key 'period.end' is {Iso(end)}, before period.start {Iso(start)}",
                "make the period end on or after its start (both days are included)");
        }
        return new ReportingPeriod(start, end);
    }

    private string ReadCurrency(YamlNode node, string path)
    {
        string code = _r.Text(node, path, "a three-letter currency code such as CNY");
        if (!ConfigNodeReader.IsCurrencyCode(code))
            throw _r.Error(path, node, $"key '{path}' is '{code}' but must be a currency code of three upper-case letters",
                "write an ISO 4217 code such as CNY");
        return code;
    }

    private Dictionary<string, double> ReadFxRates(YamlNode node, string reportingCurrency)
    {
        const string Path = "fx_rates";
        YamlMappingNode map = _r.Mapping(node, Path, "a mapping of currency code to rate, such as { USD: 7.10, EUR: 7.70 }");
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string code, YamlNode keyNode, YamlNode value) in MappingReader.Entries(_r, map, Path))
        {
            string key = ConfigNodeReader.Child(Path, code);
            if (!ConfigNodeReader.IsCurrencyCode(code))
                throw _r.Error(key, keyNode, $"key '{key}' names '{code}', which is not a currency code of three upper-case letters",
                    "write an ISO 4217 code such as USD");
            double rate = _r.Number(value, key, Bound.Positive);
            if (code == reportingCurrency && rate != 1.0)
                throw _r.Error(key, value, $"key '{key}' gives a rate for the reporting currency {code}, which is 1 by definition",
                    "remove the entry");
            rates.Add(code, rate);
        }
        return rates;
    }

    private RunConfig ReadRun(YamlNode node)
    {
        MappingReader m = Open(node, "run", "a mapping such as { max_reject_rate: 0.01 }", ["max_reject_rate"]);
        return new RunConfig { MaxRejectRate = Number(m, "max_reject_rate", new RunConfig().MaxRejectRate, Bound.Unit) };
    }

    private List<string> ReadConfidentialColumns(YamlNode node)
    {
        const string Path = "confidential_columns";
        YamlSequenceNode list = _r.Sequence(node, Path, "a list of column names such as [customer_name]");
        var columns = new List<string>(list.Children.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemPath = ConfigNodeReader.Item(Path, i);
            string column = _r.Text(list.Children[i], itemPath, "a column name");
            if (!seen.Add(column))
                throw _r.Error(itemPath, list.Children[i], $"key '{itemPath}' repeats the column '{column}'", "list each column once");
            columns.Add(column);
        }
        return columns;
    }

    private ProductMap ReadProductMap(YamlNode node, string path, ProductMap defaults, Bound bound)
    {
        MappingReader m = Open(node, path, "a mapping of product to value, such as { loan: 0.45, overdraft: 0.45 }", ProductKeys,
            ProductRemedy);
        return new ProductMap(
            Number(m, "loan", defaults.Loan, bound),
            Number(m, "overdraft", defaults.Overdraft, bound),
            Number(m, "deposit", defaults.Deposit, bound),
            Number(m, "guarantee", defaults.Guarantee, bound));
    }

    private MappingReader Open(YamlNode node, string path, string expected, IReadOnlyCollection<string> keys,
        string? unknownRemedy = null) =>
        MappingReader.Open(_r, _r.Mapping(node, path, expected), path, keys, unknownRemedy);

    private double Number(MappingReader m, string key, double fallback, Bound bound, string? reason = null) =>
        m.Optional(key) is { } node ? _r.Number(node, ConfigNodeReader.Child(m.Path, key), bound, reason) : fallback;

    private int Integer(MappingReader m, string key, int fallback, Bound bound, string? reason = null) =>
        m.Optional(key) is { } node ? _r.Integer(node, ConfigNodeReader.Child(m.Path, key), bound, reason) : fallback;

    private static string JoinNames(IEnumerable<string> names) => string.Join(", ", names);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
