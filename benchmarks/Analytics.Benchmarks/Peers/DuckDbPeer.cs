using System.Globalization;
using System.Text;
using Analytics.Core.Configuration;
using Analytics.IO.Validation;
using DuckDB.NET.Data;

namespace Analytics.Benchmarks.Peers;

/// <summary>
/// The peer: DuckDB (in process, all cores) running the equivalent aggregation in SQL over the same Parquet files,
/// with the per-customer result fetched into .NET as the engine's is.
/// </summary>
/// <remarks>
/// "Equivalent" is the aggregation, not every rule: Σ amount × fx of in-period fees per accepted customer (an inner
/// join with customers), the row count and distinct fee types; and for <see cref="Portfolio"/> also per
/// customer NII and EAD over accounts with the FTP curve flattened to one rate per product (the 1-year point plus
/// the liquidity premium). It checks no row rules, writes no files and computes no capital, scores or segments, so
/// it is a lower bound on what the same run would cost in SQL.
/// </remarks>
public static class DuckDbPeer
{
    /// <summary>Per customer fee totals over the fees and customers tables.</summary>
    public static FeeTotals Fees(string folder, EngineConfig config)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH fx(currency, rate) AS (VALUES {FxValues(config)})
            SELECT f.customer_id, sum(f.amount * fx.rate) AS income, count(*) AS rows, count(DISTINCT f.fee_type) AS types
            FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Fees)}) f
            JOIN fx ON fx.currency = coalesce(f.currency, '{config.ReportingCurrency}')
            JOIN read_parquet({TableFiles.DuckDbList(folder, InputTables.Customers)}) c ON c.customer_id = f.customer_id
            WHERE f.booking_date BETWEEN {Date(config.Period.Start)} AND {Date(config.Period.End)}
              AND f.fee_type <> '' AND isfinite(f.amount)
            GROUP BY f.customer_id
            """;
        using var reader = command.ExecuteReader();
        long customers = 0, rows = 0, types = 0;
        double income = 0;
        while (reader.Read())
        {
            customers++;
            income += reader.GetDouble(1);
            rows += reader.GetInt64(2);
            types += reader.GetInt64(3);
        }

        return new FeeTotals(customers, income, rows, types);
    }

    /// <summary>Per customer (all customers, sorted by id) fee totals plus NII and EAD of accounts, folded to totals.</summary>
    public static PortfolioTotals Portfolio(string folder, EngineConfig config)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH fx(currency, rate) AS (VALUES {FxValues(config)}),
            c AS (SELECT customer_id FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Customers)})),
            {FeesCte(folder, config)},
            a AS (
              SELECT a.customer_id,
                {NiiAndEad(config)}
              FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Accounts)}) a
              JOIN fx ON fx.currency = coalesce(a.currency, '{config.ReportingCurrency}')
              GROUP BY a.customer_id)
            SELECT c.customer_id, coalesce(f.income, 0), coalesce(f.rows, 0), coalesce(f.types, 0), coalesce(a.nii, 0), coalesce(a.ead, 0)
            FROM c LEFT JOIN f ON f.customer_id = c.customer_id LEFT JOIN a ON a.customer_id = c.customer_id
            ORDER BY c.customer_id
            """;
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        double income = 0, nii = 0, ead = 0;
        long rows = 0, types = 0, withFees = 0;
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
            income += reader.GetDouble(1);
            long r = reader.GetInt64(2);
            rows += r;
            withFees += r > 0 ? 1 : 0;
            types += reader.GetInt64(3);
            nii += reader.GetDouble(4);
            ead += reader.GetDouble(5);
        }

        return new PortfolioTotals(ids.Count, new FeeTotals(withFees, income, rows, types), nii, ead);
    }

    /// <summary>
    /// The fuller peer: the same per-customer aggregation over all five tables with the row rules that decide whether
    /// a row counts (valid ids, known customers, unique keys, allowed product types, non-negative balances, finite
    /// amounts, the period and as-of filters), the latest statement's ratios, and the per-customer table written to
    /// Parquet as the engine writes its own. Still no capital, scores, segments, warnings or reject log.
    /// </summary>
    /// <returns>The number of customer rows written to <paramref name="outputFile"/>.</returns>
    public static long PortfolioToParquet(string folder, EngineConfig config, string outputFile)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        string asOf = Date(config.AsOf);
        command.CommandText = $"""
            COPY (
            WITH fx(currency, rate) AS (VALUES {FxValues(config)}),
            c AS (
              SELECT customer_id, coalesce(pd, {Number(config.Risk.PdDefault)}) AS pd
              FROM (SELECT *, count(*) OVER (PARTITION BY customer_id) AS n
                    FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Customers)}))
              WHERE n = 1 AND customer_id <> '' AND (pd IS NULL OR pd BETWEEN 0 AND 1)),
            {FeesCte(folder, config)},
            x AS (
              SELECT s.customer_id, sum(coalesce(s.revenue, 0) * fx.rate) AS revenue, sum(coalesce(s.units, 0)) AS units
              FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.CrossSales)}) s
              JOIN fx ON fx.currency = coalesce(s.currency, '{config.ReportingCurrency}')
              WHERE s.product_line <> '' AND coalesce(s.units, 0) >= 0
              GROUP BY s.customer_id),
            a AS (
              SELECT a.customer_id,
                {NiiAndEad(config)},
                sum(CASE WHEN a.product_type IN ('loan', 'overdraft') THEN a.average_balance * fx.rate ELSE 0 END) AS lending,
                sum(CASE WHEN a.product_type = 'deposit' THEN a.average_balance * fx.rate ELSE 0 END) AS deposits,
                max(coalesce(a.days_past_due, 0)) AS dpd,
                sum(coalesce(a.interest_arrears, 0) * fx.rate) AS arrears,
                count(*) AS accounts
              FROM (SELECT *, count(*) OVER (PARTITION BY account_id) AS n
                    FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Accounts)})) a
              JOIN fx ON fx.currency = coalesce(a.currency, '{config.ReportingCurrency}')
              WHERE a.n = 1 AND a.account_id <> '' AND a.product_type IN ('loan', 'overdraft', 'deposit', 'guarantee')
                AND a.average_balance >= 0 AND a.end_balance >= 0 AND coalesce(a.limit_amount, 0) >= 0
                AND (a.client_rate IS NOT NULL OR a.product_type = 'guarantee') AND a.open_date IS NOT NULL
              GROUP BY a.customer_id),
            s AS (
              SELECT customer_id, count(*) AS statements,
                arg_max(ebitda / nullif(interest_expense, 0), statement_date) AS interest_cover,
                arg_max(total_debt / nullif(ebitda, 0), statement_date) AS leverage,
                arg_max(current_assets / nullif(current_liabilities, 0), statement_date) AS current_ratio
              FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Financials)})
              WHERE statement_date <= {asOf}
              GROUP BY customer_id)
            SELECT c.customer_id, c.pd,
              coalesce(f.income, 0) AS fee_income, coalesce(f.rows, 0) AS fee_rows, coalesce(f.types, 0) AS fee_types,
              coalesce(x.revenue, 0) AS cross_sell_revenue, coalesce(x.units, 0) AS cross_sell_units,
              coalesce(a.nii, 0) AS nii, coalesce(a.ead, 0) AS ead, coalesce(a.lending, 0) AS lending_balance,
              coalesce(a.deposits, 0) AS deposit_balance, coalesce(a.dpd, 0) AS days_past_due, coalesce(a.arrears, 0) AS arrears,
              coalesce(a.accounts, 0) AS accounts, coalesce(s.statements, 0) AS statements,
              s.interest_cover, s.leverage, s.current_ratio
            FROM c LEFT JOIN f USING (customer_id) LEFT JOIN x USING (customer_id) LEFT JOIN a USING (customer_id)
              LEFT JOIN s USING (customer_id)
            ORDER BY c.customer_id
            ) TO '{outputFile.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)
            """;
        return command.ExecuteNonQuery();
    }

    /// <summary>CTE <c>f</c>: per customer Σ amount × fx of in-period fees, row count and distinct fee types.</summary>
    private static string FeesCte(string folder, EngineConfig config) => $"""
        f AS (
          SELECT f.customer_id, sum(f.amount * fx.rate) AS income, count(*) AS rows, count(DISTINCT f.fee_type) AS types
          FROM read_parquet({TableFiles.DuckDbList(folder, InputTables.Fees)}) f
          JOIN fx ON fx.currency = coalesce(f.currency, '{config.ReportingCurrency}')
          WHERE f.booking_date BETWEEN {Date(config.Period.Start)} AND {Date(config.Period.End)}
            AND f.fee_type <> '' AND isfinite(f.amount)
          GROUP BY f.customer_id)
        """;

    /// <summary>
    /// The <c>nii</c> and <c>ead</c> aggregates over accounts <c>a</c> joined with <c>fx</c>: the FTP curve flattened to
    /// its 1-year point plus the product's liquidity premium (or the account's own ftp_rate), the CCF by product.
    /// </summary>
    private static string NiiAndEad(EngineConfig config)
    {
        double y = config.YearFraction;
        double oneYear = Interpolate(config.Ftp.Curve, 1.0);
        string ftp = $"coalesce(a.ftp_rate, {Number(oneYear)} + CASE a.product_type {ByProduct(config.Ftp.LiquidityPremium)} END)";
        string ccf = $"CASE a.product_type {ByProduct(config.Risk.Ccf)} END";
        return $"""
            sum(CASE WHEN a.product_type IN ('loan', 'overdraft') THEN a.average_balance * fx.rate * (a.client_rate - {ftp}) * {Number(y)}
                     WHEN a.product_type = 'deposit' THEN a.average_balance * fx.rate * ({ftp} - a.client_rate) * {Number(y)}
                     ELSE 0 END) AS nii,
            sum(CASE WHEN a.product_type IN ('loan', 'overdraft')
                       THEN a.end_balance * fx.rate + {ccf} * greatest(0, coalesce(a.limit_amount, 0) * fx.rate - a.end_balance * fx.rate)
                     WHEN a.product_type = 'guarantee' THEN {ccf} * coalesce(a.limit_amount, 0) * fx.rate
                     ELSE 0 END) AS ead
            """;
    }

    /// <summary>Opens DuckDB and runs <c>SELECT 1</c>: the peer process's fixed cost without any data.</summary>
    public static void Noop()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        command.ExecuteScalar();
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static string FxValues(EngineConfig config)
    {
        var values = new StringBuilder();
        values.Append(CultureInfo.InvariantCulture, $"('{config.ReportingCurrency}', 1.0::DOUBLE)");
        foreach (var (code, rate) in config.FxRates)
        {
            values.Append(CultureInfo.InvariantCulture, $", ('{code}', {Number(rate)}::DOUBLE)");
        }

        return values.ToString();
    }

    private static string ByProduct(ProductMap map)
    {
        var cases = new StringBuilder();
        foreach (var type in Core.Data.ProductTypes.All.ToArray())
        {
            cases.Append(CultureInfo.InvariantCulture, $"WHEN '{Core.Data.ProductTypes.Name(type)}' THEN {Number(map[type])} ");
        }

        return cases.Append("ELSE 0").ToString();
    }

    private static double Interpolate(IReadOnlyList<CurvePoint> curve, double term) =>
        new Core.Profitability.FtpCurve(curve).Interpolate(term);

    private static string Date(DateOnly d) => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="DuckDbPeer.Portfolio"/> (and the engine, for comparison) produced, folded to totals.</summary>
public readonly record struct PortfolioTotals(int Customers, FeeTotals Fees, double Nii, double Ead);
