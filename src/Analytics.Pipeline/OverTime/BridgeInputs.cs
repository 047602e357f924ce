using System.Globalization;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.Core.OverTime;
using Analytics.Core.Profitability;
using Analytics.IO.Reading;
using Analytics.Pipeline.Outputs;

namespace Analytics.Pipeline.OverTime;

/// <summary>A run's figures for the profit bridge, and how its period length was known.</summary>
/// <param name="Snapshot">The figures.</param>
/// <param name="Period">The period from manifest.json; null for a run scored before the manifest recorded it.</param>
/// <param name="Note">A sentence for the analyst when something had to be inferred or is missing, else null.</param>
public sealed record BridgeRun(BridgeSnapshot Snapshot, RunPeriod? Period, string? Note);

/// <summary>Builds <see cref="BridgeSnapshot"/>s from a run in memory or from a published run folder (docs/METHODOLOGY.md §9).</summary>
public static class BridgeInputs
{
    private static readonly ColumnSpec[] CustomerColumns =
    [
        new("customer_id", ColumnKind.String, true, DistinctValues: true),
        new("eva", ColumnKind.Double, true),
        new("nii", ColumnKind.Double, true),
        new("fee_income", ColumnKind.Double, true),
        new("cross_sell_revenue", ColumnKind.Double, true),
        new("operating_cost", ColumnKind.Double, true),
        new("expected_loss", ColumnKind.Double, true),
        new("capital_charge", ColumnKind.Double, true),
        new("capital", ColumnKind.Double, true),
    ];

    private static readonly ColumnSpec[] AccountColumns =
    [
        new("customer_id", ColumnKind.String, true),
        new("account_id", ColumnKind.String, true, DistinctValues: true),
        new("avg_balance", ColumnKind.Double, true),
        new("nii", ColumnKind.Double, true),
    ];

    /// <summary>True when the run folder has a customer_profitability table (Parquet, CSV or parts).</summary>
    public static bool HasCustomerProfitability(string runDirectory) =>
        InputFolder.Locate(runDirectory, OutputTableNames.CustomerProfitability) is not null;

    /// <summary>The figures of the run being scored.</summary>
    public static BridgeSnapshot FromRun(PortfolioData data, ProfitabilityResult result, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        var accounts = data.Accounts;
        var owner = new string[accounts.Count];
        for (int c = 0; c < data.Customers.Count; c++)
        {
            for (int a = accounts.CustomerStart[c]; a < accounts.CustomerStart[c + 1]; a++)
            {
                owner[a] = data.Customers.Ids[c];
            }
        }

        return new BridgeSnapshot
        {
            YearFraction = config.YearFraction,
            TaxRate = config.Capital.TaxRate,
            CustomerIds = data.Customers.Ids,
            Eva = result.Eva,
            Nii = result.Nii,
            FeeIncome = result.FeeIncome,
            CrossSellRevenue = result.CrossSellRevenue,
            OperatingCost = result.OperatingCost,
            ExpectedLoss = result.ExpectedLoss,
            CapitalCharge = result.CapitalCharge,
            Accounts = new BridgeAccounts
            {
                CustomerIds = owner,
                AccountIds = accounts.AccountId,
                AverageBalance = accounts.AverageBalance,
                Nii = result.AccountNii,
            },
        };
    }

