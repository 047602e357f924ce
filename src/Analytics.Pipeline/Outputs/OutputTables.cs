using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.OverTime;
using Analytics.Core.Segmentation;
using Analytics.IO.Validation;
using Analytics.IO.Writing;

namespace Analytics.Pipeline.Outputs;

/// <summary>
/// Turns kernel results into the output tables of docs/METHODOLOGY.md §6, each sorted by customer_id then key (customers are
/// already in ordinal id order, accounts in (customer, account_id) order). Confidential columns appear only
/// when requested, and never in customer_segments, underpriced_loans or rejects.
/// </summary>
internal static class OutputTables
{
    /// <summary>Builds every table.</summary>
    public static IReadOnlyList<OutputTable> Build(LoadedPortfolio loaded, ScoringResult result, EngineConfig config,
        bool includeConfidential) =>
        Build(loaded, result, config, includeConfidential, threads: 1);

    /// <summary>Builds every table, up to <paramref name="threads"/> at a time; the tables do not depend on the thread count.</summary>
    public static IReadOnlyList<OutputTable> Build(LoadedPortfolio loaded, ScoringResult result, EngineConfig config,
        bool includeConfidential, int threads)
    {
        var confidential = includeConfidential ? loaded.ConfidentialValues : new Dictionary<string, string?[]>();
        var data = loaded.Data;
        var tables = new OutputTable[9];
        OrderedWork.Run(
        [
            () => tables[0] = Profitability(data, result, config, confidential),
            () => tables[1] = Segments(data, result),
            () => tables[2] = ClusterProfiles(result.Segments.Profiles),
            () => tables[3] = EarlyWarnings(data, result, config, confidential),
            () => tables[4] = EarlyWarningReasons(data, result),
            () => tables[5] = MaturityNotices(data, result, confidential, config.AsOf.DayNumber),
            () => tables[6] = UnderpricedLoans(data, result),
            () => tables[7] = Rejects(loaded.Rejects),
            () => tables[8] = AccountProfitability(data, result, config),
        ], threads, CancellationToken.None);
        return tables;
    }

    private static OutputTable Profitability(PortfolioData data, ScoringResult result, EngineConfig config, IReadOnlyDictionary<string,
        string?[]> confidential)
    {
        var p = result.Profitability;
        var c = data.Customers;
        var columns = new List<OutputColumn> { OutputColumn.Text("customer_id", c.Ids) };
        AddConfidential(columns, confidential, null);
        columns.AddRange(
        [
            OutputColumn.Number("nii", p.Nii),
            OutputColumn.Number("fee_income", p.FeeIncome),
            OutputColumn.Number("cross_sell_revenue", p.CrossSellRevenue),
            OutputColumn.Number("revenue", p.Revenue),
            OutputColumn.Number("operating_cost", p.OperatingCost),
            OutputColumn.Number("expected_loss", p.ExpectedLoss),
            OutputColumn.Number("ead", p.Ead),
            OutputColumn.Number("credit_capital", p.CreditCapital),
            OutputColumn.Number("op_capital", p.OpCapital),
            OutputColumn.Number("capital", p.Capital),
            OutputColumn.Number("capital_charge", p.CapitalCharge),
            OutputColumn.Number("pre_tax_profit", p.PreTaxProfit),
            OutputColumn.Number("nopat", p.Nopat),
            OutputColumn.Number("eva", p.Eva),
            OutputColumn.Number("raroc", p.Raroc),
            OutputColumn.Integer("products_held", p.ProductsHeld),
            OutputColumn.Number("deposit_balance", p.DepositBalance),
            OutputColumn.Number("contribution_score", p.ContributionScore),
            OutputColumn.Number("lending_balance", p.LendingBalance),
            OutputColumn.Number("pd", p.Pd),
            OutputColumn.Long("fee_transactions", data.Activity.FeeRows),
            OutputColumn.Long("cross_sell_units", data.Activity.CrossSellUnits),
        ]);

        // Descriptive attributes, unless the bank declared them confidential.
        AddAttribute(columns, config, "industry", c.Industry);
        AddAttribute(columns, config, "region", c.Region);
        AddAttribute(columns, config, "rm_id", c.RmId);
        AddAttribute(columns, config, "rating", c.Rating);
        return new OutputTable(OutputTableNames.CustomerProfitability, c.Count, columns);
    }

