using Analytics.IO.Writing;

namespace Analytics.IO.Generation;

// The book a series evolves month by month: its customers, accounts and planted stories, and the tables of one month.
public static partial class SeriesGenerator
{
    /// <summary>A planted story: deterioration from month Start, default (or recovery) at month Event.</summary>
    private sealed record Story(bool Default, int Start, int Event);

    private sealed class Account
    {
        public required string Id { get; init; }
        public required string Type { get; init; }
        public double Balance { get; set; }
        public double PriorBalance { get; set; } = double.NaN;
        public double EndBalance { get; set; }
        public double Limit { get; set; }
        public double Rate { get; set; }
        public DateOnly Open { get; init; }
        public DateOnly Maturity { get; init; }
        public int OpenedMonth { get; init; } = -1;
        public int ClosedMonth { get; set; } = int.MaxValue;
    }

    private sealed class Customer
    {
        public required string Id { get; init; }
        public required int RatingIndex { get; init; }
        public required string Industry { get; init; }
        public required string Region { get; init; }
        public required string RmId { get; init; }
        public double AnnualSales { get; init; }
        public List<Account> Accounts { get; } = [];
        public Story? Story { get; set; }
        public double Ebitda { get; set; }
        public double DebtService { get; set; }
        public double Debt { get; set; }
        public int Dpd { get; set; }
        public List<(int Day, double Ebitda, double DebtService, double Debt)> Statements { get; } = [];
        public double FeeLevel { get; set; }
    }

    private sealed class Book
    {
        private int _nextAccount = 1;

        public List<Customer> Customers { get; } = [];

        public static Book Create(int n, int months, Random random)
        {
            var book = new Book();
            for (int i = 0; i < n; i++)
            {
                int rating = random.Next(Ratings.Length);
                var c = new Customer
                {
                    Id = string.Create(Ci, $"S{i + 1:D6}"),
                    RatingIndex = rating,
                    Industry = Industries[random.Next(Industries.Length)],
                    Region = Regions[random.Next(Regions.Length)],
                    RmId = string.Create(Ci, $"RM{1 + random.Next(12):D2}"),
                    AnnualSales = Math.Round(5 + random.NextDouble() * 80, 1),
                    FeeLevel = 200 + random.NextDouble() * 3000,
                };
                double loan = Math.Round(Math.Exp(13 + random.NextDouble() * 2.5), 2);
                book.Open(c, "loan", loan, random, opened: -1);
                book.Open(c, "deposit", Math.Round(loan * (0.1 + random.NextDouble() * 0.6), 2), random, opened: -1);
                if (random.NextDouble() < 0.4) book.Open(c, "overdraft", Math.Round(loan * 0.1, 2), random, opened: -1);
                if (random.NextDouble() < 0.2) book.Open(c, "guarantee", 0, random, opened: -1);
                // Healthy financials: DSCR 1.6–3.5, leverage 1.5–4.
                c.DebtService = loan * 0.3;
                c.Ebitda = c.DebtService * (1.6 + random.NextDouble() * 1.9);
                c.Debt = c.Ebitda * (1.5 + random.NextDouble() * 2.5);
                book.Customers.Add(c);
            }

            // Planted stories need a run before the event to be seen: a default at month ≥ 2, a build-up of 3–9 months
            // (cut at the first month); false alarms deteriorate for 2–3 months, then recover.
            if (months >= 3)
            {
                foreach (var c in book.Customers)
                {
                    double u = random.NextDouble();
                    if (u < 0.05)
                    {
                        int at = 2 + random.Next(months - 2);
                        int start = Math.Max(0, at - (3 + random.Next(7)));
                        c.Story = new Story(true, start, at);
                    }
                    else if (u < 0.08)
                    {
                        int start = random.Next(Math.Max(1, months - 2));
                        c.Story = new Story(false, start, Math.Min(months - 1, start + 2 + random.Next(2)));
                    }
                }
            }

            return book;
        }

