using System.Globalization;

namespace Analytics.IO.Generation.Internal;

/// <summary>
/// The traits every table of a customer depends on, drawn once so that tables generated separately stay coherent
/// (a borrower has loans and statements; a defaulted customer is past due). Structure of arrays, about 40 bytes a customer.
/// </summary>
internal sealed class CustomerProfiles
{
    /// <summary>Customers per PRNG block: each table reseeds at every block, so a table's rows do not depend on buffer sizes.</summary>
    public const int BlockSize = 1024;

    /// <summary>Median size of a customer: annual sales of 60 million EUR.</summary>
    public const double MedianSalesEur = 60;

    /// <summary>Spread of customer size (sigma of ln annual sales): most customers between a third and three times the
    /// median, as in one bank's corporate segment, so that no handful of giants carries the book (docs/DATA.md "Calibration").</summary>
    public const double SalesSigma = 0.6;

    /// <summary>How fee rows grow with size: rows ∝ (sales / median)^e. Payments, FX deals and cash-management
    /// movements grow with a company's turnover, and with them the activity-based cost of serving it.</summary>
    public const double FeeSizeElasticity = 1.0;

    private CustomerProfiles(int count, int idWidth)
    {
        Count = count;
        IdWidth = idWidth;
        Ids = new string[count];
        Rating = new byte[count];
        Pd = new double[count];
        SalesEur = new double[count];
        RevenueCny = new double[count];
        Kind = new CustomerKind[count];
        Traits = new CustomerTraits[count];
        AccountCount = new byte[count];
        FeeCount = new int[count];
        StatementCount = new byte[count];
    }

    public int Count { get; }

    /// <summary>Digits of the number in a customer id (at least 7, as in C0000001).</summary>
    public int IdWidth { get; }

    public string[] Ids { get; }

    /// <summary>Index into <see cref="SyntheticVocabulary.Ratings"/>, or <see cref="SyntheticVocabulary.NullRating"/>.</summary>
    public byte[] Rating { get; }

    /// <summary>PD, NaN for null.</summary>
    public double[] Pd { get; }

    /// <summary>annual_sales in EUR millions, NaN for null.</summary>
    public double[] SalesEur { get; }

    /// <summary>Yearly revenue in CNY, present even when annual_sales is null: the size every amount scales with.</summary>
    public double[] RevenueCny { get; }

    public CustomerKind[] Kind { get; }

    public CustomerTraits[] Traits { get; }

    public byte[] AccountCount { get; }

    public int[] FeeCount { get; }

    /// <summary>Statements on or before as_of (a statement after as_of is extra, see <see
    /// cref="CustomerTraits.StatementAfterAsOf"/>).</summary>
    public byte[] StatementCount { get; }

    public long TotalAccounts { get; private set; }

    public long TotalFees { get; private set; }

    public long TotalStatements { get; private set; }

    public string FormatId(long number) => "C" + number.ToString("D" + IdWidth.ToString(CultureInfo.InvariantCulture),
        CultureInfo.InvariantCulture);