    private static void AddAttribute(List<OutputColumn> columns, EngineConfig config, string name, string[] values)
    {
        if (!config.IsConfidential(name))
        {
            columns.Add(OutputColumn.Text(name, values));
        }
    }

    private static void AddConfidential(List<OutputColumn> columns, IReadOnlyDictionary<string, string?[]> confidential,
        int[]? customerOfRow)
    {
        var names = new List<string>(confidential.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var perCustomer = confidential[name];
            if (customerOfRow is null)
            {
                columns.Add(OutputColumn.Text(name, perCustomer));
                continue;
            }

            columns.Add(ByRow(name, perCustomer, customerOfRow));
        }
    }

    private static OutputTable Segments(PortfolioData data, ScoringResult result)
    {
        var s = result.Segments;
        var columns = new List<OutputColumn>
        {
            OutputColumn.Text("customer_id", data.Customers.Ids),
            OutputColumn.Text("tier", s.Tier),
            OutputColumn.Text("risk_band", s.RiskBand),
            OutputColumn.Integer("cluster_id", s.ClusterId),
            OutputColumn.Text("cluster_label", s.ClusterLabel),
            OutputColumn.Number("loan_spread_bps", s.LoanSpreadBps),
            OutputColumn.Number("deposit_rate_bps", s.DepositRateBps),
            OutputColumn.Number("fee_discount", s.FeeDiscount),
            OutputColumn.Number("loan_rate_floor", s.LoanRateFloor),
            OutputColumn.Number("relationship_floor", s.RelationshipFloor),
            OutputColumn.Integer("underpriced_loans", s.UnderpricedCount),
        };
        if (s.TierChange is not null)
        {
            columns.Add(OutputColumn.Text("previous_tier", s.PreviousTier!));
            columns.Add(OutputColumn.Text("tier_change", s.TierChange));
        }

        columns.Add(OutputColumn.Number("contribution_score", result.Profitability.ContributionScore));
        columns.Add(OutputColumn.Number("pd", result.Profitability.Pd));
        columns.Add(MapSeverity("severity", result.EarlyWarnings.Severity));
        // Schema version 2: added at the end, as the desk's contract promises.
        columns.Add(PricingStatus("pricing_status", s.InDefault));
        return new OutputTable(OutputTableNames.CustomerSegments, data.Customers.Count, columns);
    }

    /// <summary>cluster_profiles from every cluster's profile (a distributed run builds it on the coordinator).</summary>
    public static OutputTable ClusterProfiles(IReadOnlyList<ClusterProfile> profiles)
    {
        int n = profiles.Count;
        var id = new int[n];
        var label = new string?[n];
        var size = new int[n];
        var loan = new double[n];
        var deposit = new double[n];
        var fee = new double[n];
        var cross = new double[n];
        var products = new double[n];
        var util = new double[n];
        var eva = new double[n];
        var raroc = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = profiles[i];
            (id[i], label[i], size[i], loan[i], deposit[i], fee[i], cross[i], products[i], util[i], eva[i], raroc[i]) =
                (p.ClusterId, p.Label, p.Size, p.LoanBalance, p.DepositBalance, p.FeeShare, p.CrossSellShare, p.ProductsHeld, p.Utilization,
                    p.MeanEva, p.MeanRaroc);
        }