        private void Open(Customer c, string type, double balance, Random random, int opened)
        {
            var open = new DateOnly(2020 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28));
            var a = new Account
            {
                Id = string.Create(Ci, $"SA{_nextAccount++:D7}"),
                Type = type,
                Balance = balance,
                EndBalance = balance,
                Open = open,
                // Every account carries a maturity (the writer has no null dates): loans mature after the series, the
                // others a year after opening, which is the FTP term the curve gives non-maturity products anyway.
                Maturity = type == "loan" ? open.AddYears(7 + random.Next(4)) : open.AddYears(1),
                OpenedMonth = opened,
                Rate = type switch
                {
                    "loan" => 0.032 + RatingPd[c.RatingIndex] * 0.5 + random.NextDouble() * 0.015,
                    "overdraft" => 0.05 + random.NextDouble() * 0.02,
                    "deposit" => 0.005 + random.NextDouble() * 0.01,
                    _ => double.NaN,
                },
                Limit = type switch
                {
                    "loan" => Math.Round(balance * 1.1, 2),
                    "overdraft" => Math.Round(balance * 2, 2),
                    "guarantee" => Math.Round(Math.Exp(12 + random.NextDouble() * 2), 2),
                    _ => 0,
                },
            };
            c.Accounts.Add(a);
        }

        /// <summary>Moves the book to month <paramref name="m"/>: drift, openings and closures, the planted stories.</summary>
        public void Advance(int m, DateOnly start, DateOnly end, Random random)
        {
            foreach (var c in Customers)
            {
                // Accounts open and close now and then (never the customer's first loan, so borrowers stay borrowers).
                if (m > 0 && random.NextDouble() < 0.03)
                {
                    var open = c.Accounts.Count > 0 ? c.Accounts[0].Balance : 1e6;
                    Open(c, random.NextDouble() < 0.5 ? "deposit" : "loan", Math.Round(open * (0.05 + random.NextDouble() * 0.3), 2),
                        random, opened: m);
                    var fresh = c.Accounts[^1];
                    c.Accounts[^1] = new Account
                    {
                        Id = fresh.Id, Type = fresh.Type, Balance = fresh.Balance, EndBalance = fresh.Balance, Limit = fresh.Limit,
                        Rate = fresh.Rate,
                        Open = start.AddDays(random.Next(end.Day)), Maturity = fresh.Type == "loan" ? start.AddYears(2) : start.AddYears(1),
                        OpenedMonth = m,
                    };
                }

                if (m > 0 && c.Accounts.Count > 2 && random.NextDouble() < 0.02)
                {
                    var closing = c.Accounts[^1];
                    if (closing.ClosedMonth == int.MaxValue) closing.ClosedMonth = m;
                }

                bool deteriorating = c.Story is { } s && m >= s.Start && (s.Default || m < s.Event);
                int step = c.Story is { } s2 ? m - s2.Start + 1 : 0;
                foreach (var a in c.Accounts)
                {
                    a.PriorBalance = m == 0 ? double.NaN : a.Balance;
                    double drift = 1 + (random.NextDouble() - 0.5) * 0.06;
                    if (deteriorating && a.Type == "deposit")
                    {
                        drift = 0.6;   // deposits leaving: 40 % a month
                    }

                    a.Balance = Math.Round(a.Balance * drift, 2);
                    a.EndBalance = Math.Round(a.Balance * (1 + (random.NextDouble() - 0.5) * 0.04), 2);
                    if (a.Type is "loan" or "overdraft" && a.Limit > 0) a.EndBalance = Math.Min(a.EndBalance, a.Limit);
                    if (!double.IsNaN(a.Rate)) a.Rate = Math.Max(0.0005, a.Rate + (random.NextDouble() - 0.5) * 0.0004);
                }

                c.FeeLevel *= 1 + (random.NextDouble() - 0.5) * 0.3;
                if (c.Story is { } begun && m == begun.Start)
                {
                    // The story starts from a DSCR of 1.6, so a fifth less a month crosses dscr_min (1.2) in its second month.
                    c.Ebitda = c.DebtService * 1.6;
                }

                if (deteriorating)
                {
                    // DSCR falls and leverage rises a fifth a month; days past due build up 0 → 15 → 40 → 70 … and pass 90
                    // at the default month.
                    c.Ebitda *= 0.8;
                    c.Debt *= 1.08;
                    int months = c.Story!.Event - c.Story.Start;
                    c.Dpd = c.Story.Default && m >= c.Story.Event ? 95 + 30 * (m - c.Story.Event)
                        : Math.Min(c.Story.Default ? 85 : 40, (int)Math.Round(85.0 * (step - 1) / Math.Max(1, months)));
                }
                else if (c.Story is { Default: false } alarm && m >= alarm.Event)
                {
                    // The false alarm recovers: back to healthy ratios and current payments.
                    c.Ebitda = c.DebtService * 2.2;
                    c.Debt = c.Ebitda * 2.5;
                    c.Dpd = 0;
                }
                else
                {
                    c.Ebitda *= 1 + (random.NextDouble() - 0.5) * 0.04;
                    c.Dpd = random.NextDouble() < 0.01 ? 1 + random.Next(10) : 0;
                }

                c.Statements.Add((end.DayNumber, c.Ebitda, c.DebtService, c.Debt));
            }
        }

