using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;

namespace Analytics.Tests.EarlyWarning;

/// <summary>One statement; every item null unless set.</summary>
internal sealed record Statement(DateOnly Date)
{
    public double Revenue { get; init; } = double.NaN;
    public double Ebitda { get; init; } = double.NaN;
    public double Ebit { get; init; } = double.NaN;
    public double InterestExpense { get; init; } = double.NaN;
    public double DebtService { get; init; } = double.NaN;
    public double TotalDebt { get; init; } = double.NaN;
    public double CurrentAssets { get; init; } = double.NaN;
    public double CurrentLiabilities { get; init; } = double.NaN;
    public double TotalAssets { get; init; } = double.NaN;
    public double TotalLiabilities { get; init; } = double.NaN;
    public double RetainedEarnings { get; init; } = double.NaN;
    public double Equity { get; init; } = double.NaN;

    /// <summary>
    /// A statement that fires nothing: DSCR 200/100 = 2, ICR 200/100 = 2, leverage 100/200 = 0.5, current ratio 2,
    /// Z'' = 6.56·0.1 + 3.26·0.3 + 6.72·0.2 + 1.05·1.5 = 0.656 + 0.978 + 1.344 + 1.575 = 4.553.
    /// </summary>
    public static Statement Healthy(DateOnly date) => new(date)
    {
        Revenue = 1000, Ebitda = 200, Ebit = 200, InterestExpense = 100, DebtService = 100, TotalDebt = 100,
        CurrentAssets = 200, CurrentLiabilities = 100, TotalAssets = 1000, TotalLiabilities = 400,
        RetainedEarnings = 300, Equity = 600,
    };

    public double[] Items() =>
    [
        Revenue, Ebitda, Ebit, InterestExpense, DebtService, TotalDebt, CurrentAssets, CurrentLiabilities,
        TotalAssets, TotalLiabilities, RetainedEarnings, Equity, double.NaN,
    ];
}

/// <summary>One account; amounts already in reporting currency.</summary>
internal sealed record Account(string CustomerId, string AccountId, ProductType Type)
{
    public double AverageBalance { get; init; }
    public double EndBalance { get; init; }
    public double Limit { get; init; }
    public DateOnly? Maturity { get; init; }
    public int Dpd { get; init; }
    public double Arrears { get; init; }
    public double OriginationPd { get; init; } = double.NaN;
    public double PriorAverageBalance { get; init; } = double.NaN;
}

/// <summary>Builds tiny <see cref="PortfolioData"/> inputs for early-warning tests, sorted and indexed like the readers do.</summary>
internal sealed class EarlyWarningFixtures
{
    public static readonly DateOnly AsOf = new(2026, 10, 31);

    private readonly Dictionary<string, double> _customers = new(StringComparer.Ordinal);
    private readonly List<Account> _accounts = [];
    private readonly List<(string Customer, Statement Statement)> _statements = [];

    public EarlyWarningFixtures Customer(string id, double pd = 0.01)
    {
        _customers[id] = pd;
        return this;
    }

    public EarlyWarningFixtures Add(Account account)
    {
        _customers.TryAdd(account.CustomerId, 0.01);
        _accounts.Add(account);
        return this;
    }

    public EarlyWarningFixtures Add(string customer, params Statement[] statements)
    {
        _customers.TryAdd(customer, 0.01);
        foreach (Statement s in statements)
        {
            _statements.Add((customer, s));
        }

        return this;
    }

    public static EngineConfig Config(EarlyWarningConfig? rules = null, DateOnly? asOf = null, double pdFloor = 0.0003)
    {
        DateOnly day = asOf ?? AsOf;
        return new EngineConfig
        {
            AsOf = day,
            Period = new ReportingPeriod(new DateOnly(day.Year, day.Month, 1), day),
            Pricing = new PricingConfig { Grid = new Dictionary<string, IReadOnlyDictionary<string, PricingCell>>() },
            EarlyWarning = rules ?? new EarlyWarningConfig(),
            Risk = new RiskConfig { PdFloor = pdFloor },
        };
    }

    public PortfolioData Build()
    {
        string[] ids = [.. _customers.Keys.Order(StringComparer.Ordinal)];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }

