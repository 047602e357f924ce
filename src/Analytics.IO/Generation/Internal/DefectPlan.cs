namespace Analytics.IO.Generation.Internal;

internal enum AccountDefect { UnknownCustomer, NegativeBalance, UnknownCurrency, UnknownProductType, DuplicateAccountId }

internal enum FeeDefect { UnknownCustomer, NotANumber, UnparsableInCsv, Infinite, DateOutOfRange, UnknownCurrency, WrongFieldCountInCsv }

internal enum CrossSaleDefect { UnknownCustomer, NegativeUnits }

internal enum FinancialDefect { UnknownCustomer, Infinite }

/// <summary>
/// Which customers carry planted defects. One defect of each kind, on distinct customers chosen from the seed.
/// The customers whose own row is rejected (the duplicated id pair and the pd 1.5 customer) are given no accounts,
/// no cross-sales and no statements and only two fees, so the rows rejected with them ("unknown or rejected
/// customer") stay few: with 500 customers every table stays well under a 1 % reject rate.
/// </summary>
internal sealed class DefectPlan
{
    public const int MinimumCustomers = 10;

    public const int CascadeFees = 2;

    private DefectPlan(int[] picks, string unknownCustomerId)
    {
        DuplicateOriginal = picks[0];
        DuplicateCopy = picks[1];
        BadPd = picks[2];
        UnknownCustomerId = unknownCustomerId;
        var fees = Enum.GetValues<FeeDefect>();
        for (int i = 0; i < fees.Length; i++)
        {
            Fees[picks[3 + i]] = fees[i];
        }

        var accounts = Enum.GetValues<AccountDefect>();
        for (int i = 0; i < accounts.Length; i++)
        {
            Accounts[picks[3 + i]] = accounts[i];
        }

        CrossSales[picks[3]] = CrossSaleDefect.UnknownCustomer;
        CrossSales[picks[4]] = CrossSaleDefect.NegativeUnits;
        Financials[picks[5]] = FinancialDefect.UnknownCustomer;
        Financials[picks[6]] = FinancialDefect.Infinite;
    }

    /// <summary>Customer whose id is duplicated; its row is rejected with the copy.</summary>
    public int DuplicateOriginal { get; }

    /// <summary>Customer whose row carries <see cref="DuplicateOriginal"/>'s id instead of its own.</summary>
    public int DuplicateCopy { get; }

    /// <summary>Customer with pd 1.5.</summary>
    public int BadPd { get; }

    /// <summary>An id one past the last customer, so it is in no customers row.</summary>
    public string UnknownCustomerId { get; }

    public Dictionary<int, AccountDefect> Accounts { get; } = [];

    public Dictionary<int, FeeDefect> Fees { get; } = [];

    public Dictionary<int, CrossSaleDefect> CrossSales { get; } = [];

    public Dictionary<int, FinancialDefect> Financials { get; } = [];

    /// <summary>True for a customer whose customers row is rejected, so all its other rows are rejected too.</summary>
    public bool IsRejectedCustomer(int c) => c == DuplicateOriginal || c == BadPd;

    public static DefectPlan Choose(CustomerProfiles profiles, int seed)
    {
        // 3 customer roles and 7 table anchors (fee defects are the most numerous); anchors of different tables may coincide.
        int needed = 3 + Enum.GetValues<FeeDefect>().Length;
        var rng = new DeterministicRandom(DeterministicRandom.Derive(seed, GenerationStreams.Defects, 0));
        var picks = new int[needed];
        var used = new HashSet<int>();
        for (int i = 0; i < needed; i++)
        {
            int c;
            do
            {
                c = rng.Next(profiles.Count);
            }
            while (!used.Add(c));
            picks[i] = c;
        }

        return new DefectPlan(picks, profiles.FormatId(profiles.Count + 1L));
    }

    public void AdjustProfiles(CustomerProfiles p)
    {
        foreach (int c in (ReadOnlySpan<int>)[DuplicateOriginal, DuplicateCopy, BadPd])
        {
            p.Kind[c] = CustomerKind.NoAccounts;
            p.AccountCount[c] = 0;
            p.StatementCount[c] = 0;
            p.FeeCount[c] = c == DuplicateCopy ? 0 : CascadeFees;
            p.Traits[c] &= ~(CustomerTraits.Defaulted | CustomerTraits.StatementAfterAsOf);
        }

        foreach (var (c, _) in Accounts)
        {
            // The duplicate-id defect copies the first account's id onto the second.
            if (p.Kind[c] != CustomerKind.Borrower)
            {
                p.Kind[c] = CustomerKind.Borrower;
                p.AccountCount[c] = 2;
            }
        }

        foreach (var (c, _) in Fees)
        {
            p.FeeCount[c] = Math.Max(p.FeeCount[c], 1);
        }

        foreach (var (c, _) in Financials)
        {
            p.Kind[c] = CustomerKind.Borrower;
            p.AccountCount[c] = Math.Max(p.AccountCount[c], (byte)2);
            p.StatementCount[c] = Math.Max(p.StatementCount[c], (byte)3);
            p.Traits[c] &= ~CustomerTraits.StatementAfterAsOf;
        }
    }
}
