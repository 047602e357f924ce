using System.Globalization;
using Analytics.Core.Configuration;
using Analytics.Core.Data;

namespace Analytics.IO.Generation.Internal;

/// <summary>
/// The <c>accounts</c> table. A borrower's first account is a loan, overdraft or guarantee and its second usually an
/// operating deposit; deposit-only customers hold one or two deposits. Amounts are drawn in CNY from the customer's
/// size and converted into the account currency; client rates are priced around the documented default FTP curve.
/// </summary>
internal sealed class AccountRowsGenerator : PerCustomerTableGenerator
{
    private static readonly double[] CreditFirstCumulative = [0.60, 0.85, 1.0];
    private static readonly ProductType[] CreditFirst = [ProductType.Loan, ProductType.Overdraft, ProductType.Guarantee];
    private static readonly double[] ExtraCumulative = [0.40, 0.70, 0.80, 1.0];
    private static readonly ProductType[] Extra = [ProductType.Loan, ProductType.Deposit, ProductType.Overdraft, ProductType.Guarantee];
    private static readonly double[] LoanTermCumulative = [0.35, 0.50, 0.75, 0.90, 0.95, 1.0];
    private static readonly int[] LoanTermYears = [1, 2, 3, 5, 7, 10];
    private static readonly int[] DepositTermMonths = [3, 6, 12, 24, 36];

    private readonly FtpConfig _ftp = new();
    private readonly DateOnly _asOf;
    private readonly string _idFormat;
    private long _nextAccount = 1;
    private TableChunk? _bound;
    private string?[] _id = [], _customer = [], _type = [], _currency = [];
    private double?[] _avg = [], _end = [], _limit = [], _clientRate = [], _ftpRate = [], _lgd = [], _arrears = [], _originationPd = [],
        _prior = [];
    private DateOnly?[] _open = [], _maturity = [];
    private int?[] _dpd = [];

    public AccountRowsGenerator(GenerationContext context)
        : base(context, GeneratedTables.Accounts, GenerationStreams.Accounts)
    {
        _asOf = context.Options.AsOf;
        int width = Math.Max(9, context.Profiles.TotalAccounts.ToString(CultureInfo.InvariantCulture).Length);
        _idFormat = "D" + width.ToString(CultureInfo.InvariantCulture);
    }

    protected override int MaxRowsPerCustomer => GenerationLimits.MaxAccountsPerCustomer;

    protected override long? ExpectedRows => Profiles.TotalAccounts;

    protected override void EmitCustomer(int c, DeterministicRandom rng, TableChunk chunk)
    {
        int count = Profiles.AccountCount[c];
        if (count == 0)
        {
            return;
        }

        Bind(chunk);
        int first = chunk.Count;
        bool depositOnly = Profiles.Kind[c] == CustomerKind.DepositOnly;
        for (int i = 0; i < count; i++)
        {
            ProductType type = depositOnly ? ProductType.Deposit
                : i == 0 ? CreditFirst[rng.Pick(CreditFirstCumulative)]
                : i == 1 ? (rng.Chance(0.9) ? ProductType.Deposit : ProductType.Loan)
                : Extra[rng.Pick(ExtraCumulative)];
            EmitAccount(chunk.Count++, c, type, rng);
        }

        if (Plan is not null && Plan.Accounts.TryGetValue(c, out var defect))
        {
            Plant(chunk, first, defect);
        }
    }

