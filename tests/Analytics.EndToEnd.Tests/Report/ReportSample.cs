using System.Globalization;
using System.Text;

namespace Analytics.Tests.Report;

/// <summary>
/// A small but varied portfolio written as CSV (240 customers, seeded): loans, overdrafts, deposits and guarantees,
/// fees with reversals and out-of-period rows, cross-sales, three statements per borrower, arrears, loans maturing
/// within the notice window, cheap loans below their floor, and one customer row rejected for a PD above 1.
/// Every customer has a name ("Name of C0001") so tests can prove names stay out of the report.
/// </summary>
internal static class ReportSample
{
    public const int Customers = 240;

    /// <summary>The customer whose row is rejected (pd = 1.5) at customers.csv row 17.</summary>
    public const string RejectedCustomer = "C0017";

    public const int RejectedRow = 17;

    public const string Config = TestConfigs.GeneratorYaml;

    private static readonly string[] FeeTypes = ["settlement", "fx", "cash_management", "advisory", "custody", "wealth"];
    private static readonly string[] Lines = ["payroll", "cards", "personal_loans", "wealth"];
    private static readonly string[] Industries = ["manufacturing", "retail", "construction", "logistics", "technology"];

    /// <summary>Writes the CSV tables and config.yaml into <paramref name="directory"/>; returns the config path.</summary>
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var rng = new Random(20261031);
        var customers = new StringBuilder("customer_id,customer_name,industry,region,rm_id,rating,pd,annual_sales\n");
        var accounts = new StringBuilder(
            "account_id,customer_id,product_type,currency,average_balance,end_balance,limit_amount,client_rate,"
            + "ftp_rate,open_date,maturity_date,lgd,days_past_due,interest_arrears,origination_pd,prior_average_balance\n");
        var fees = new StringBuilder("customer_id,fee_type,amount,currency,booking_date\n");
        var cross = new StringBuilder("customer_id,product_line,units,revenue,currency\n");
        var financials = new StringBuilder(
            "customer_id,statement_date,revenue,ebitda,ebit,interest_expense,debt_service,total_debt,"
            + "current_assets,current_liabilities,total_assets,total_liabilities,retained_earnings,equity,operating_cash_flow\n");
        var asOf = new DateOnly(2026, 10, 31);
        int account = 0;

        for (int i = 1; i <= Customers; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"C{i:0000}");
            double pd = Math.Exp(Uniform(rng, Math.Log(0.001), Math.Log(0.08)));
            string pdText = id == RejectedCustomer ? "1.5" : F(pd);
            string sales = rng.NextDouble() < 0.7 ? F(Uniform(rng, 2, 80)) : "";
            customers.Append(CultureInfo.InvariantCulture,
                $"{id},Name of {id},{Industries[i % Industries.Length]},R{i % 4},RM{i % 7},BB,{pdText},{sales}\n");
            if (id == RejectedCustomer)
            {
                continue;
            }

            // One customer in three is small: a relationship whose fixed costs outweigh its margin, so the
            // whale curve has a tail of loss-makers to give value back.
            double scale = rng.NextDouble() < 0.33 ? 0.01 : 1;
            bool borrower = false;
            int dpd = rng.NextDouble() switch { < 0.05 => 15, < 0.08 => 45, < 0.10 => 120, _ => 0 };
            if (rng.NextDouble() < 0.7)
            {
                borrower = true;
                double balance = scale * Math.Pow(10, Uniform(rng, 5, 7.5));
                // A few loans priced well below cost, so the underpriced table has rows.
                double rate = rng.NextDouble() < 0.15 ? Uniform(rng, 0.012, 0.02) : Uniform(rng, 0.03, 0.065);
                // Maturities spread over three years; about one loan in ten falls in the 30-day notice window.
                var maturity = rng.NextDouble() < 0.1 ? asOf.AddDays(rng.Next(1, 31)) : asOf.AddDays(rng.Next(31, 1100));
                string arrears = dpd > 0 ? F(Math.Round(balance * 0.004, 2)) : "0";
                accounts.Append(CultureInfo.InvariantCulture,
                    $"A{++account:00000},{id},loan,CNY,{F(balance)},{F(balance * 0.98)},{F(balance * 1.1)},{F(rate)},,");
                accounts.Append(CultureInfo.InvariantCulture,
                    $"{asOf.AddYears(-2):yyyy-MM-dd},{maturity:yyyy-MM-dd},,{dpd},{arrears},{F(pd / 3)},\n");
            }

            if (rng.NextDouble() < 0.3)
            {
                borrower = true;
                double limit = Math.Pow(10, Uniform(rng, 5, 6.5));
                double used = limit * Uniform(rng, 0.2, 0.99);
                accounts.Append(CultureInfo.InvariantCulture,
                    $"A{++account:00000},{id},overdraft,CNY,{F(used * 0.95)},{F(used)},{F(limit)},{F(Uniform(rng, 0.04, 0.07))},,");
                accounts.Append(CultureInfo.InvariantCulture,
                    $"{asOf.AddYears(-1):yyyy-MM-dd},,,0,0,,\n");
            }