        public IEnumerable<OutputTable> Tables(int m, DateOnly start, DateOnly end, Random random)
        {
            yield return CustomersTable();
            yield return AccountsTable(m);
            yield return FeesTable(start, end, random);
            yield return CrossSalesTable(random);
            yield return FinancialsTable(end);
        }

        private OutputTable CustomersTable()
        {
            int n = Customers.Count;
            var id = new string?[n];
            var industry = new string?[n];
            var region = new string?[n];
            var rm = new string?[n];
            var rating = new string?[n];
            var pd = new double[n];
            var sales = new double[n];
            for (int i = 0; i < n; i++)
            {
                var c = Customers[i];
                (id[i], industry[i], region[i], rm[i], rating[i], pd[i], sales[i]) =
                    (c.Id, c.Industry, c.Region, c.RmId, Ratings[c.RatingIndex], RatingPd[c.RatingIndex], c.AnnualSales);
            }

            return new OutputTable("customers", n,
            [
                OutputColumn.Text("customer_id", id), OutputColumn.Text("industry", industry), OutputColumn.Text("region", region),
                OutputColumn.Text("rm_id", rm), OutputColumn.Text("rating", rating), OutputColumn.Number("pd", pd),
                OutputColumn.Number("annual_sales", sales),
            ]);
        }

        private OutputTable AccountsTable(int m)
        {
            var rows = new List<(Customer C, Account A)>();
            foreach (var c in Customers)
            {
                foreach (var a in c.Accounts)
                {
                    if (a.OpenedMonth <= m && a.ClosedMonth > m) rows.Add((c, a));
                }
            }

            int n = rows.Count;
            var id = new string?[n];
            var customer = new string?[n];
            var type = new string?[n];
            var currency = new string?[n];
            var avg = new double[n];
            var endBalance = new double[n];
            var limit = new double[n];
            var rate = new double[n];
            var ftp = new double[n];
            var open = new int[n];
            var maturity = new int[n];
            var dpd = new int[n];
            var arrears = new double[n];
            var prior = new double[n];
            for (int i = 0; i < n; i++)
            {
                var (c, a) = rows[i];
                bool lending = a.Type is "loan" or "overdraft";
                bool opened = a.OpenedMonth == m;
                (id[i], customer[i], type[i], currency[i]) = (a.Id, c.Id, a.Type, "CNY");
                avg[i] = a.Type == "guarantee" ? 0 : opened ? Math.Round(a.Balance / 2, 2) : a.Balance;
                endBalance[i] = a.Type == "guarantee" ? 0 : a.EndBalance;
                limit[i] = a.Limit;
                rate[i] = a.Rate;
                ftp[i] = double.NaN;
                open[i] = a.Open.DayNumber;
                maturity[i] = a.Maturity.DayNumber;
                dpd[i] = lending ? c.Dpd : 0;
                arrears[i] = lending && c.Dpd > 30 ? Math.Round(a.Balance * a.Rate / 12, 2) : 0;
                prior[i] = a.Type == "deposit" && !opened ? a.PriorBalance : double.NaN;
            }

            var columns = new List<OutputColumn>
            {
                OutputColumn.Text("account_id", id), OutputColumn.Text("customer_id", customer), OutputColumn.Text("product_type", type),
                OutputColumn.Text("currency", currency), OutputColumn.Number("average_balance", avg),
                    OutputColumn.Number("end_balance", endBalance),
                OutputColumn.Number("limit_amount", limit), OutputColumn.Number("client_rate", rate), OutputColumn.Number("ftp_rate", ftp),
                OutputColumn.Date("open_date", open), OutputColumn.Date("maturity_date", maturity),
                OutputColumn.Integer("days_past_due", dpd), OutputColumn.Number("interest_arrears", arrears),
                OutputColumn.Number("prior_average_balance", prior),
            };
            return new OutputTable("accounts", n, columns);
        }