        var customers = new CustomerTable
        {
            Ids = ids,
            Industry = [.. ids.Select(_ => "UNKNOWN")],
            Region = [.. ids.Select(_ => "UNKNOWN")],
            RmId = [.. ids.Select(_ => "UNKNOWN")],
            Rating = [.. ids.Select(_ => "UNKNOWN")],
            Pd = [.. ids.Select(id => _customers[id])],
            AnnualSales = [.. ids.Select(_ => double.NaN)],
        };

        Account[] accounts = [.. _accounts.OrderBy(a => index[a.CustomerId]).ThenBy(a => a.AccountId, StringComparer.Ordinal)];
        var accountTable = new AccountTable
        {
            Customer = [.. accounts.Select(a => index[a.CustomerId])],
            AccountId = [.. accounts.Select(a => a.AccountId)],
            Type = [.. accounts.Select(a => a.Type)],
            Currency = [.. accounts.Select(_ => "CNY")],
            AverageBalance = [.. accounts.Select(a => a.AverageBalance)],
            EndBalance = [.. accounts.Select(a => a.EndBalance)],
            Limit = [.. accounts.Select(a => a.Limit)],
            ClientRate = [.. accounts.Select(_ => 0.05)],
            FtpRate = [.. accounts.Select(_ => double.NaN)],
            OpenDate = [.. accounts.Select(_ => new DateOnly(2020, 1, 1).DayNumber)],
            MaturityDate = [.. accounts.Select(a => a.Maturity?.DayNumber ?? AccountTable.NoDate)],
            Lgd = [.. accounts.Select(_ => double.NaN)],
            DaysPastDue = [.. accounts.Select(a => a.Dpd)],
            InterestArrears = [.. accounts.Select(a => a.Arrears)],
            OriginationPd = [.. accounts.Select(a => a.OriginationPd)],
            PriorAverageBalance = [.. accounts.Select(a => a.PriorAverageBalance)],
            CustomerStart = Offsets(accounts.Select(a => index[a.CustomerId]), ids.Length),
        };

        (string Customer, Statement Statement)[] statements =
            [.. _statements.OrderBy(s => index[s.Customer]).ThenBy(s => s.Statement.Date)];
        double[][] items = new double[FinancialTable.ItemCount][];
        for (int k = 0; k < FinancialTable.ItemCount; k++)
        {
            items[k] = [.. statements.Select(s => s.Statement.Items()[k])];
        }

        var financials = new FinancialTable
        {
            Customer = [.. statements.Select(s => index[s.Customer])],
            StatementDate = [.. statements.Select(s => s.Statement.Date.DayNumber)],
            Items = items,
            CustomerStart = Offsets(statements.Select(s => index[s.Customer]), ids.Length),
        };

        return new PortfolioData(customers, accountTable, new ActivityAggregates(ids.Length), financials);
    }

    public EarlyWarningResult Evaluate(EngineConfig? config = null) =>
        EarlyWarningRules.Evaluate(Build(), config ?? Config());

    private static int[] Offsets(IEnumerable<int> sortedCustomers, int customerCount)
    {
        int[] start = new int[customerCount + 1];
        foreach (int c in sortedCustomers)
        {
            start[c + 1]++;
        }

        for (int c = 0; c < customerCount; c++)
        {
            start[c + 1] += start[c];
        }

        return start;
    }
}

/// <summary>One row of <see cref="EarlyWarningReasonTable"/>.</summary>
internal sealed record ReasonRow(string Code, Severity Severity, double Value, double Threshold);

internal static class EarlyWarningResultExtensions
{
    /// <summary>The reason rows of customer <paramref name="customer"/>, in table order.</summary>
    public static List<ReasonRow> ReasonsOf(this EarlyWarningResult result, int customer)
    {
        var rows = new List<ReasonRow>();
        EarlyWarningReasonTable t = result.Reasons;
        for (int i = 0; i < t.Count; i++)
        {
            if (t.Customer[i] == customer)
            {
                rows.Add(new ReasonRow(t.ReasonCode[i], t.Severity[i], t.Value[i], t.Threshold[i]));
            }
        }

        return rows;
    }

    /// <summary>The single reason row with <paramref name="code"/> for <paramref name="customer"/>, or null.</summary>
    public static ReasonRow? Reason(this EarlyWarningResult result, int customer, string code) =>
        result.ReasonsOf(customer).SingleOrDefault(r => r.Code == code);
}
