using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Exact money totals of the accepted input, for reconciliation against the outputs.</summary>
/// <param name="DepositAverageBalance">Σ fx(average_balance) of accepted deposits.</param>
/// <param name="LendingAverageBalance">Σ fx(average_balance) of accepted loans and overdrafts.</param>
/// <param name="GuaranteeAverageBalance">Σ fx(average_balance) of accepted guarantees.</param>
/// <param name="FeeAmount">Σ fx(amount) of accepted in-period fees.</param>
/// <param name="CrossSellRevenue">Σ fx(revenue) of accepted cross-sales.</param>
/// <param name="CrossSellUnits">Σ units of accepted cross-sales.</param>
public sealed record InputTotals(
    Int128 DepositAverageBalance,
    Int128 LendingAverageBalance,
    Int128 GuaranteeAverageBalance,
    Int128 FeeAmount,
    Int128 CrossSellRevenue,
    long CrossSellUnits);

/// <summary>The validated input of a run.</summary>
/// <param name="Data">Columnar data for the scoring kernel.</param>
/// <param name="Stats">Row counts per table, in SPEC order.</param>
/// <param name="Rejects">Rejected rows.</param>
/// <param name="Totals">Accepted money totals.</param>
/// <param name="ConfidentialValues">Values of confidential customer columns per dense customer index; only filled when requested.</param>
public sealed record LoadedPortfolio(
    PortfolioData Data,
    IReadOnlyList<TableStats> Stats,
    RejectLog Rejects,
    InputTotals Totals,
    IReadOnlyDictionary<string, string?[]> ConfidentialValues);

/// <summary>
/// Reads and validates a data folder (SPEC §1): locates all five tables first (so a missing or ambiguous table
/// fails before any row is read), then loads customers, accounts, fees, cross-sales and financials.
/// </summary>
public static class PortfolioLoader
{
    /// <summary>Loads <paramref name="inputDirectory"/> on all cores. Confidential columns are read only when <paramref name="includeConfidential"/>.</summary>
    public static Task<LoadedPortfolio> LoadAsync(
        string inputDirectory,
        EngineConfig config,
        bool includeConfidential,
        CancellationToken cancellationToken = default)
        => LoadAsync(inputDirectory, config, includeConfidential, threads: 0, cancellationToken);

    /// <summary>
    /// Loads <paramref name="inputDirectory"/>, reading the high-volume tables on up to <paramref name="threads"/> workers
    /// (0 = <see cref="Environment.ProcessorCount"/>). The result is identical for any thread count.
    /// Confidential columns are read only when <paramref name="includeConfidential"/>.
    /// </summary>
    public static async Task<LoadedPortfolio> LoadAsync(
        string inputDirectory,
        EngineConfig config,
        bool includeConfidential,
        int threads,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        int workers = threads == 0 ? Environment.ProcessorCount : threads;
        var locations = new Dictionary<string, TableLocation?>(StringComparer.Ordinal);
        foreach (var table in InputTables.All)
        {
            locations[table] = InputFolder.Locate(inputDirectory, table);
        }

        foreach (var required in new[] { InputTables.Customers, InputTables.Accounts })
        {
            if (locations[required] is null)
            {
                throw new InputException(required, $"Required table '{required}' is missing from the input folder; add {required}.parquet, {required}.csv or a {required}/ folder of part files.");
            }
        }

        var stats = new List<TableStats>();
        foreach (var table in InputTables.All)
        {
            stats.Add(new TableStats(table));
        }

        var rejects = new RejectLog();
        var keep = includeConfidential ? config.ConfidentialColumns : [];
        var customers = await CustomerLoader.LoadAsync(locations[InputTables.Customers], config, keep, stats[0], rejects, cancellationToken).ConfigureAwait(false);
        int n = customers.Customers.Count;
        var accounts = await AccountLoader.LoadAsync(locations[InputTables.Accounts], config, customers.Index, n, stats[1], rejects, cancellationToken).ConfigureAwait(false);
        var activity = new ActivityAggregates(n);
        var totals = new ActivityLoader.Totals();
        await ActivityLoader.LoadFeesAsync(locations[InputTables.Fees], config, customers.Index, activity, totals, stats[2], rejects, workers, cancellationToken).ConfigureAwait(false);
        await ActivityLoader.LoadCrossSalesAsync(locations[InputTables.CrossSales], config, customers.Index, activity, totals, stats[3], rejects, workers, cancellationToken).ConfigureAwait(false);
        var financials = await FinancialLoader.LoadAsync(locations[InputTables.Financials], config, customers.Index, n, stats[4], rejects, cancellationToken).ConfigureAwait(false);

        return new LoadedPortfolio(
            new PortfolioData(customers.Customers, accounts.Accounts, activity, financials),
            stats,
            rejects,
            new InputTotals(accounts.DepositAverageBalance, accounts.LendingAverageBalance, accounts.GuaranteeAverageBalance,
                totals.FeeAmount, totals.CrossSellRevenue, totals.CrossSellUnits),
            customers.ConfidentialValues);
    }

    /// <summary>
    /// The gates of SPEC §1: fails when any table's reject rate exceeds <c>run.max_reject_rate</c> or no customer was accepted.
    /// </summary>
    public static void EnforceGates(LoadedPortfolio loaded, EngineConfig config)
    {
        foreach (var s in loaded.Stats)
        {
            if (s.RejectRate > config.Run.MaxRejectRate)
            {
                throw new DataQualityException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Table '{s.Table}' rejected {s.Rejected} of {s.RowsRead} rows ({s.RejectRate:P2}), above run.max_reject_rate {config.Run.MaxRejectRate:P2}; see the rejects listed by 'analytics validate', fix the data and rerun."));
            }
        }

        if (loaded.Data.Customers.Count == 0)
        {
            throw new DataQualityException("No customer was accepted; check the customers table (see 'analytics validate') and rerun.");
        }
    }
}
