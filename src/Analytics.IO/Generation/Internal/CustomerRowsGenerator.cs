using System.Globalization;

namespace Analytics.IO.Generation.Internal;

/// <summary>The <c>customers</c> table: one row per customer; about 1 % nulls in each descriptive column.</summary>
internal sealed class CustomerRowsGenerator : PerCustomerTableGenerator
{
    private readonly bool _names;
    private readonly int _relationshipManagers;
    private readonly string[] _rmIds;
    private string?[] _id = [], _name = [], _industry = [], _region = [], _rm = [], _rating = [];
    private double?[] _pd = [], _sales = [];
    private TableChunk? _bound;

    public CustomerRowsGenerator(GenerationContext context)
        : base(context, GeneratedTables.Customers(context.Options.IncludeNames), GenerationStreams.Customers)
    {
        _names = context.Options.IncludeNames;

        // About one relationship manager per 150 customers, at least five.
        _relationshipManagers = Math.Max(5, (context.Profiles.Count + 149) / 150);
        _rmIds = new string[_relationshipManagers];
        int width = Math.Max(4, _relationshipManagers.ToString(CultureInfo.InvariantCulture).Length);
        for (int i = 0; i < _rmIds.Length; i++)
        {
            _rmIds[i] = "RM" + (i + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }

    protected override long? ExpectedRows => Profiles.Count;

    protected override void EmitCustomer(int c, DeterministicRandom rng, TableChunk chunk)
    {
        Bind(chunk);
        int r = chunk.Count++;
        var p = Profiles;
        string id = p.Ids[c];
        _id[r] = id;
        if (_names)
        {
            _name[r] = "Customer " + id.AsSpan(1).ToString() + " Ltd";
        }

        _industry[r] = rng.Chance(0.01) ? null : SyntheticVocabulary.Industries[rng.Pick(SyntheticVocabulary.IndustryCumulative)];
        _region[r] = rng.Chance(0.01) ? null : SyntheticVocabulary.Regions[rng.Pick(SyntheticVocabulary.RegionCumulative)];
        _rm[r] = rng.Chance(0.01) ? null : _rmIds[rng.Next(_relationshipManagers)];
        _rating[r] = p.Rating[c] == SyntheticVocabulary.NullRating ? null : SyntheticVocabulary.Ratings[p.Rating[c]];
        _pd[r] = double.IsNaN(p.Pd[c]) ? null : p.Pd[c];
        _sales[r] = double.IsNaN(p.SalesEur[c]) ? null : p.SalesEur[c];

        if (Plan is { } plan)
        {
            if (c == plan.DuplicateCopy || c == plan.DuplicateOriginal)
            {
                _id[r] = p.Ids[plan.DuplicateOriginal];
                chunk.Defects.Add(new PendingDefect(r, "customer_id", PlantedDefectKind.DuplicateKey, null));
            }
            else if (c == plan.BadPd)
            {
                _pd[r] = 1.5;
                chunk.Defects.Add(new PendingDefect(r, "pd", PlantedDefectKind.OutOfRange, null));
            }
        }
    }

    private void Bind(TableChunk chunk)
    {
        if (ReferenceEquals(chunk, _bound))
        {
            return;
        }

        _bound = chunk;
        _id = chunk.Strings("customer_id");
        if (_names)
        {
            _name = chunk.Strings("customer_name");
        }

        _industry = chunk.Strings("industry");
        _region = chunk.Strings("region");
        _rm = chunk.Strings("rm_id");
        _rating = chunk.Strings("rating");
        _pd = chunk.Doubles("pd");
        _sales = chunk.Doubles("annual_sales");
    }
}
