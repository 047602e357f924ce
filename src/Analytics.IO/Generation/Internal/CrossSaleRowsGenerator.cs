namespace Analytics.IO.Generation.Internal;

/// <summary>
/// The <c>cross_sales</c> table: at most one row per product line and customer. Customers without accounts
/// take products less often; about 6 % of rows have zero units (a line kept open without activity).
/// </summary>
internal sealed class CrossSaleRowsGenerator(GenerationContext context)
    : PerCustomerTableGenerator(context, GeneratedTables.CrossSales, GenerationStreams.CrossSales)
{
    private TableChunk? _bound;
    private string?[] _customer = [], _line = [], _currency = [];
    private int?[] _units = [];
    private double?[] _revenue = [];

    protected override int MaxRowsPerCustomer => SyntheticVocabulary.ProductLines.Length;

    protected override long? ExpectedRows => null;

    protected override void EmitCustomer(int c, DeterministicRandom rng, TableChunk chunk)
    {
        CrossSaleDefect? defect = null;
        if (Plan is { } plan)
        {
            if (plan.IsRejectedCustomer(c) || c == plan.DuplicateCopy)
            {
                return;
            }

            defect = plan.CrossSales.TryGetValue(c, out var d) ? d : null;
        }

        Bind(chunk);
        int first = chunk.Count;
        double take = Profiles.Kind[c] == CustomerKind.NoAccounts ? 0.3 : 1.0;
        double sizeFactor =
            Math.Clamp(Math.Sqrt(Profiles.RevenueCny[c] / (CustomerProfiles.MedianSalesEur * 1e6 * SyntheticVocabulary.EurRate)), 0.2, 10);
        var lines = SyntheticVocabulary.ProductLines;
        for (int line = 0; line < lines.Length; line++)
        {
            bool forced = defect is not null && line == 0 && chunk.Count == first;
            if (!rng.Chance(SyntheticVocabulary.ProductLineChance[line] * take) && !forced)
            {
                continue;
            }

            int r = chunk.Count++;
            int units = rng.Chance(0.06) ? 0 : Math.Max(1,
                (int)Math.Round(rng.LogNormal(SyntheticVocabulary.ProductLineUnitsMedian[line] * sizeFactor, 0.9)));
            double revenue = units * rng.Uniform(SyntheticVocabulary.ProductLineRevenuePerUnitLow[line],
                SyntheticVocabulary.ProductLineRevenuePerUnitHigh[line]);
            double u = rng.NextDouble();
            string? currency;
            if (u < 0.88) currency = SyntheticVocabulary.Cny;
            else if (u < 0.90) { currency = SyntheticVocabulary.Usd; revenue /= SyntheticVocabulary.UsdRate; }
            else currency = null;

            _customer[r] = Profiles.Ids[c];
            _line[r] = lines[line];
            _units[r] = units;
            _revenue[r] = GenerationContext.Round2(revenue);
            _currency[r] = currency;
        }

        switch (defect)
        {
            case CrossSaleDefect.UnknownCustomer:
                _customer[first] = Plan!.UnknownCustomerId;
                chunk.Defects.Add(new PendingDefect(first, "customer_id", PlantedDefectKind.UnknownCustomer, null));
                break;
            case CrossSaleDefect.NegativeUnits:
                _units[first] = -Math.Max(_units[first] ?? 0, 1);
                chunk.Defects.Add(new PendingDefect(first, "units", PlantedDefectKind.NegativeValue, null));
                break;
        }
    }

    private void Bind(TableChunk chunk)
    {
        if (ReferenceEquals(chunk, _bound))
        {
            return;
        }

        _bound = chunk;
        _customer = chunk.Strings("customer_id");
        _line = chunk.Strings("product_line");
        _units = chunk.Ints("units");
        _revenue = chunk.Doubles("revenue");
        _currency = chunk.Strings("currency");
    }
}
