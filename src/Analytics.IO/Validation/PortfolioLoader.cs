using System.Runtime;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.Core.Numerics;
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
    Fixed128 DepositAverageBalance,
    Fixed128 LendingAverageBalance,
    Fixed128 GuaranteeAverageBalance,
    Fixed128 FeeAmount,
    Fixed128 CrossSellRevenue,
    long CrossSellUnits);

/// <summary>The validated input of a run.</summary>
/// <param name="Data">Columnar data for the scoring kernel.</param>
/// <param name="Stats">Row counts per table, in the order of docs/METHODOLOGY.md §1.</param>
/// <param name="Rejects">Rejected rows.</param>
/// <param name="Totals">Accepted money totals.</param>
/// <param name="ConfidentialValues">Values of confidential customer columns per dense customer index; only filled when requested.</param>
public sealed record LoadedPortfolio(
    PortfolioData Data,
    IReadOnlyList<TableStats> Stats,
    RejectLog Rejects,
    InputTotals Totals,
    IReadOnlyDictionary<string, string?[]> ConfidentialValues)
{
    /// <summary>Detail on one customer, when the load was asked to trace one (<c>analytics explain</c>); otherwise null.</summary>
    public CustomerTrace? Trace { get; init; }
}

/// <summary>
/// Reads and validates a data folder (docs/METHODOLOGY.md §1): locates all five tables first (so a missing or ambiguous table
/// fails before any row is read), then loads customers, accounts, fees, cross-sales and financials.
/// </summary>
public static class PortfolioLoader
{
    /// <summary>Loads <paramref name="inputDirectory"/> on all cores. Confidential columns are read only when <paramref
    /// name="includeConfidential"/>.</summary>
    public static Task<LoadedPortfolio> LoadAsync(
        string inputDirectory,
        EngineConfig config,
        bool includeConfidential,
        CancellationToken cancellationToken = default)
        => LoadAsync(inputDirectory, config, includeConfidential, threads: 0, traceCustomerId: null, cancellationToken);

    /// <summary>Loads <paramref name="inputDirectory"/> on up to <paramref name="threads"/> workers (0 = all cores).</summary>
    public static Task<LoadedPortfolio> LoadAsync(
        string inputDirectory,
        EngineConfig config,
        bool includeConfidential,
        int threads,
        CancellationToken cancellationToken = default)
        => LoadAsync(inputDirectory, config, includeConfidential, threads, traceCustomerId: null, cancellationToken);