    private void EmitAccount(int r, int c, ProductType type, DeterministicRandom rng)
    {
        var p = Profiles;
        bool defaulted = (p.Traits[c] & CustomerTraits.Defaulted) != 0;

        _id[r] = "A" + _nextAccount++.ToString(_idFormat, CultureInfo.InvariantCulture);
        _customer[r] = p.Ids[c];
        _type[r] = ProductTypes.Name(type);
        (_currency[r], double fx) = Currency(type, rng);

        var (open, maturity) = Dates(type, rng);
        _open[r] = open;
        _maturity[r] = maturity;
        double term = maturity is { } m ? (m.DayNumber - open.DayNumber) / 365.0 : _ftp.NonMaturityTermYears[type];
        double ftp = Interpolate(term) + _ftp.LiquidityPremium[type];

        var (avg, end, limit) = Balances(type, p.RevenueCny[c], defaulted, rng);
        _avg[r] = GenerationContext.Round2(avg / fx);
        _end[r] = GenerationContext.Round2(end / fx);
        _limit[r] = limit is { } lim ? GenerationContext.Round2(lim / fx) : null;

        double? clientRate = ClientRate(type, p.Rating[c], ftp, maturity is null, rng);
        _clientRate[r] = clientRate is { } rate ? GenerationContext.Round6(rate) : null;
        _ftpRate[r] = type != ProductType.Guarantee && rng.Chance(0.02) ? GenerationContext.Round6(ftp + 0.001 * rng.Gaussian()) : null;
        _lgd[r] = type != ProductType.Deposit && rng.Chance(0.12) ? Math.Round(rng.Uniform(0.15, 0.75), 4) : null;

        int dpd = ProductTypes.IsLending(type) ? DaysPastDue(defaulted, rng) : 0;
        _dpd[r] = rng.Chance(0.02) ? null : dpd;
        double arrears = dpd > 0 && clientRate is { } cr ? GenerationContext.Round2(end / fx * cr * Math.Min(dpd, 90) / 365) : 0;
        _arrears[r] = arrears == 0 && rng.Chance(0.02) ? null : arrears;
        _originationPd[r] = type != ProductType.Deposit && rng.Chance(0.4) ? OriginationPd(p.Pd[c], rng) : null;
        _prior[r] = type == ProductType.Deposit && rng.Chance(0.8) ? PriorBalance(avg, fx, rng) : null;
    }

    /// <summary>The account's currency (null = reporting currency) and its rate in CNY per unit.</summary>
    private static (string? Currency, double Fx) Currency(ProductType type, DeterministicRandom rng)
    {
        double u = rng.NextDouble();
        if (u < (type == ProductType.Deposit ? 0.82 : 0.80)) return (SyntheticVocabulary.Cny, 1);
        if (u < 0.90) return (SyntheticVocabulary.Usd, SyntheticVocabulary.UsdRate);
        if (u < 0.95) return (SyntheticVocabulary.Eur, SyntheticVocabulary.EurRate);
        return (null, 1);
    }

    /// <summary>Average and end balance and the limit in CNY, drawn from the customer's yearly revenue <paramref name="size"/>.</summary>
    private static (double Avg, double End, double? Limit) Balances(ProductType type, double size, bool defaulted, DeterministicRandom rng)
    {
        switch (type)
        {
            case ProductType.Loan:
            {
                double l = size * rng.Uniform(0.06, 0.22);
                double v = rng.NextDouble();
                double utilisation = defaulted ? rng.Uniform(0.95, 1.0) : v < 0.15 ? rng.Uniform(0.1, 0.5) : v < 0.88
                    ? rng.Uniform(0.5, 0.9) : rng.Uniform(0.9, 1.0);
                double end = l * utilisation;
                double avg = Math.Clamp(end * (1 + 0.03 * rng.Gaussian()), 0, l);
                return (avg, end, rng.Chance(0.05) ? null : l);
            }

            case ProductType.Overdraft:
            {
                double l = size * rng.Uniform(0.005, 0.05);
                double end = rng.Chance(0.3) && !defaulted ? 0 : l * rng.Uniform(0.05, 1.0);
                return (Math.Clamp(end * (1 + 0.15 * rng.Gaussian()), 0, l), end, l);
            }

            case ProductType.Deposit:
            {
                double avg = size * rng.LogNormal(0.04, 0.5);
                return (avg, Math.Max(0, avg * (1 + 0.08 * rng.Gaussian())), null);
            }

            default:
                // A guarantee is off balance sheet: no drawn balance, its notional is the limit.
                return (0, 0, size * rng.Uniform(0.01, 0.08));
        }
    }

