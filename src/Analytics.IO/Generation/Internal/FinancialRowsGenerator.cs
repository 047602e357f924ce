namespace Analytics.IO.Generation.Internal;

/// <summary>
/// The <c>financials</c> table: 3–6 statements per customer with statements (oldest first), annual (31 December)
/// or semiannual (30 June, 31 December), flows as of the last twelve months. Values follow one coherent path per
/// customer: revenue grows (or, for deteriorating customers, falls while margins shrink and debt rises);
/// balance sheet items are drawn as ratios of revenue, so equity = total_assets − total_liabilities holds.
/// </summary>
internal sealed class FinancialRowsGenerator : PerCustomerTableGenerator
{
    private const double NullShare = 0.02;
    private readonly DateOnly _asOf;
    private readonly double?[][] _values = new double?[GeneratedTables.FinancialValueColumns.Length][];
    private TableChunk? _bound;
    private string?[] _customer = [];
    private DateOnly?[] _date = [];

    public FinancialRowsGenerator(GenerationContext context)
        : base(context, GeneratedTables.Financials, GenerationStreams.Financials) => _asOf = context.Options.AsOf;

    protected override long? ExpectedRows => Profiles.TotalStatements;

    protected override void EmitCustomer(int c, DeterministicRandom rng, TableChunk chunk)
    {
        int count = Profiles.StatementCount[c];
        if (count == 0)
        {
            return;
        }

        Bind(chunk);
        var traits = Profiles.Traits[c];
        bool deteriorating = (traits & CustomerTraits.Deteriorating) != 0;
        int step = (traits & CustomerTraits.Semiannual) != 0 ? 6 : 12;
        DateOnly latest = LatestStatementDate(step);
        if ((traits & CustomerTraits.StaleFinancials) != 0)
        {
            // Stale: nothing newer than 18 months, beyond the default 15-month limit.
            while (MonthsBetween(latest, _asOf) <= 18)
            {
                latest = MonthEnd(latest.AddMonths(-step));
            }
        }

        int rows = count + ((traits & CustomerTraits.StatementAfterAsOf) != 0 ? 1 : 0);
        DateOnly firstDate = MonthEnd(latest.AddMonths(-step * (count - 1)));
        DateOnly afterAsOf = MonthEnd(latest.AddMonths(step));
        while (afterAsOf <= _asOf)
        {
            afterAsOf = MonthEnd(afterAsOf.AddMonths(step));
        }

        double size = Profiles.RevenueCny[c];
        double revenue = deteriorating ? size * rng.Uniform(1.2, 1.6) : size * rng.Uniform(0.8, 1.0);
        double margin = deteriorating ? 0.10 + 0.03 * rng.Gaussian()
            : rng.Chance(0.03) ? -rng.Uniform(0.01, 0.08)
            : Math.Clamp(0.12 + 0.05 * rng.Gaussian(), -0.05, 0.40);
        double leverage = rng.Uniform(0.1, 0.9);
        double interestRate = rng.Uniform(0.035, 0.065);
        double amortisation = rng.Uniform(0.10, 0.35);
        double depreciation = rng.Uniform(0.02, 0.05);
        double assetTurnover = rng.Uniform(0.7, 1.6);
        double payables = rng.Uniform(0.08, 0.25);
        double retainedShare = rng.Uniform(0.2, 0.8);
        double currentShare = rng.Uniform(0.3, 0.6);
        double currentRatio = rng.Uniform(0.8, 2.2);

        int first = chunk.Count;
        for (int k = 0; k < rows; k++)
        {
            if (k > 0)
            {
                revenue *= deteriorating ? rng.Uniform(0.78, 0.92) : 1 + 0.04 + 0.05 * rng.Gaussian();
                margin = deteriorating ? margin - rng.Uniform(0.02, 0.05) : margin + 0.01 * rng.Gaussian();
                leverage *= deteriorating ? rng.Uniform(1.05, 1.2) : Math.Exp(0.05 * rng.Gaussian());
                currentRatio *= deteriorating ? rng.Uniform(0.85, 0.95) : Math.Exp(0.05 * rng.Gaussian());
            }

            double ebitda = revenue * margin;
            double ebit = ebitda - revenue * depreciation;
            double totalDebt = revenue * leverage;
            double interest = totalDebt * interestRate;
            double debtService = interest + totalDebt * amortisation;
            double totalAssets = revenue * assetTurnover * Math.Exp(0.03 * rng.Gaussian());
            double totalLiabilities = totalDebt + revenue * payables;
            double equity = totalAssets - totalLiabilities;
            double currentAssets = totalAssets * currentShare;
            double operatingCashFlow = ebitda * rng.Uniform(0.5, 0.95) - 0.25 * Math.Max(0, ebit - interest);

            int r = chunk.Count++;
            _customer[r] = Profiles.Ids[c];
            _date[r] = k < count ? MonthEnd(firstDate.AddMonths(step * k)) : afterAsOf;
            Set(r, 0, revenue, rng);
            Set(r, 1, ebitda, rng);
            Set(r, 2, ebit, rng);
            Set(r, 3, interest, rng);
            Set(r, 4, debtService, rng);
            Set(r, 5, totalDebt, rng);
            Set(r, 6, currentAssets, rng);
            Set(r, 7, currentAssets / currentRatio, rng);
            Set(r, 8, totalAssets, rng);
            Set(r, 9, totalLiabilities, rng);
            Set(r, 10, equity * retainedShare, rng);
            Set(r, 11, equity, rng);
            Set(r, 12, operatingCashFlow, rng);
        }

        if (Plan is not null && Plan.Financials.TryGetValue(c, out var defect))
        {
            if (defect == FinancialDefect.UnknownCustomer)
            {
                _customer[first] = Plan.UnknownCustomerId;
                chunk.Defects.Add(new PendingDefect(first, "customer_id", PlantedDefectKind.UnknownCustomer, null));
            }
            else
            {
                int last = chunk.Count - 1;
                _values[8][last] = double.PositiveInfinity;
                chunk.Defects.Add(new PendingDefect(last, "total_assets", PlantedDefectKind.Infinite, null));
            }
        }
    }

    private void Set(int r, int column, double value, DeterministicRandom rng) =>
        _values[column][r] = rng.Chance(NullShare) ? null : GenerationContext.Round2(value);

    /// <summary>
    /// The newest statement a bank would hold on as_of: annual accounts are filed four months after year end,
    /// semiannual ones two months after the half year.
    /// </summary>
    private DateOnly LatestStatementDate(int stepMonths)
    {
        DateOnly filedBy = _asOf.AddMonths(stepMonths == 12 ? -4 : -2);
        if (stepMonths == 12)
        {
            return new DateOnly(filedBy.Year - 1, 12, 31);
        }

        return filedBy >= new DateOnly(filedBy.Year, 6, 30) ? new DateOnly(filedBy.Year, 6, 30) : new DateOnly(filedBy.Year - 1, 12, 31);
    }

    private static DateOnly MonthEnd(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    private void Bind(TableChunk chunk)
    {
        if (ReferenceEquals(chunk, _bound))
        {
            return;
        }

        _bound = chunk;
        _customer = chunk.Strings("customer_id");
        _date = chunk.Dates("statement_date");
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = chunk.Doubles(GeneratedTables.FinancialValueColumns[i]);
        }
    }
}
