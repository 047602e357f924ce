using Analytics.Core.Data;
using Analytics.Core.Numerics;

namespace Analytics.Tests;

/// <summary>
/// Builds small <see cref="PortfolioData"/> instances for tests, as the readers would after validation:
/// customers sorted ordinally by id, accounts sorted by (customer, account_id) with CSR offsets, fee and
/// cross-sale rows folded into <see cref="ActivityAggregates"/>, statements sorted by (customer, date).
/// Amounts are taken as already converted to the reporting currency; every fee added counts as in-period.
/// </summary>
public sealed class PortfolioBuilder
{
    /// <summary>open_date used when a test does not care.</summary>
    public static readonly DateOnly DefaultOpenDate = new(2025, 1, 1);

    private readonly List<CustomerRow> _customers = [];
    private readonly List<AccountRow> _accounts = [];
    private readonly List<(string Customer, string FeeType, double Amount)> _fees = [];
    private readonly List<(string Customer, string ProductLine, long Units, double Revenue)> _crossSales = [];
    private readonly List<(string Customer, DateOnly Date, double[] Items)> _statements = [];

    /// <summary>Adds a customer; <paramref name="pd"/> is the value after the null default (not floored).</summary>
    public PortfolioBuilder AddCustomer(
        string id,
        double pd = 0.02,
        double annualSales = double.NaN,
        string industry = "UNKNOWN",
        string region = "UNKNOWN",
        string rmId = "UNKNOWN",
        string rating = "UNKNOWN")
    {
        _customers.Add(new CustomerRow(id, pd, annualSales, industry, region, rmId, rating));
        return this;
    }

    /// <summary>Adds an account; <paramref name="accountId"/> defaults to <c>{customerId}-{n}</c> in insertion order.</summary>
    public PortfolioBuilder AddAccount(
        string customerId,
        ProductType type,
        string? accountId = null,
        double averageBalance = 0,
        double endBalance = 0,
        double limit = 0,
        double clientRate = double.NaN,
        double ftpRate = double.NaN,
        DateOnly? openDate = null,
        DateOnly? maturityDate = null,
        double lgd = double.NaN,
        int daysPastDue = 0,
        double interestArrears = 0,
        double originationPd = double.NaN,
        double priorAverageBalance = double.NaN,
        string currency = "CNY")
    {
        _accounts.Add(new AccountRow(
            customerId, accountId ?? $"{customerId}-{_accounts.Count:D3}", type, currency, averageBalance, endBalance, limit,
            clientRate, ftpRate, (openDate ?? DefaultOpenDate).DayNumber, maturityDate?.DayNumber ?? AccountTable.NoDate,
            lgd, daysPastDue, interestArrears, originationPd, priorAverageBalance));
        return this;
    }

    /// <summary>Adds one in-period fee row.</summary>
    public PortfolioBuilder AddFee(string customerId, string feeType, double amount)
    {
        _fees.Add((customerId, feeType, amount));
        return this;
    }

    /// <summary>Adds one cross-sale row.</summary>
    public PortfolioBuilder AddCrossSale(string customerId, string productLine, long units, double revenue)
    {
        _crossSales.Add((customerId, productLine, units, revenue));
        return this;
    }

    /// <summary>Adds one financial statement (dated on or before as_of); omitted items are null (NaN).</summary>
    public PortfolioBuilder AddStatement(
        string customerId,
        DateOnly statementDate,
        double revenue = double.NaN,
        double ebitda = double.NaN,
        double ebit = double.NaN,
        double interestExpense = double.NaN,
        double debtService = double.NaN,
        double totalDebt = double.NaN,
        double currentAssets = double.NaN,
        double currentLiabilities = double.NaN,
        double totalAssets = double.NaN,
        double totalLiabilities = double.NaN,
        double retainedEarnings = double.NaN,
        double equity = double.NaN,
        double operatingCashFlow = double.NaN)
    {
        // Order matches FinancialItem.
        double[] items =
        [
            revenue, ebitda, ebit, interestExpense, debtService, totalDebt, currentAssets, currentLiabilities,
            totalAssets, totalLiabilities, retainedEarnings, equity, operatingCashFlow,
        ];
        _statements.Add((customerId, statementDate, items));
        return this;
    }

    /// <summary>Builds the columnar tables.</summary>
    /// <exception cref="InvalidOperationException">A duplicate customer or account id, or a row naming an unknown customer.</exception>
    public PortfolioData Build()
    {
        var customers = _customers.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < customers.Length; i++)
        {
            if (!index.TryAdd(customers[i].Id, i))
            {
                throw new InvalidOperationException($"Duplicate customer {customers[i].Id}.");
            }
        }

        int Index(string id) => index.TryGetValue(id, out int i) ? i : throw new InvalidOperationException($"Unknown customer {id}.");