    /// <summary>The client rate: loans and overdrafts at the grade's spread over FTP, deposits below it; none for guarantees.</summary>
    private static double? ClientRate(ProductType type, byte grade, double ftp, bool nonMaturity, DeterministicRandom rng)
    {
        int spreadIndex = grade == SyntheticVocabulary.NullRating ? SyntheticVocabulary.RatingLoanSpread.Length - 1 : grade;
        double spread = SyntheticVocabulary.RatingLoanSpread[spreadIndex];
        return type switch
        {
            // About 7 % of loans are priced well below their EVA-neutral rate (a relationship discount gone too far).
            ProductType.Loan => ftp + (rng.Chance(0.07)
                ? spread * rng.Uniform(0.2, 0.75)
                : Math.Max(0.002, spread + 0.003 * rng.Gaussian())),
            ProductType.Overdraft => ftp + Math.Max(0.002, spread + 0.005 + 0.003 * rng.Gaussian()),
            ProductType.Deposit => nonMaturity ? rng.Uniform(0.0005, 0.0035) : Math.Max(0.001, ftp - rng.Uniform(0.002, 0.008)),
            _ => null,
        };
    }

    /// <summary>Days past due of a lending account: 91–400 for a defaulted customer, else mostly current with a past-due tail.</summary>
    private static int DaysPastDue(bool defaulted, DeterministicRandom rng)
    {
        double v = rng.NextDouble();
        return defaulted ? rng.Next(91, 401) : v < 0.95 ? 0 : v < 0.975 ? rng.Next(1, 31) : v < 0.99 ? rng.Next(31, 91) : v < 0.995
            ? rng.Next(91, 401) : 0;
    }

    /// <summary>The PD at origination, near today's <paramref name="pd"/>; one in ten far below it (IFRS 9 SICR).</summary>
    private static double OriginationPd(double pd, DeterministicRandom rng)
    {
        double basis = double.IsNaN(pd) || pd >= 1 ? 0.01 : pd;
        double originationPd = rng.Chance(0.1) ? basis / rng.Uniform(2.5, 6) : basis * Math.Exp(-0.1 + 0.5 * rng.Gaussian());
        return GenerationContext.Round6(Math.Clamp(originationPd, 0.0001, 1));
    }

    /// <summary>A deposit's previous-period balance in the account currency; about 6 % of deposits with history lost 35–70 %
    /// of their balance since (the deposit-outflow warning).</summary>
    private static double PriorBalance(double avg, double fx, DeterministicRandom rng)
    {
        double prior = rng.Chance(0.06 / 0.8) ? avg / rng.Uniform(0.3, 0.65) : avg * Math.Exp(0.08 * rng.Gaussian());
        return GenerationContext.Round2(prior / fx);
    }