        private OutputTable FeesTable(DateOnly start, DateOnly end, Random random)
        {
            var customer = new List<string?>();
            var type = new List<string?>();
            var amount = new List<double>();
            var date = new List<int>();
            foreach (var c in Customers)
            {
                int count = 2 + random.Next(8);
                for (int k = 0; k < count; k++)
                {
                    customer.Add(c.Id);
                    type.Add(FeeTypes[random.Next(FeeTypes.Length)]);
                    amount.Add(Math.Round(c.FeeLevel / count * (0.5 + random.NextDouble()), 2));
                    date.Add(start.DayNumber + random.Next(end.DayNumber - start.DayNumber + 1));
                }
            }

            return new OutputTable("fees", customer.Count,
            [
                OutputColumn.Text("customer_id", [.. customer]), OutputColumn.Text("fee_type", [.. type]),
                OutputColumn.Number("amount", [.. amount]), OutputColumn.Date("booking_date", [.. date]),
            ]);
        }

        private OutputTable CrossSalesTable(Random random)
        {
            var customer = new List<string?>();
            var line = new List<string?>();
            var units = new List<int>();
            var revenue = new List<double>();
            foreach (var c in Customers)
            {
                if (random.NextDouble() < 0.3)
                {
                    int u = 1 + random.Next(40);
                    customer.Add(c.Id);
                    line.Add(random.NextDouble() < 0.5 ? "payroll" : "cards");
                    units.Add(u);
                    revenue.Add(Math.Round(u * (50 + random.NextDouble() * 100), 2));
                }
            }

            return new OutputTable("cross_sales", customer.Count,
            [
                OutputColumn.Text("customer_id", [.. customer]), OutputColumn.Text("product_line", [.. line]),
                OutputColumn.Integer("units", [.. units]), OutputColumn.Number("revenue", [.. revenue]),
            ]);
        }

        private OutputTable FinancialsTable(DateOnly end)
        {
            var rows = new List<(string Id, (int Day, double Ebitda, double DebtService, double Debt) S)>();
            foreach (var c in Customers)
            {
                foreach (var st in c.Statements)
                {
                    if (st.Day <= end.DayNumber) rows.Add((c.Id, st));
                }
            }

            int n = rows.Count;
            var customer = new string?[n];
            var date = new int[n];
            var revenue = new double[n];
            var ebitda = new double[n];
            var ebit = new double[n];
            var interest = new double[n];
            var service = new double[n];
            var debt = new double[n];
            var ca = new double[n];
            var cl = new double[n];
            var ta = new double[n];
            var tl = new double[n];
            var re = new double[n];
            var equity = new double[n];
            for (int i = 0; i < n; i++)
            {
                var (id, st) = rows[i];
                customer[i] = id;
                date[i] = st.Day;
                ebitda[i] = Math.Round(st.Ebitda, 2);
                revenue[i] = Math.Round(st.Ebitda * 6, 2);
                ebit[i] = Math.Round(st.Ebitda * 0.8, 2);
                interest[i] = Math.Round(st.DebtService * 0.3, 2);
                service[i] = Math.Round(st.DebtService, 2);
                debt[i] = Math.Round(st.Debt, 2);
                ta[i] = Math.Round(st.Debt * 2.2, 2);
                tl[i] = Math.Round(st.Debt * 1.3, 2);
                equity[i] = Math.Round(ta[i] - tl[i], 2);
                ca[i] = Math.Round(ta[i] * 0.35, 2);
                cl[i] = Math.Round(ta[i] * 0.25, 2);
                re[i] = Math.Round(equity[i] * 0.4, 2);
            }

            return new OutputTable("financials", n,
            [
                OutputColumn.Text("customer_id", customer), OutputColumn.Date("statement_date", date),
                    OutputColumn.Number("revenue", revenue),
                OutputColumn.Number("ebitda", ebitda), OutputColumn.Number("ebit", ebit), OutputColumn.Number("interest_expense", interest),
                OutputColumn.Number("debt_service", service), OutputColumn.Number("total_debt", debt),
                    OutputColumn.Number("current_assets", ca),
                OutputColumn.Number("current_liabilities", cl), OutputColumn.Number("total_assets", ta),
                    OutputColumn.Number("total_liabilities", tl),
                OutputColumn.Number("retained_earnings", re), OutputColumn.Number("equity", equity),
            ]);
        }
    }
}
