using Analytics.Core.Numerics;

namespace Analytics.Core.OverTime;

/// <summary>Whether a bridge row's customer is in both runs, only the current one or only the previous one.</summary>
public enum BridgePresence
{
    /// <summary>In both runs.</summary>
    Both,
    /// <summary>Only in the current run.</summary>
    New,
    /// <summary>Only in the previous run.</summary>
    Lost,
}

/// <summary>
/// The night-over-night profit bridge (docs/METHODOLOGY.md §9): why each customer's EVA moved between two runs,
/// as additive components that sum to <c>eva_current − eva_previous</c>.
/// </summary>
/// <remarks>
/// Every change is of annualised figures (a run's figure ÷ its own Y), scaled by the current run's Y₁ and, except
/// capital, taken after tax at the current tax rate t₁: with <c>s = Y₁ (1 − t₁)</c>, a figure x moves by
/// <c>(x₁/Y₁ − x₀/Y₀)·s</c>. Per account in both runs (same customer_id and account_id) with annualised NII n,
/// balance b and margin μ = n/b (0 when b = 0): volume = (b₁ − b₀)·μ₀·s and margin = b₁·(μ₁ − μ₀)·s; an account in
/// one run only puts its signed NII change into new_or_lost. When either run has no account detail the NII change
/// cannot be split into volume and margin, and the customer's whole NII change goes to new_or_lost
/// (<see cref="BridgeResult.AccountBasis"/> is false). fees, cross_sell: the change of fee income and cross-sell
/// revenue; cost, risk: minus the change of operating cost and of EL; capital: minus the change of the capital
/// charge, <c>−(cc₁/Y₁ − cc₀/Y₀)·Y₁</c>, untaxed; period_and_tax: the rest. A customer in one run only puts its whole
/// EVA change (the absent side counts as 0) into new_or_lost.
/// </remarks>
internal static class ProfitBridge
{
    /// <summary>Computes the bridge from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    public static BridgeResult Compute(BridgeSnapshot previous, BridgeSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (!(previous.YearFraction > 0) || !(current.YearFraction > 0))
        {
            throw new ArgumentException("Both runs need a positive period length (Y).");
        }

        int[] p = SortedRows(previous.CustomerIds);
        int[] c = SortedRows(current.CustomerIds);
        var prevAccounts = AccountIndex.Of(previous);
        var currAccounts = AccountIndex.Of(current);
        bool accountBasis = prevAccounts is not null && currAccounts is not null;

        var ids = new List<string>(Math.Max(p.Length, c.Length));
        var rows = new List<(int Prev, int Curr)>(ids.Capacity);
        int i = 0, j = 0;
        while (i < p.Length || j < c.Length)
        {
            int cmp = i == p.Length ? 1 : j == c.Length ? -1 : string.CompareOrdinal(previous.CustomerIds[p[i]], current.CustomerIds[c[j]]);
            if (cmp == 0)
            {
                ids.Add(current.CustomerIds[c[j]]);
                rows.Add((p[i++], c[j++]));
            }
            else if (cmp < 0)
            {
                ids.Add(previous.CustomerIds[p[i]]);
                rows.Add((p[i++], -1));
            }
            else
            {
                ids.Add(current.CustomerIds[c[j]]);
                rows.Add((-1, c[j++]));
            }
        }

        var result = new BridgeResult(ids.ToArray(), accountBasis);
        double y0 = previous.YearFraction, y1 = current.YearFraction;
        double s = y1 * (1 - current.TaxRate);
        for (int r = 0; r < rows.Count; r++)
        {
            var (a, b) = rows[r];
            double eva0 = a < 0 ? 0 : previous.Eva[a];
            double eva1 = b < 0 ? 0 : current.Eva[b];
            result.EvaPrevious[r] = eva0;
            result.EvaCurrent[r] = eva1;
            if (a < 0 || b < 0)
            {
                result.Presence[r] = a < 0 ? BridgePresence.New : BridgePresence.Lost;
                result.NewOrLost[r] = eva1 - eva0;
                continue;
            }

            result.Presence[r] = BridgePresence.Both;
            if (accountBasis)
            {
                var (volume, margin, newOrLost) = SplitNii(prevAccounts!, previous.CustomerIds[a], y0, currAccounts!,
                    current.CustomerIds[b], y1, s);
                result.Volume[r] = volume;
                result.Margin[r] = margin;
                result.NewOrLost[r] = newOrLost;
            }
            else
            {
                result.NewOrLost[r] = Change(previous.Nii[a], y0, current.Nii[b], y1) * s;
            }

            result.Fees[r] = Change(previous.FeeIncome[a], y0, current.FeeIncome[b], y1) * s;
            result.CrossSell[r] = Change(previous.CrossSellRevenue[a], y0, current.CrossSellRevenue[b], y1) * s;
            result.Cost[r] = 0 - Change(previous.OperatingCost[a], y0, current.OperatingCost[b], y1) * s;
            result.Risk[r] = 0 - Change(previous.ExpectedLoss[a], y0, current.ExpectedLoss[b], y1) * s;
            result.Capital[r] = 0 - Change(previous.CapitalCharge[a], y0, current.CapitalCharge[b], y1) * y1;
            double explained = result.Volume[r] + result.Margin[r] + result.NewOrLost[r] + result.Fees[r] + result.CrossSell[r]
                + result.Cost[r] + result.Risk[r] + result.Capital[r];
            result.PeriodAndTax[r] = eva1 - eva0 - explained;
        }

