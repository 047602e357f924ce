namespace Analytics.Core.Data;

/// <summary>
/// Accepted accounts as columns, sorted by (customer index, account_id ordinal) so that every per-customer
/// sum runs in one fixed order whatever the input row order. All money is already in the reporting currency.
/// Null doubles are NaN; a null date is <see cref="NoDate"/>. Dates are <see cref="DateOnly.DayNumber"/>.
/// </summary>
public sealed class AccountTable
{
    /// <summary>Marks a null date.</summary>
    public const int NoDate = int.MinValue;

    /// <summary>Dense customer index of each account (non-decreasing).</summary>
    public required int[] Customer { get; init; }

    /// <summary>account_id.</summary>
    public required string[] AccountId { get; init; }

    /// <summary>product_type.</summary>
    public required ProductType[] Type { get; init; }

    /// <summary>currency as given (reporting currency when null).</summary>
    public required string[] Currency { get; init; }

    /// <summary>fx(average_balance).</summary>
    public required double[] AverageBalance { get; init; }

    /// <summary>fx(end_balance).</summary>
    public required double[] EndBalance { get; init; }

    /// <summary>fx(limit_amount), 0 when null.</summary>
    public required double[] Limit { get; init; }

    /// <summary>client_rate; NaN when null (guarantees only).</summary>
    public required double[] ClientRate { get; init; }

    /// <summary>ftp_rate override; NaN when null.</summary>
    public required double[] FtpRate { get; init; }

    /// <summary>open_date as day number.</summary>
    public required int[] OpenDate { get; init; }

    /// <summary>maturity_date as day number, or <see cref="NoDate"/>.</summary>
    public required int[] MaturityDate { get; init; }

    /// <summary>lgd; NaN when null (use the product default).</summary>
    public required double[] Lgd { get; init; }

    /// <summary>days_past_due, 0 when null.</summary>
    public required int[] DaysPastDue { get; init; }

    /// <summary>fx(interest_arrears), 0 when null.</summary>
    public required double[] InterestArrears { get; init; }

    /// <summary>origination_pd; NaN when null.</summary>
    public required double[] OriginationPd { get; init; }

    /// <summary>fx(prior_average_balance); NaN when null.</summary>
    public required double[] PriorAverageBalance { get; init; }

    /// <summary>
    /// CSR offsets: the accounts of customer <c>c</c> are positions <c>[CustomerStart[c], CustomerStart[c + 1])</c>.
    /// Length is customer count + 1.
    /// </summary>
    public required int[] CustomerStart { get; init; }

    /// <summary>Number of accounts.</summary>
    public int Count => AccountId.Length;
}