        return new OutputTable(OutputTableNames.ClusterProfiles, n,
        [
            OutputColumn.Integer("cluster_id", id),
            OutputColumn.Text("cluster_label", label),
            OutputColumn.Integer("size", size),
            OutputColumn.Number("loan_balance", loan),
            OutputColumn.Number("deposit_balance", deposit),
            OutputColumn.Number("fee_share", fee),
            OutputColumn.Number("cross_sell_share", cross),
            OutputColumn.Number("products_held", products),
            OutputColumn.Number("utilization", util),
            OutputColumn.Number("mean_eva", eva),
            OutputColumn.Number("mean_raroc", raroc),
        ]);
    }

    private static OutputTable EarlyWarnings(PortfolioData data, ScoringResult result, EngineConfig config, IReadOnlyDictionary<string,
        string?[]> confidential)
    {
        var w = result.EarlyWarnings;
        int n = data.Customers.Count;
        var fiveCategory = w.FiveCategory;
        var five = OutputColumn.Text("five_category", n, (start, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = FiveCategories.Name(fiveCategory[start + i]);
        });

        var columns = new List<OutputColumn> { OutputColumn.Text("customer_id", data.Customers.Ids) };
        AddConfidential(columns, confidential, null);
        // rm_id routes the warning to the relationship manager, ead orders the manager's list (docs/METHODOLOGY.md §6);
        // rm_id is left out like everywhere else when the bank declared it confidential.
        AddAttribute(columns, config, "rm_id", data.Customers.RmId);
        columns.Add(OutputColumn.Number("ead", result.Profitability.Ead));
        columns.AddRange(
        [
            MapSeverity("severity", w.Severity),
            OutputColumn.Text("reason_codes", w.ReasonCodes),
            OutputColumn.Number("dscr", w.Dscr),
            OutputColumn.Number("icr", w.Icr),
            OutputColumn.Number("leverage", w.Leverage),
            OutputColumn.Number("current_ratio", w.CurrentRatio),
            OutputColumn.Number("altman_z", w.AltmanZ),
            OutputColumn.Integer("max_dpd", w.MaxDpd),
            five,
            OutputColumn.Integer("ifrs9_stage", w.Ifrs9Stage),
        ]);
        return new OutputTable(OutputTableNames.EarlyWarnings, n, columns);
    }

    private static OutputTable EarlyWarningReasons(PortfolioData data, ScoringResult result)
    {
        var r = result.EarlyWarnings.Reasons;
        return new OutputTable(OutputTableNames.EarlyWarningReasons, r.Customer.Length,
        [
            ByRow("customer_id", data.Customers.Ids, r.Customer),
            OutputColumn.Text("reason_code", r.ReasonCode),
            MapSeverity("severity", r.Severity),
            OutputColumn.Number("value", r.Value),
            OutputColumn.Number("threshold", r.Threshold),
        ]);
    }

    private static OutputTable MaturityNotices(PortfolioData data, ScoringResult result, IReadOnlyDictionary<string,
        string?[]> confidential, int asOfDay)
    {
        var m = result.EarlyWarnings.MaturityNotices;
        var columns = new List<OutputColumn>
        {
            ByRow("customer_id", data.Customers.Ids, m.Customer),
        };
        AddConfidential(columns, confidential, m.Customer);
        columns.Add(ByRow("account_id", data.Accounts.AccountId, m.Account));
        columns.Add(OutputColumn.Date("maturity_date", m.MaturityDate));
        columns.Add(OutputColumn.Number("amount_due", m.AmountDue));
        var end = new double[m.Account.Length];
        var arrears = new double[m.Account.Length];
        var days = new int[m.Account.Length];
        for (int i = 0; i < end.Length; i++)
        {
            end[i] = data.Accounts.EndBalance[m.Account[i]];
            arrears[i] = data.Accounts.InterestArrears[m.Account[i]];
            days[i] = m.MaturityDate[i] - asOfDay;
        }

        columns.Add(OutputColumn.Number("end_balance", end));
        columns.Add(OutputColumn.Number("interest_arrears", arrears));
        columns.Add(OutputColumn.Integer("days_to_maturity", days));
        return new OutputTable(OutputTableNames.MaturityNotices, m.Customer.Length, columns);
    }

    private static OutputTable UnderpricedLoans(PortfolioData data, ScoringResult result)
    {
        var loans = result.Segments.UnderpricedLoans;
        int n = loans.Count;
        var customer = new int[n];
        var account = new int[n];
        var client = new double[n];
        var floor = new double[n];
        var gap = new double[n];
        var shortfall = new double[n];
        for (int i = 0; i < n; i++)
        {
            customer[i] = loans[i].Customer;
            account[i] = loans[i].Account;
            client[i] = loans[i].ClientRate;
            floor[i] = loans[i].FloorRate;
            gap[i] = loans[i].GapBps;
            shortfall[i] = loans[i].AnnualShortfall(data.Accounts.AverageBalance[loans[i].Account]);
        }

        return new OutputTable(OutputTableNames.UnderpricedLoans, n,
        [
            ByRow("customer_id", data.Customers.Ids, customer),
            ByRow("account_id", data.Accounts.AccountId, account),
            OutputColumn.Number("client_rate", client),
            OutputColumn.Number("floor_rate", floor),
            OutputColumn.Number("gap_bps", gap),
            OutputColumn.Number("annual_shortfall", shortfall),
            OutputColumn.Text("product_type", n, (start, into) =>
            {
                for (int i = 0; i < into.Length; i++) into[i] = ProductTypes.Name(data.Accounts.Type[account[start + i]]);
            }),
        ]);
    }

    /// <summary>
    /// account_profitability (docs/METHODOLOGY.md §9): each accepted account's own §3 figures, in the account table's
    /// (customer_id, account_id) order. Fee income and cross-sell revenue stay customer-level, and so do the
    /// customer's per_customer, per-fee-transaction and per-cross-sale-unit costs: an account's operating_cost is its
    /// own per_account cost only, so Σ operating_cost over a customer's accounts is the account part of the
    /// customer's cost. The NII column holds the very values the customer's NII sums, in the same order, so the
    /// sum over a customer's rows reproduces its nii bit for bit.
    /// </summary>
    private static OutputTable AccountProfitability(PortfolioData data, ScoringResult result, EngineConfig config)
    {
        var a = data.Accounts;
        var p = result.Profitability;
        int n = a.Count;
        var cost = new double[n];
        var perAccount = new double[ProductTypes.Count];
        foreach (ProductType t in ProductTypes.All)
        {
            perAccount[(int)t] = config.Costs.PerAccount[t];
        }

        for (int i = 0; i < n; i++)
        {
            cost[i] = perAccount[(int)a.Type[i]];
        }

        return new OutputTable(OutputTableNames.AccountProfitability, n,
        [
            AccountCustomerIds(data),
            OutputColumn.Text("account_id", a.AccountId),
            ProductTypeNames("product_type", a.Type),
            OutputColumn.Number("avg_balance", a.AverageBalance),
            OutputColumn.Number("ftp_rate", p.AccountFtpRate),
            OutputColumn.Number("client_rate", a.ClientRate),
            OutputColumn.Number("nii", p.AccountNii),
            OutputColumn.Number("operating_cost", cost),
            OutputColumn.Number("expected_loss", p.AccountExpectedLoss),
            OutputColumn.Number("ead", p.AccountEad),
            OutputColumn.Number("credit_capital", p.AccountCreditCapital),
            OutputColumn.Number("end_balance", a.EndBalance),
            OutputColumn.Number("lgd", p.AccountLgd),
            OutputColumn.Number("maturity_years", p.AccountMaturityYears),
        ]);
    }

    /// <summary>
    /// profit_bridge (docs/METHODOLOGY.md §9): one row per customer present in either run, by customer_id, with
    /// its presence (both, new, lost), both EVAs, their change, the additive components and the main driver (the
    /// component largest in absolute value).
    /// </summary>
    public static OutputTable ProfitBridge(BridgeResult bridge)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        int n = bridge.Count;
        var presence = new string?[n];
        var change = new double[n];
        var driver = new string?[n];
        for (int i = 0; i < n; i++)
        {
            presence[i] = BridgeResult.PresenceName(bridge.Presence[i]);
            change[i] = bridge.EvaCurrent[i] - bridge.EvaPrevious[i];
            driver[i] = bridge.MainDriver(i);
        }

        var columns = new List<OutputColumn>
        {
            OutputColumn.Text("customer_id", bridge.CustomerIds),
            OutputColumn.Text("presence", presence),
            OutputColumn.Number("eva_previous", bridge.EvaPrevious),
            OutputColumn.Number("eva_current", bridge.EvaCurrent),
            OutputColumn.Number("eva_change", change),
        };
        var components = bridge.Components;
        for (int k = 0; k < components.Length; k++)
        {
            columns.Add(OutputColumn.Number(BridgeResult.ComponentNames[k], components[k]));
        }

        columns.Add(OutputColumn.Text("main_driver", driver));
        return new OutputTable(OutputTableNames.ProfitBridge, n, columns);
    }

    /// <summary>rejects, in its written order (a distributed run builds it from every partition's rejects).</summary>
    public static OutputTable Rejects(RejectLog log)
    {
        var rejects = log.Sorted();
        int n = rejects.Length;
        var table = new string?[n];
        var file = new string?[n];
        var row = new long[n];
        var column = new string?[n];
        var reason = new string?[n];
        for (int i = 0; i < n; i++)
        {
            table[i] = rejects[i].Table;
            file[i] = rejects[i].File;
            row[i] = rejects[i].Row;
            column[i] = rejects[i].Column;
            reason[i] = RejectReasons.Code(rejects[i].Reason);
        }

        return new OutputTable(OutputTableNames.Rejects, n,
        [
            OutputColumn.Text("table", table),
            OutputColumn.Text("file", file),
            OutputColumn.Long("row", row),
            OutputColumn.Text("column", column),
            OutputColumn.Text("reason", reason),
        ]);
    }

    /// <summary>
    /// Text by row from per-key text: row r holds <paramref name="text"/>[<paramref name="keyOfRow"/>[r]] (a customer's id or
    /// name on each of its rows, an account's id), produced a chunk at a time rather than held as a second array.
    /// </summary>
    private static OutputColumn ByRow(string name, string?[] text, int[] keyOfRow) =>
        OutputColumn.Text(name, keyOfRow.Length, (start, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = text[keyOfRow[start + i]];
        });

    /// <summary>account_profitability's customer_id: each account's customer, from the accounts' customer ranges.</summary>
    private static OutputColumn AccountCustomerIds(PortfolioData data)
    {
        var ids = data.Customers.Ids;
        var customerStart = data.Accounts.CustomerStart;
        int customers = data.Customers.Count;
        return OutputColumn.Text("customer_id", data.Accounts.Count, (start, into) =>
        {
            if (into.Length == 0) return;

            // The last customer whose range starts at or before the first row (empty ranges before it are skipped).
            int lo = 0, hi = customers - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (customerStart[mid] <= start) lo = mid;
                else hi = mid - 1;
            }

            int c = lo;
            for (int i = 0; i < into.Length; i++)
            {
                while (customerStart[c + 1] <= start + i) c++;
                into[i] = ids[c];
            }
        });
    }

    private static OutputColumn ProductTypeNames(string name, ProductType[] type) =>
        OutputColumn.Text(name, type.Length, (start, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = ProductTypes.Name(type[start + i]);
        });

    private static OutputColumn PricingStatus(string name, bool[] inDefault) =>
        OutputColumn.Text(name, inDefault.Length, (start, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = DefaultStatus.PricingStatus(inDefault[start + i]);
        });

    private static OutputColumn MapSeverity(string name, Severity[] severity) =>
        OutputColumn.Text(name, severity.Length, (start, into) =>
        {
            for (int i = 0; i < into.Length; i++) into[i] = Severities.Name(severity[start + i]);
        });
}