    /// <summary>
    /// Reads the run published at <paramref name="runDirectory"/> (its customer_profitability, account_profitability
    /// when present, and the period in manifest.json). A run whose manifest records no period (scored before it was
    /// recorded) has its Y recovered from its own figures as capital_charge / (hurdle_rate × capital), with
    /// <paramref name="fallbackHurdleRate"/>, on the customer with the largest capital; the note says so.
    /// </summary>
    /// <exception cref="UsageException">The folder is not a run's output (no customer_profitability), or Y cannot be known.</exception>
    public static async Task<BridgeRun> ReadAsync(string runDirectory, string option, double fallbackHurdleRate,
        CancellationToken cancellationToken = default)
    {
        var customers = await RunTable.ReadAsync(runDirectory, OutputTableNames.CustomerProfitability, CustomerColumns, cancellationToken)
            .ConfigureAwait(false)
            ?? throw new UsageException(
                $"The {option} folder '{runDirectory}' has no customer_profitability table; point it at an output folder of "
                + $"'analytics score'.");
        var accounts = await RunTable.ReadAsync(runDirectory, OutputTableNames.AccountProfitability, AccountColumns, cancellationToken)
            .ConfigureAwait(false);
        var ids = customers.Text("customer_id");
        var idArray = new string[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            idArray[i] = ids[i] ?? throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"The {option} run's customer_profitability has an empty customer_id in row {i + 1}; point it at an output folder of "
                    + $"'analytics score'."));
        }

        var notes = new List<string>();
        var period = RunPeriod.Read(runDirectory);
        double y;
        double tax;
        if (period is not null)
        {
            y = period.YearFraction;
            tax = period.TaxRate;
        }
        else
        {
            y = RecoverYearFraction(customers, fallbackHurdleRate)
                ?? throw new UsageException(
                    $"The {option} run at '{runDirectory}' records no period in manifest.json and has no capital to recover its length "
                    + $"from; rescore it with this version.");
            tax = double.NaN;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"the {option} run records no period, so its Y = {y:0.######} was recovered from capital_charge / "
                    + $"(hurdle_rate × capital)"));
        }

        BridgeAccounts? accountRows = null;
        if (accounts is null)
        {
            notes.Add($"the {option} run has no account_profitability, so NII changes are not split into volume and margin and go "
                + $"to new_or_lost");
        }
        else
        {
            accountRows = new BridgeAccounts
            {
                CustomerIds = NonNull(accounts.Text("customer_id")),
                AccountIds = NonNull(accounts.Text("account_id")),
                AverageBalance = ZeroForNull(accounts.Numbers("avg_balance")),
                Nii = ZeroForNull(accounts.Numbers("nii")),
            };
        }

        var snapshot = new BridgeSnapshot
        {
            YearFraction = y,
            TaxRate = tax,
            CustomerIds = idArray,
            Eva = ZeroForNull(customers.Numbers("eva")),
            Nii = ZeroForNull(customers.Numbers("nii")),
            FeeIncome = ZeroForNull(customers.Numbers("fee_income")),
            CrossSellRevenue = ZeroForNull(customers.Numbers("cross_sell_revenue")),
            OperatingCost = ZeroForNull(customers.Numbers("operating_cost")),
            ExpectedLoss = ZeroForNull(customers.Numbers("expected_loss")),
            CapitalCharge = ZeroForNull(customers.Numbers("capital_charge")),
            Accounts = accountRows,
        };
        return new BridgeRun(snapshot, period, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>
    /// The figures of the run being scored, read back from its staging folder (a distributed run, whose per-customer
    /// tables are part files written by its partitions): the same values <see cref="FromRun"/> takes from the kernel.
    /// </summary>
    internal static async Task<BridgeSnapshot> ReadCurrentAsync(string stagingDirectory, EngineConfig config,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var customers = await RunTable.ReadAsync(stagingDirectory, OutputTableNames.CustomerProfitability, CustomerColumns,
                cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The run wrote no customer_profitability.");
        var accounts = await RunTable.ReadAsync(stagingDirectory, OutputTableNames.AccountProfitability, AccountColumns,
                cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The run wrote no account_profitability.");
        return new BridgeSnapshot
        {
            YearFraction = config.YearFraction,
            TaxRate = config.Capital.TaxRate,
            CustomerIds = NonNull(customers.Text("customer_id")),
            Eva = customers.Numbers("eva"),
            Nii = customers.Numbers("nii"),
            FeeIncome = customers.Numbers("fee_income"),
            CrossSellRevenue = customers.Numbers("cross_sell_revenue"),
            OperatingCost = customers.Numbers("operating_cost"),
            ExpectedLoss = customers.Numbers("expected_loss"),
            CapitalCharge = customers.Numbers("capital_charge"),
            Accounts = new BridgeAccounts
            {
                CustomerIds = NonNull(accounts.Text("customer_id")),
                AccountIds = NonNull(accounts.Text("account_id")),
                AverageBalance = accounts.Numbers("avg_balance"),
                Nii = accounts.Numbers("nii"),
            },
        };
    }

    private static double? RecoverYearFraction(RunTable customers, double hurdleRate)
    {
        var capital = customers.Numbers("capital");
        var charge = customers.Numbers("capital_charge");
        int best = -1;
        for (int i = 0; i < capital.Length; i++)
        {
            if (capital[i] > 0 && (best < 0 || capital[i] > capital[best]))
            {
                best = i;
            }
        }

        if (best < 0 || !(hurdleRate > 0) || !(charge[best] > 0))
        {
            return null;
        }

        return charge[best] / (hurdleRate * capital[best]);
    }

    private static string[] NonNull(string?[] values)
    {
        var result = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i] ?? "";
        }

        return result;
    }

    private static double[] ZeroForNull(double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) values[i] = 0;
        }

        return values;
    }
}
