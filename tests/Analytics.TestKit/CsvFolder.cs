namespace Analytics.Tests.Validation;

/// <summary>A temporary data folder of CSV tables written from text, deleted on dispose.</summary>
public sealed class CsvFolder : IDisposable
{
    public const string CustomersHeader = "customer_id,customer_name,industry,region,rm_id,rating,pd,annual_sales";
    public const string AccountsHeader =
        "account_id,customer_id,product_type,currency,average_balance,end_balance,limit_amount,client_rate,"
        + "ftp_rate,open_date,maturity_date,lgd,days_past_due,interest_arrears,origination_pd,prior_average_balance";
    public const string FeesHeader = "customer_id,fee_type,amount,currency,booking_date";
    public const string CrossSalesHeader = "customer_id,product_line,units,revenue,currency";
    public const string FinancialsHeader =
        "customer_id,statement_date,revenue,ebitda,ebit,interest_expense,debt_service,"
        + "total_debt,current_assets,current_liabilities,total_assets,total_liabilities,retained_earnings,equity,operating_cash_flow";

    public CsvFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "analytics-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <c>NAME.csv</c> from a header and data lines (LF line ends).</summary>
    public CsvFolder Table(string name, string header, params string[] rows)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name + ".csv"), header + "\n" + string.Join("\n", rows)
            + (rows.Length > 0 ? "\n" : ""));
        return this;
    }

    /// <summary>Writes a file at a path relative to the folder.</summary>
    public CsvFolder File_(string relative, string text)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