        var customerTable = new CustomerTable
        {
            Ids = customers.Select(c => c.Id).ToArray(),
            Industry = customers.Select(c => c.Industry).ToArray(),
            Region = customers.Select(c => c.Region).ToArray(),
            RmId = customers.Select(c => c.RmId).ToArray(),
            Rating = customers.Select(c => c.Rating).ToArray(),
            Pd = customers.Select(c => c.Pd).ToArray(),
            AnnualSales = customers.Select(c => c.AnnualSales).ToArray(),
        };

        var accounts = _accounts
            .Select(a => (Customer: Index(a.CustomerId), Row: a))
            .OrderBy(a => a.Customer)
            .ThenBy(a => a.Row.AccountId, StringComparer.Ordinal)
            .ToArray();
        if (accounts.Select(a => a.Row.AccountId).Distinct(StringComparer.Ordinal).Count() != accounts.Length)
        {
            throw new InvalidOperationException("Duplicate account id.");
        }

        var accountTable = new AccountTable
        {
            Customer = accounts.Select(a => a.Customer).ToArray(),
            AccountId = accounts.Select(a => a.Row.AccountId).ToArray(),
            Type = accounts.Select(a => a.Row.Type).ToArray(),
            Currency = accounts.Select(a => a.Row.Currency).ToArray(),
            AverageBalance = accounts.Select(a => a.Row.AverageBalance).ToArray(),
            EndBalance = accounts.Select(a => a.Row.EndBalance).ToArray(),
            Limit = accounts.Select(a => a.Row.Limit).ToArray(),
            ClientRate = accounts.Select(a => a.Row.ClientRate).ToArray(),
            FtpRate = accounts.Select(a => a.Row.FtpRate).ToArray(),
            OpenDate = accounts.Select(a => a.Row.OpenDay).ToArray(),
            MaturityDate = accounts.Select(a => a.Row.MaturityDay).ToArray(),
            Lgd = accounts.Select(a => a.Row.Lgd).ToArray(),
            DaysPastDue = accounts.Select(a => a.Row.DaysPastDue).ToArray(),
            InterestArrears = accounts.Select(a => a.Row.InterestArrears).ToArray(),
            OriginationPd = accounts.Select(a => a.Row.OriginationPd).ToArray(),
            PriorAverageBalance = accounts.Select(a => a.Row.PriorAverageBalance).ToArray(),
            CustomerStart = Offsets(accounts.Select(a => a.Customer).ToArray(), customers.Length),
        };

        var activity = new ActivityAggregates(customers.Length);
        var feeTypes = new HashSet<(int, string)>();
        foreach (var (customer, feeType, amount) in _fees)
        {
            int c = Index(customer);
            activity.FeeIncome[c] = ExactSum.Add(activity.FeeIncome[c], ExactSum.ToFixed(amount));
            activity.FeeRows[c]++;
            if (feeTypes.Add((c, feeType)))
            {
                activity.FeeTypesHeld[c]++;
            }
        }

        var unitsByLine = new Dictionary<(int, string), long>();
        foreach (var (customer, line, units, revenue) in _crossSales)
        {
            int c = Index(customer);
            activity.CrossSellRevenue[c] = ExactSum.Add(activity.CrossSellRevenue[c], ExactSum.ToFixed(revenue));
            activity.CrossSellUnits[c] += units;
            unitsByLine[(c, line)] = unitsByLine.GetValueOrDefault((c, line)) + units;
        }

        foreach (var ((c, _), units) in unitsByLine)
        {
            if (units > 0)
            {
                activity.ProductLinesHeld[c]++;
            }
        }

        var statements = _statements
            .Select(s => (Customer: Index(s.Customer), s.Date, s.Items))
            .OrderBy(s => s.Customer)
            .ThenBy(s => s.Date)
            .ToArray();
        var items = new double[FinancialTable.ItemCount][];
        for (int k = 0; k < items.Length; k++)
        {
            items[k] = statements.Select(s => s.Items[k]).ToArray();
        }

        var financialTable = new FinancialTable
        {
            Customer = statements.Select(s => s.Customer).ToArray(),
            StatementDate = statements.Select(s => s.Date.DayNumber).ToArray(),
            Items = items,
            CustomerStart = Offsets(statements.Select(s => s.Customer).ToArray(), customers.Length),
        };

        return new PortfolioData(customerTable, accountTable, activity, financialTable);
    }

    private static int[] Offsets(int[] sortedCustomer, int customerCount)
    {
        var start = new int[customerCount + 1];
        foreach (int c in sortedCustomer)
        {
            start[c + 1]++;
        }

        for (int c = 0; c < customerCount; c++)
        {
            start[c + 1] += start[c];
        }

        return start;
    }

    private sealed record CustomerRow(string Id, double Pd, double AnnualSales, string Industry, string Region, string RmId, string Rating);

    private sealed record AccountRow(
        string CustomerId, string AccountId, ProductType Type, string Currency, double AverageBalance, double EndBalance,
        double Limit, double ClientRate, double FtpRate, int OpenDay, int MaturityDay, double Lgd, int DaysPastDue,
        double InterestArrears, double OriginationPd, double PriorAverageBalance);
}
