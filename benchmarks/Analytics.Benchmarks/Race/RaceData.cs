using System.Globalization;
using Analytics.Benchmarks.Peers;
using Analytics.IO.Validation;
using DuckDB.NET.Data;

namespace Analytics.Benchmarks.Race;

/// <summary>The input profiles of the whole-process race: files the engine did not write.</summary>
public enum RaceProfile
{
    /// <summary>The generator's tables, every table rewritten by DuckDB (its own row groups, encodings, nullability).</summary>
    DuckDb,

    /// <summary>
    /// The generator's tables transformed by DuckDB SQL into heavier tails: a hash-chosen twentieth of the customers
    /// hold 1–16 extra copies of each of their accounts, and every balance (average, end, limit, prior average) is
    /// scaled by a Pareto factor (tail index 1.67, mean 1), so a few accounts are a thousand times the usual size.
    /// Rows come out in DuckDB's order, not sorted by customer.
    /// </summary>
    HeavyTail,
}

/// <summary>
/// Makes the race's inputs from the cached generated data of <see cref="BenchmarkData"/>: one folder per profile
/// beside it (<c>&lt;customers&gt;-duckdb</c>, <c>&lt;customers&gt;-heavy</c>), written once by DuckDB and reused.
/// </summary>
public static class RaceData
{
    /// <summary>The folder of <paramref name="profile"/> at <paramref name="customers"/>, made on first use.</summary>
    public static string Folder(int customers, RaceProfile profile)
    {
        string source = BenchmarkData.Folder(customers);
        string suffix = profile == RaceProfile.DuckDb ? "-duckdb" : "-heavy";
        string folder = Path.Combine(BenchmarkData.Root, customers.ToString(CultureInfo.InvariantCulture) + suffix);
        string done = Path.Combine(folder, "_complete");
        if (File.Exists(done))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        string[] tables = [InputTables.Customers, InputTables.Accounts, InputTables.Fees, InputTables.CrossSales, InputTables.Financials];
        foreach (string table in tables)
        {
            string select = profile == RaceProfile.HeavyTail && table == InputTables.Accounts
                ? HeavyAccounts(TableFiles.DuckDbList(source, table))
                : $"SELECT * FROM read_parquet({TableFiles.DuckDbList(source, table)})";
            string target = Path.Combine(folder, table + ".parquet").Replace("'", "''", StringComparison.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY ({select}) TO '{target}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        File.Copy(BenchmarkData.ConfigPath(source), BenchmarkData.ConfigPath(folder));
        File.WriteAllText(done, "");
        return folder;
    }

    /// <summary>
    /// Heavier tails for accounts. DuckDB's <c>hash</c> is deterministic, so the same source gives the same file.
    /// A customer whose hash is 0 mod 20 gets <c>1 + hash mod 16</c> extra copies of each account (ids suffixed
    /// <c>-hN</c>); each row's balances are multiplied by <c>0.4 · u^-0.6</c> with u uniform in (0, 1] from the hash of
    /// its id: Pareto with tail index 1/0.6 ≈ 1.67 and mean 0.4 · 1.67 / 0.67 = 1, at most ≈ 1,600×.
    /// </summary>
    private static string HeavyAccounts(string files) => $"""
        WITH a AS (SELECT *, hash(customer_id) AS hc FROM read_parquet({files})),
        copies AS (SELECT range AS copy FROM range(0, 17)),
        rows AS (
          SELECT a.* EXCLUDE (hc), copy,
            CASE WHEN copy = 0 THEN a.account_id ELSE a.account_id || '-h' || copy::VARCHAR END AS new_id
          FROM a JOIN copies ON copies.copy <= CASE WHEN a.hc % 20 = 0 THEN 1 + a.hc % 16 ELSE 0 END),
        scaled AS (
          SELECT *, 0.4 * pow(((hash(new_id) % 1000000) + 1) / 1000000.0, -0.6) AS f FROM rows)
        SELECT * EXCLUDE (copy, new_id, f) REPLACE (
          new_id AS account_id,
          average_balance * f AS average_balance,
          end_balance * f AS end_balance,
          limit_amount * f AS limit_amount,
          prior_average_balance * f AS prior_average_balance)
        FROM scaled
        """;
}