            if (rng.NextDouble() < 0.85)
            {
                double balance = scale * Math.Pow(10, Uniform(rng, 4.5, 7.2));
                string currency = rng.NextDouble() < 0.1 ? "USD" : "";
                double local = currency == "USD" ? balance / 7.1 : balance;
                string prior = rng.NextDouble() < 0.2 ? F(local * Uniform(rng, 0.9, 2.0)) : "";
                accounts.Append(CultureInfo.InvariantCulture,
                    $"A{++account:00000},{id},deposit,{currency},{F(local)},{F(local)},,{F(Uniform(rng, 0.003, 0.015))},,");
                accounts.Append(CultureInfo.InvariantCulture,
                    $"{asOf.AddYears(-3):yyyy-MM-dd},,,0,0,,{prior}\n");
            }

            if (rng.NextDouble() < 0.1)
            {
                borrower = true;
                accounts.Append(CultureInfo.InvariantCulture,
                    $"A{++account:00000},{id},guarantee,CNY,0,0,{F(Math.Pow(10, Uniform(rng, 5, 6.5)))},,,");
                accounts.Append(CultureInfo.InvariantCulture,
                    $"{asOf.AddMonths(-6):yyyy-MM-dd},{asOf.AddYears(1):yyyy-MM-dd},0.4,0,0,,\n");
            }

            int feeRows = scale < 1 ? rng.Next(0, 4) : rng.Next(0, 25);
            for (int f = 0; f < feeRows; f++)
            {
                string type = FeeTypes[rng.Next(FeeTypes.Length)];
                double amount = Math.Round(Uniform(rng, 20, 4000), 2);
                if (rng.NextDouble() < 0.05) amount = -amount / 4;
                // About one fee row in ten is booked before the period and must be skipped.
                var booked = rng.NextDouble() < 0.1 ? new DateOnly(2026, 9, rng.Next(1, 31)) : new DateOnly(2026, 10, rng.Next(1, 32));
                fees.Append(CultureInfo.InvariantCulture, $"{id},{type},{F(amount)},,{booked:yyyy-MM-dd}\n");
            }

            if (rng.NextDouble() < 0.4)
            {
                int lines = rng.Next(1, 4);
                for (int l = 0; l < lines; l++)
                {
                    cross.Append(CultureInfo.InvariantCulture,
                        $"{id},{Lines[rng.Next(Lines.Length)]},{rng.Next(0, 60)},{F(Math.Round(Uniform(rng, 0, 9000), 2))},\n");
                }
            }

            if (borrower && rng.NextDouble() < 0.9)
            {
                double revenue = Math.Pow(10, Uniform(rng, 6.5, 8.5));
                double margin = Uniform(rng, -0.02, 0.25);
                double drift = Uniform(rng, -0.3, 0.15);
                for (int s = 0; s < 3; s++)
                {
                    double r = revenue * (1 + drift * s);
                    double ebitda = r * margin;
                    double debt = revenue * Uniform(rng, 0.05, 0.6);
                    double assets = revenue * 1.5;
                    double liabilities = assets * Uniform(rng, 0.3, 0.9);
                    var date = s switch
                    {
                        0 => new DateOnly(2024, 12, 31),
                        1 => new DateOnly(2025, 12, 31),
                        _ => new DateOnly(2026, 6, 30),
                    };
                    financials.Append(CultureInfo.InvariantCulture,
                        $"{id},{date:yyyy-MM-dd},{F(r)},{F(ebitda)},{F(ebitda * 0.7)},{F(debt * 0.05)},{F(debt * 0.12)},{F(debt)},");
                    financials.Append(CultureInfo.InvariantCulture, $"{F(assets * 0.4)},");
                    financials.Append(CultureInfo.InvariantCulture,
                        $"{F(assets * Uniform(rng, 0.2, 0.5))},{F(assets)},{F(liabilities)},{F(assets * 0.1)},{F(assets - liabilities)},");
                    financials.Append(CultureInfo.InvariantCulture, $"{F(ebitda * 0.8)}\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(directory, "customers.csv"), customers.ToString());
        File.WriteAllText(Path.Combine(directory, "accounts.csv"), accounts.ToString());
        File.WriteAllText(Path.Combine(directory, "fees.csv"), fees.ToString());
        File.WriteAllText(Path.Combine(directory, "cross_sales.csv"), cross.ToString());
        File.WriteAllText(Path.Combine(directory, "financials.csv"), financials.ToString());
        string config = Path.Combine(directory, "config.yaml");
        File.WriteAllText(config, Config);
        return config;
    }

    private static double Uniform(Random rng, double low, double high) => low + (high - low) * rng.NextDouble();

    private static string F(double value) => Math.Round(value, 6).ToString("R", CultureInfo.InvariantCulture);
}