    /// <summary>
    /// Loads <paramref name="inputDirectory"/> on up to <paramref name="threads"/> workers (0 = <see cref="Environment.ProcessorCount"/>):
    /// after customers, the accounts, the activity tables (fees and cross-sales) and the financials load at the same
    /// time, and the row groups and part files of every table are themselves read on up to that many workers. The result — figures, counts,
    /// rejects
    /// and their order, and the error when tables fail (that of the earliest table) — is identical for any thread count.
    /// Confidential columns are read only when <paramref name="includeConfidential"/>. When <paramref name="traceCustomerId"/>
    /// is not null, <see cref="LoadedPortfolio.Trace"/> collects that customer's fees by type, cross-sales by product line
    /// and any rejected customers row carrying its id; figures are the same as without a trace.
    /// </summary>
    public static async Task<LoadedPortfolio> LoadAsync(
        string inputDirectory,
        EngineConfig config,
        bool includeConfidential,
        int threads,
        string? traceCustomerId,
        CancellationToken cancellationToken = default)
    {
        var locations = new Dictionary<string, TableLocation?>(StringComparer.Ordinal);
        foreach (var table in InputTables.All)
        {
            locations[table] = InputFolder.Locate(inputDirectory, table);
        }

        return await LoadAsync(locations, config, includeConfidential, threads, traceCustomerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads tables already located (<see cref="InputTables.All"/> → location, null when absent), with the rules and
    /// results of <see cref="LoadAsync(string, EngineConfig, bool, int, string?, CancellationToken)"/>. The distributed
    /// run loads each partition's shuffled rows through here (their files open with <see cref="TableFile.Opener"/>).
    /// </summary>
    public static async Task<LoadedPortfolio> LoadAsync(
        IReadOnlyDictionary<string, TableLocation?> locations,
        EngineConfig config,
        bool includeConfidential,
        int threads,
        string? traceCustomerId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var trace = traceCustomerId is null ? null : new CustomerTrace(traceCustomerId);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        int workers = threads == 0 ? Environment.ProcessorCount : threads;
        foreach (var required in new[] { InputTables.Customers, InputTables.Accounts })
        {
            if (locations[required] is null)
            {
                throw new InputException(required,
                    $"Required table '{required}' is missing from the input folder; add {required}.parquet, {required}.csv or a folder "
                    + $"{required}/ of part files.");
            }
        }

        var stats = new List<TableStats>();
        foreach (var table in InputTables.All)
        {
            stats.Add(new TableStats(table));
        }

        var rejects = new RejectLog();
        var keep = includeConfidential ? config.ConfidentialColumns : [];
        var customers = await CustomerLoader.LoadAsync(locations[InputTables.Customers], config, keep, stats[0], rejects, trace, workers,
            cancellationToken).ConfigureAwait(false);
        int n = customers.Customers.Count;
        if (trace is not null && customers.Index.TryGetValue(trace.CustomerId, out int traced))
        {
            trace.Index = traced;
        }

        // The accepted ids as UTF-8, so the other tables' customer_id cells become customer indices without strings.
        var customerKeys = new CustomerKeys(customers.Index);
        var activity = new ActivityAggregates(n);
        var totals = new ActivityLoader.Totals();

        // Once customers are known the other tables are independent: each gets its own reject log, merged below in
        // table order, so the rejects come out as a sequential load records them. With one thread they run in turn.
        var accountRejects = new RejectLog();
        var activityRejects = new RejectLog();
        var crossSaleRejects = new RejectLog();
        var financialRejects = new RejectLog();
        Func<Task<AccountLoadResult>> loadAccounts = () => Guard(InputTables.Accounts, AccountLoader.LoadAsync(
            locations[InputTables.Accounts], config, customerKeys, n, stats[1], accountRejects, workers, cancellationToken));
        Func<Task> loadActivity = async () =>
        {
            await Guard(InputTables.Fees, ActivityLoader.LoadFeesAsync(locations[InputTables.Fees], config, customerKeys, activity,
                totals, stats[2], activityRejects, workers, trace, cancellationToken)).ConfigureAwait(false);
            await Guard(InputTables.CrossSales, ActivityLoader.LoadCrossSalesAsync(locations[InputTables.CrossSales], config,
                customerKeys, activity, totals, stats[3], crossSaleRejects, workers, trace, cancellationToken)).ConfigureAwait(false);
        };
        Func<Task<FinancialTable>> loadFinancials = () => Guard(InputTables.Financials, FinancialLoader.LoadAsync(
            locations[InputTables.Financials], config, customerKeys, n, stats[4], financialRejects, workers, cancellationToken));

        AccountLoadResult accounts;
        FinancialTable financials;
        bool large = InputBytes(locations) > SideBySideLimitBytes;
        if (workers == 1 || large)
        {
            accounts = await loadAccounts().ConfigureAwait(false);
            await LetGoOfStagingAsync(large).ConfigureAwait(false);
            await loadActivity().ConfigureAwait(false);
            await LetGoOfStagingAsync(large).ConfigureAwait(false);
            financials = await loadFinancials().ConfigureAwait(false);
        }
        else
        {
            var accountsTask = Task.Run(loadAccounts, cancellationToken);
            var activityTask = Task.Run(loadActivity, cancellationToken);
            var financialsTask = Task.Run(loadFinancials, cancellationToken);
            try
            {
                await Task.WhenAll(accountsTask, activityTask, financialsTask).ConfigureAwait(false);
            }
            catch
            {
                // The failure of the earliest table (in the order of docs/METHODOLOGY.md §1) is the one a sequential load reports.
            }

            accounts = await accountsTask.ConfigureAwait(false);
            await activityTask.ConfigureAwait(false);
            financials = await financialsTask.ConfigureAwait(false);
        }

        foreach (var log in new[] { accountRejects, activityRejects, crossSaleRejects, financialRejects })
        {
            rejects.AddRange(log.Items);
        }

        // The awaits above continue inline on the worker that finished the last table, under that table's loader
        // frames, whose locals hold its staging buffers (≈ 0.4–0.8 GB at a million customers); the caller's
        // continuation would run the rest of the job on that stack and keep them alive to the end. Returning from a
        // fresh pool thread lets the worker unwind and the buffers be collected.
        // Every table is read: the reader's pooled column arrays are not needed again in this run.
        ReadArrayPool.Clear();
        await Task.Yield();
        return new LoadedPortfolio(
            new PortfolioData(customers.Customers, accounts.Accounts, activity, financials),
            stats,
            rejects,
            new InputTotals(accounts.DepositAverageBalance, accounts.LendingAverageBalance, accounts.GuaranteeAverageBalance,
                totals.FeeAmount, totals.CrossSellRevenue, totals.CrossSellUnits),
            customers.ConfidentialValues)
        {
            Trace = trace,
        };
    }

    /// <summary>
    /// Between tables loaded in turn: continues on a fresh pool thread, so the worker that finished the table unwinds
    /// the loader frames holding its staging buffers, and on a large input collects them (one blocking, compacting
    /// collection, ≈ 0.1 s at a million customers) before the next table's read buffers are allocated, so the
    /// garbage of one table and the buffers of the next do not add up to the run's peak.
    /// </summary>
    private static async Task LetGoOfStagingAsync(bool large)
    {
        await Task.Yield();
        if (large)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Input size (bytes of the accounts, fees, cross_sales and financials files) above which those tables load one
    /// after another (fees and cross-sales still on all workers): side by side, their read buffers and staging peak
    /// together, which at a million customers would take the run past 4 GiB; in turn they stay under it.
    /// </summary>
    public const long SideBySideLimitBytes = 512L << 20;

    private static long InputBytes(IReadOnlyDictionary<string, TableLocation?> locations)
    {
        long bytes = 0;
        foreach (var (table, location) in locations)
        {
            if (table == InputTables.Customers || location is null)
            {
                continue;
            }

            foreach (var file in location.Files)
            {
                bytes += new FileInfo(file.Path).Length;
            }
        }

        return bytes;
    }

    /// <summary>
    /// Exact sums (<see cref="Core.Numerics.ExactSum"/>) throw <see cref="OverflowException"/> beyond ±6e23; every caller
    /// (score, validate, explain) must see that as a data failure naming the table, not as an internal error.
    /// </summary>
    private static async Task Guard(string table, Task load)
    {
        try
        {
            await load.ConfigureAwait(false);
        }
        catch (OverflowException e)
        {
            throw TooLarge(table, e);
        }
    }

    private static async Task<T> Guard<T>(string table, Task<T> load)
    {
        try
        {
            return await load.ConfigureAwait(false);
        }
        catch (OverflowException e)
        {
            throw TooLarge(table, e);
        }
    }

    private static DataQualityException TooLarge(string table, OverflowException e) =>
        new($"Table '{table}' holds an amount too large to convert and sum exactly (over 6e23 in the reporting currency); check the "
            + $"input magnitudes.", e);

    /// <summary>
    /// The gates of docs/METHODOLOGY.md §1: fails when any table's reject rate exceeds <c>run.max_reject_rate</c>, no customer was
    /// accepted, or the period catches none of the valid fees or financials rows.
    /// </summary>
    public static void EnforceGates(LoadedPortfolio loaded, EngineConfig config) =>
        EnforceGates(loaded, config, loaded?.Data.Customers.Count ?? 0);

    /// <summary>
    /// The same gates for a run whose validated customers are held elsewhere (the partitions of a cluster):
    /// <paramref name="customers"/> accepted in all, <paramref name="loaded"/> carrying the row counts.
    /// </summary>
    public static void EnforceGates(LoadedPortfolio loaded, EngineConfig config, int customers)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        // Checked first: with no customer every other row is an unknown customer, and blaming the accounts
        // table's reject rate would hide the cause.
        if (customers == 0)
        {
            var c = loaded.Stats[0];
            throw new DataQualityException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"No customer was accepted ({c.RowsRead} rows read from the customers table, {c.Rejected} rejected); check the customers "
                    + $"table (see 'analytics validate') and rerun."));
        }

        foreach (var s in loaded.Stats)
        {
            if (s.RejectRate > config.Run.MaxRejectRate)
            {
                throw new DataQualityException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Table '{s.Table}' rejected {s.Rejected} of {s.RowsRead} rows ({s.RejectRate:P2}), above run.max_reject_rate "
                        + $"{config.Run.MaxRejectRate:P2}; see the rejects listed by 'analytics validate', fix the data and rerun."));
            }
        }

        EnsureWindowCatchesRows(loaded, config);
    }

    /// <summary>
    /// Period sanity (docs/DATA.md, "Gates"): a fees or financials table whose valid rows all fall outside the run's
    /// window (fees: booking_date in the period; financials: statement_date on or before as_of) means the period or
    /// as_of is wrong, and scoring would publish believable figures with no fee income or no statements.
    /// </summary>
    private static void EnsureWindowCatchesRows(LoadedPortfolio loaded, EngineConfig config)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var s in loaded.Stats)
        {
            if (s.Accepted != 0 || s.OutOfPeriod == 0 || s.FirstOutOfPeriodDate is not { } first || s.LastOutOfPeriodDate is not { } last)
            {
                continue;
            }

            if (s.Table == InputTables.Fees)
            {
                throw new DataQualityException(string.Create(ci,
                    $"Table 'fees' has {s.OutOfPeriod:N0} valid rows but none booked in the configured period "
                        + $"{config.Period.Start:yyyy-MM-dd}..{config.Period.End:yyyy-MM-dd} (booking dates found: "
                        + $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}); check period in the config and rerun."));
            }

            if (s.Table == InputTables.Financials)
            {
                throw new DataQualityException(string.Create(ci,
                    $"Table 'financials' has {s.OutOfPeriod:N0} valid statements but none dated on or before the configured as_of "
                        + $"{config.AsOf:yyyy-MM-dd} (statement dates found: {first:yyyy-MM-dd}..{last:yyyy-MM-dd}); check as_of in the "
                        + $"config and rerun."));
            }
        }
    }
}