    public static CustomerProfiles Build(int customers, int seed, double feesPerCustomer)
    {
        int width = Math.Max(7, ((long)customers + 1).ToString(CultureInfo.InvariantCulture).Length);
        var p = new CustomerProfiles(customers, width);
        var rng = new DeterministicRandom(0);

        // Mean fee rows by kind, relative to feesPerCustomer; the borrower factor makes the overall mean 1.0:
        // 0.03 × 0.2 + 0.15 × 0.6 + 0.82 × f = 1  →  f = 0.904 / 0.82.
        const double borrowerFeeFactor = 0.904 / 0.82;
        const double feeSigma = 0.5;
        double feeMedianFactor = Math.Exp(-feeSigma * feeSigma / 2);

        // E[(sales / median)^e] of a lognormal sales figure, so that scaling fee rows by size keeps their mean.
        double feeSizeMean = Math.Exp(FeeSizeElasticity * FeeSizeElasticity * SalesSigma * SalesSigma / 2);

        for (int c = 0; c < customers; c++)
        {
            if (c % BlockSize == 0)
            {
                rng.Reset(DeterministicRandom.Derive(seed, GenerationStreams.Profiles, c / BlockSize));
            }

            p.Ids[c] = p.FormatId(c + 1);
            var traits = CustomerTraits.None;
            bool defaulted = rng.Chance(0.01);
            if (defaulted)
            {
                traits |= CustomerTraits.Defaulted | CustomerTraits.Deteriorating;
                p.Rating[c] = SyntheticVocabulary.DefaultedRating;
                p.Pd[c] = 1.0;
            }
            else
            {
                byte grade = (byte)rng.Pick(SyntheticVocabulary.RatingCumulative);
                p.Pd[c] = rng.Chance(0.02) ? double.NaN : SyntheticVocabulary.RatingPd[grade];
                p.Rating[c] = rng.Chance(0.01) ? SyntheticVocabulary.NullRating : grade;
            }

            double sales = Math.Clamp(rng.LogNormal(MedianSalesEur, SalesSigma), 0.5, 20_000);
            p.RevenueCny[c] = sales * 1e6 * SyntheticVocabulary.EurRate;
            p.SalesEur[c] = rng.Chance(0.05) ? double.NaN : Math.Round(sales, 2);

            double u = rng.NextDouble();
            CustomerKind kind = defaulted ? CustomerKind.Borrower : u < 0.03 ? CustomerKind.NoAccounts : u < 0.18 ? CustomerKind.DepositOnly
                : CustomerKind.Borrower;
            p.Kind[c] = kind;
            int accounts = 0;
            double feeFactor;
            switch (kind)
            {
                case CustomerKind.NoAccounts:
                    feeFactor = 0.2;
                    break;
                case CustomerKind.DepositOnly:
                    accounts = rng.Chance(0.3) ? 2 : 1;
                    feeFactor = 0.6;
                    break;
                default:
                    // Two accounts plus a geometric number of extras with mean q / (1 − q) = 0.8.
                    accounts = 2;
                    while (accounts < GenerationLimits.MaxAccountsPerCustomer && rng.Chance(0.444))
                    {
                        accounts++;
                    }

                    feeFactor = borrowerFeeFactor;
                    break;
            }

            p.AccountCount[c] = (byte)accounts;
            // Bigger customers make more payments: fee rows grow in proportion to size, scaled so the mean stays.
            double meanFees = feesPerCustomer * feeFactor * Math.Pow(sales / MedianSalesEur, FeeSizeElasticity) / feeSizeMean;
            p.FeeCount[c] = meanFees <= 0 ? 0 : Math.Min(rng.StochasticRound(meanFees * rng.LogNormal(feeMedianFactor, feeSigma)),
                (int)Math.Min(int.MaxValue / 2, meanFees * 50 + 1));

            bool hasStatements = kind == CustomerKind.Borrower ? rng.Chance(0.9) : kind == CustomerKind.DepositOnly && rng.Chance(0.05);
            if (hasStatements)
            {
                p.StatementCount[c] = (byte)rng.Next(3, GenerationLimits.MaxStatementsPerCustomer);
                if (rng.Chance(0.30)) traits |= CustomerTraits.Semiannual;
                if (rng.Chance(0.10)) traits |= CustomerTraits.Deteriorating;
                if (rng.Chance(0.04)) traits |= CustomerTraits.StaleFinancials;
                else if (rng.Chance(0.03)) traits |= CustomerTraits.StatementAfterAsOf;
            }

            p.Traits[c] = traits;
        }

        return p;
    }

    /// <summary>Forces the traits a planted defect needs (see <see cref="DefectPlan"/>), then counts rows per table.</summary>
    public void ApplyAndCount(DefectPlan? plan)
    {
        plan?.AdjustProfiles(this);
        long accounts = 0, fees = 0, statements = 0;
        for (int c = 0; c < Count; c++)
        {
            accounts += AccountCount[c];
            fees += FeeCount[c];
            statements += StatementCount[c] + ((Traits[c] & CustomerTraits.StatementAfterAsOf) != 0 && StatementCount[c] > 0 ? 1 : 0);
        }

        TotalAccounts = accounts;
        TotalFees = fees;
        TotalStatements = statements;
    }
}