    private (DateOnly Open, DateOnly? Maturity) Dates(ProductType type, DeterministicRandom rng)
    {
        DateOnly asOf = _asOf;
        switch (type)
        {
            case ProductType.Loan:
            {
                if (rng.Chance(0.08))
                {
                    return (asOf.AddDays(-rng.Next(60, 1827)), null);
                }

                int years = LoanTermYears[rng.Pick(LoanTermCumulative)];
                double v = rng.NextDouble();

                // About 3 % mature within the 30-day notice window after as_of, 2 % are already past maturity.
                DateOnly maturity = v < 0.03 ? asOf.AddDays(rng.Next(1, 31))
                    : v < 0.05 ? asOf.AddDays(-rng.Next(1, 121))
                    : asOf.AddDays(rng.Next(31, Math.Max(32, years * 365)));
                return (Min(maturity.AddYears(-years), asOf), maturity);
            }

            case ProductType.Overdraft:
            {
                if (rng.Chance(0.8))
                {
                    return (asOf.AddDays(-rng.Next(30, 1827)), null);
                }

                DateOnly maturity = asOf.AddDays(rng.Next(1, 366));
                return (Min(maturity.AddYears(-1), asOf), maturity);
            }

            case ProductType.Deposit:
            {
                if (rng.Chance(0.7))
                {
                    return (asOf.AddDays(-rng.Next(30, 3651)), null);
                }

                int months = DepositTermMonths[rng.Next(DepositTermMonths.Length)];
                DateOnly maturity = asOf.AddDays(rng.Next(1, months * 30));
                return (Min(maturity.AddMonths(-months), asOf), maturity);
            }

            default:
            {
                int years = rng.Next(1, 4);
                DateOnly maturity = asOf.AddDays(rng.Next(1, years * 365));
                return (Min(maturity.AddYears(-years), asOf), maturity);
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Linear in term, flat outside the curve (docs/METHODOLOGY.md §3.1), over the documented default curve.</summary>
    private double Interpolate(double term)
    {
        var curve = _ftp.Curve;
        if (term <= curve[0].TermYears)
        {
            return curve[0].Rate;
        }

        for (int i = 1; i < curve.Count; i++)
        {
            if (term <= curve[i].TermYears)
            {
                var (a, b) = (curve[i - 1], curve[i]);
                return a.Rate + (b.Rate - a.Rate) * (term - a.TermYears) / (b.TermYears - a.TermYears);
            }
        }

        return curve[^1].Rate;
    }

    private void Plant(TableChunk chunk, int first, AccountDefect defect)
    {
        switch (defect)
        {
            case AccountDefect.UnknownCustomer:
                _customer[first] = Plan!.UnknownCustomerId;
                chunk.Defects.Add(new PendingDefect(first, "customer_id", PlantedDefectKind.UnknownCustomer, null));
                break;
            case AccountDefect.NegativeBalance:
                _avg[first] = -Math.Max(_avg[first] ?? 0, 1000);
                chunk.Defects.Add(new PendingDefect(first, "average_balance", PlantedDefectKind.NegativeValue, null));
                break;
            case AccountDefect.UnknownCurrency:
                _currency[first] = "XXX";
                chunk.Defects.Add(new PendingDefect(first, "currency", PlantedDefectKind.UnknownCurrency, null));
                break;
            case AccountDefect.UnknownProductType:
                _type[first] = "leasing";
                chunk.Defects.Add(new PendingDefect(first, "product_type", PlantedDefectKind.UnknownProductType, null));
                break;
            default:
                _id[first + 1] = _id[first];
                chunk.Defects.Add(new PendingDefect(first, "account_id", PlantedDefectKind.DuplicateKey, null));
                chunk.Defects.Add(new PendingDefect(first + 1, "account_id", PlantedDefectKind.DuplicateKey, null));
                break;
        }
    }

    private void Bind(TableChunk chunk)
    {
        if (ReferenceEquals(chunk, _bound))
        {
            return;
        }

        _bound = chunk;
        _id = chunk.Strings("account_id");
        _customer = chunk.Strings("customer_id");
        _type = chunk.Strings("product_type");
        _currency = chunk.Strings("currency");
        _avg = chunk.Doubles("average_balance");
        _end = chunk.Doubles("end_balance");
        _limit = chunk.Doubles("limit_amount");
        _clientRate = chunk.Doubles("client_rate");
        _ftpRate = chunk.Doubles("ftp_rate");
        _open = chunk.Dates("open_date");
        _maturity = chunk.Dates("maturity_date");
        _lgd = chunk.Doubles("lgd");
        _dpd = chunk.Ints("days_past_due");
        _arrears = chunk.Doubles("interest_arrears");
        _originationPd = chunk.Doubles("origination_pd");
        _prior = chunk.Doubles("prior_average_balance");
    }
}