        return result;
    }

    /// <summary>Change of the annualised figure: x₁/Y₁ − x₀/Y₀.</summary>
    private static double Change(double x0, double y0, double x1, double y1) => x1 / y1 - x0 / y0;

    private static (double Volume, double Margin, double NewOrLost) SplitNii(
        AccountIndex prev, string prevCustomer, double y0, AccountIndex curr, string currCustomer, double y1, double s)
    {
        double volume = 0, margin = 0, newOrLost = 0;
        var (i, iEnd) = prev.RangeOf(prevCustomer);
        var (j, jEnd) = curr.RangeOf(currCustomer);
        while (i < iEnd || j < jEnd)
        {
            int cmp = i == iEnd ? 1 : j == jEnd ? -1 : string.CompareOrdinal(prev.AccountId(i), curr.AccountId(j));
            if (cmp == 0)
            {
                double n0 = prev.Nii(i) / y0, n1 = curr.Nii(j) / y1;
                double b0 = prev.Balance(i), b1 = curr.Balance(j);
                double mu0 = b0 == 0 ? 0 : n0 / b0;
                double mu1 = b1 == 0 ? 0 : n1 / b1;
                volume += (b1 - b0) * mu0 * s;
                margin += b1 * (mu1 - mu0) * s;
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                newOrLost -= prev.Nii(i++) / y0 * s;
            }
            else
            {
                newOrLost += curr.Nii(j++) / y1 * s;
            }
        }

        return (volume, margin, newOrLost);
    }

    private static int[] SortedRows(string[] ids)
    {
        var order = new int[ids.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (string[])ids.Clone();
        Array.Sort(keys, order, StringComparer.Ordinal);
        for (int i = 1; i < keys.Length; i++)
        {
            if (string.Equals(keys[i - 1], keys[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"customer_id '{keys[i]}' appears twice in one run's customer_profitability.");
            }
        }

        return order;
    }

    /// <summary>A run's accounts sorted by (customer_id, account_id), with each customer's row range.</summary>
    private sealed class AccountIndex
    {
        private readonly BridgeAccounts _accounts;
        private readonly int[] _order;
        private readonly Dictionary<string, (int From, int To)> _ranges;

        private AccountIndex(BridgeAccounts accounts)
        {
            _accounts = accounts;
            int n = accounts.AccountIds.Length;
            _order = new int[n];
            for (int i = 0; i < n; i++)
            {
                _order[i] = i;
            }

            Array.Sort(_order, (x, y) =>
            {
                int cmp = string.CompareOrdinal(accounts.CustomerIds[x], accounts.CustomerIds[y]);
                return cmp != 0 ? cmp : string.CompareOrdinal(accounts.AccountIds[x], accounts.AccountIds[y]);
            });
            _ranges = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            int from = 0;
            for (int k = 1; k <= n; k++)
            {
                if (k == n || !string.Equals(accounts.CustomerIds[_order[k]], accounts.CustomerIds[_order[from]], StringComparison.Ordinal))
                {
                    _ranges[accounts.CustomerIds[_order[from]]] = (from, k);
                    from = k;
                }
            }
        }

        public static AccountIndex? Of(BridgeSnapshot run) => run.Accounts is null ? null : new AccountIndex(run.Accounts);

        public (int From, int To) RangeOf(string customerId) => _ranges.TryGetValue(customerId, out var range) ? range : (0, 0);

        public string AccountId(int k) => _accounts.AccountIds[_order[k]];

        public double Nii(int k) => _accounts.Nii[_order[k]];

        public double Balance(int k) => _accounts.AverageBalance[_order[k]];
    }
}

/// <summary>The profit bridge: one row per customer present in either run, sorted by customer_id (ordinal).</summary>
public sealed class BridgeResult
{
    /// <summary>The names of the additive components, in output order.</summary>
    public static readonly string[] ComponentNames =
        ["volume", "margin", "new_or_lost", "fees", "cross_sell", "cost", "risk", "capital", "period_and_tax"];

    internal BridgeResult(string[] customerIds, bool accountBasis)
    {
        int n = customerIds.Length;
        CustomerIds = customerIds;
        AccountBasis = accountBasis;
        Presence = new BridgePresence[n];
        EvaPrevious = new double[n];
        EvaCurrent = new double[n];
        Volume = new double[n];
        Margin = new double[n];
        NewOrLost = new double[n];
        Fees = new double[n];
        CrossSell = new double[n];
        Cost = new double[n];
        Risk = new double[n];
        Capital = new double[n];
        PeriodAndTax = new double[n];
    }

    /// <summary>
    /// True when both runs had account_profitability, so NII changes were split into volume, margin and
    /// accounts opened or closed; false when the NII change of every customer went to new_or_lost.
    /// </summary>
    public bool AccountBasis { get; }

    /// <summary>customer_id per row.</summary>
    public string[] CustomerIds { get; }

    /// <summary>In both runs, new or lost.</summary>
    public BridgePresence[] Presence { get; }

    /// <summary>Previous EVA (0 for a new customer).</summary>
    public double[] EvaPrevious { get; }

    /// <summary>Current EVA (0 for a lost customer).</summary>
    public double[] EvaCurrent { get; }

    /// <summary>Balance change at the previous margin.</summary>
    public double[] Volume { get; }

    /// <summary>Margin change on the current balance.</summary>
    public double[] Margin { get; }

    /// <summary>Accounts (or customers) in one run only; the whole NII change without account detail.</summary>
    public double[] NewOrLost { get; }

    /// <summary>Fee income change.</summary>
    public double[] Fees { get; }

    /// <summary>Cross-sell revenue change.</summary>
    public double[] CrossSell { get; }

    /// <summary>Minus the operating cost change.</summary>
    public double[] Cost { get; }

    /// <summary>Minus the expected loss change.</summary>
    public double[] Risk { get; }

    /// <summary>Minus the capital charge change (untaxed).</summary>
    public double[] Capital { get; }

    /// <summary>What different period lengths and tax rates leave.</summary>
    public double[] PeriodAndTax { get; }

    /// <summary>Number of rows.</summary>
    public int Count => CustomerIds.Length;

    /// <summary>The component columns in <see cref="ComponentNames"/> order.</summary>
    public double[][] Components => [Volume, Margin, NewOrLost, Fees, CrossSell, Cost, Risk, Capital, PeriodAndTax];

    /// <summary>
    /// The component with the largest absolute value in row <paramref name="row"/> (the first in output order on a
    /// tie), or <c>none</c> when every component is 0.
    /// </summary>
    public string MainDriver(int row)
    {
        var components = Components;
        int best = 0;
        for (int k = 1; k < components.Length; k++)
        {
            if (Math.Abs(components[k][row]) > Math.Abs(components[best][row]))
            {
                best = k;
            }
        }

        return components[best][row] == 0 ? "none" : ComponentNames[best];
    }

    /// <summary>The text of a presence value: both, new or lost.</summary>
    public static string PresenceName(BridgePresence presence) => presence switch
    {
        BridgePresence.New => "new",
        BridgePresence.Lost => "lost",
        _ => "both",
    };

    /// <summary>Portfolio totals: Σ previous EVA, Σ current EVA and Σ of each component, each summed exactly (order-free).</summary>
    public (double EvaPrevious, double EvaCurrent, double[] Components) Totals()
    {
        var components = Components;
        var totals = new double[components.Length];
        for (int k = 0; k < components.Length; k++)
        {
            totals[k] = Sum(components[k]);
        }

        return (Sum(EvaPrevious), Sum(EvaCurrent), totals);
    }

    private static double Sum(double[] values)
    {
        Fixed128 sum = default;
        foreach (double v in values)
        {
            sum = ExactSum.Add(sum, ExactSum.ToFixed(v));
        }

        return ExactSum.ToDouble(sum);
    }
}
