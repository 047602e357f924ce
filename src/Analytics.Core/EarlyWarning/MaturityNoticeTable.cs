namespace Analytics.Core.EarlyWarning;

/// <summary>
/// The <c>maturity_notices</c> table (贷款到期提醒): loans maturing in (as_of, as_of + maturity_notice_days],
/// sorted by customer index then account_id (the <see cref="Data.AccountTable"/> order).
/// </summary>
public sealed class MaturityNoticeTable
{
    /// <summary>Dense customer index.</summary>
    public required int[] Customer { get; init; }

    /// <summary>Position of the loan in <see cref="Data.AccountTable"/>.</summary>
    public required int[] Account { get; init; }

    /// <summary>maturity_date as <see cref="DateOnly.DayNumber"/>.</summary>
    public required int[] MaturityDate { get; init; }

    /// <summary>end_balance + interest_arrears, reporting currency.</summary>
    public required double[] AmountDue { get; init; }

    /// <summary>Number of rows.</summary>
    public int Count => Customer.Length;

    /// <summary>An empty table.</summary>
    public static MaturityNoticeTable Empty { get; } = new()
    {
        Customer = [], Account = [], MaturityDate = [], AmountDue = [],
    };

    /// <summary>Appends rows in the order given; the caller keeps them sorted.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _customer = [];
        private readonly List<int> _account = [];
        private readonly List<int> _maturity = [];
        private readonly List<double> _amountDue = [];

        public void Add(int customer, int account, int maturityDate, double amountDue)
        {
            _customer.Add(customer);
            _account.Add(account);
            _maturity.Add(maturityDate);
            _amountDue.Add(amountDue);
        }

        /// <summary>Appends the rows of <paramref name="other"/> after this builder's rows.</summary>
        public void Append(Builder other)
        {
            _customer.AddRange(other._customer);
            _account.AddRange(other._account);
            _maturity.AddRange(other._maturity);
            _amountDue.AddRange(other._amountDue);
        }

        public MaturityNoticeTable Build() => new()
        {
            Customer = [.. _customer],
            Account = [.. _account],
            MaturityDate = [.. _maturity],
            AmountDue = [.. _amountDue],
        };
    }
}
