using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Errors;
using Analytics.Core.Profitability;

namespace Analytics.Tests.Profitability;

public class ProfitabilityCalculatorTests
{
    // Period 2026-10-01..2026-10-31: D = 31, Y = 31/365.
    private const double Y = 31 / 365.0;
    private static readonly EngineConfig Config = TestEngineConfig.Create();

    private static ProfitabilityResult Run(PortfolioBuilder builder, EngineConfig? config = null) =>
        ProfitabilityCalculator.Compute(builder.Build(), config ?? Config);

    [Fact]
    public void Nii_sign_per_product()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Loan, "a-loan", averageBalance: 1_000_000, clientRate: 0.05, ftpRate: 0.03)
            .AddAccount("C1", ProductType.Overdraft, "b-od", averageBalance: 200_000, clientRate: 0.06, ftpRate: 0.03)
            .AddAccount("C1", ProductType.Deposit, "c-dep", averageBalance: 500_000, clientRate: 0.01, ftpRate: 0.03)
            .AddAccount("C1", ProductType.Guarantee, "d-gty", averageBalance: 300_000, limit: 300_000, clientRate: 0.02, ftpRate: 0.03)
            .AddAccount("C1", ProductType.Loan, "e-cheap", averageBalance: 100_000, clientRate: 0.02, ftpRate: 0.03));

        Assert.Equal(1_000_000 * (0.05 - 0.03) * Y, result.AccountNii[0]); // lending earns client − ftp
        Assert.Equal(200_000 * (0.06 - 0.03) * Y, result.AccountNii[1]);
        Assert.Equal(500_000 * (0.03 - 0.01) * Y, result.AccountNii[2]);   // deposits earn ftp − client
        Assert.Equal(0.0, result.AccountNii[3]);                           // guarantee: commission comes as fees
        Assert.True(result.AccountNii[4] < 0);                             // priced under FTP loses money
        Assert.Equal(100_000 * (0.02 - 0.03) * Y, result.AccountNii[4]);
        Assert.Equal(result.AccountNii[0] + result.AccountNii[1] + result.AccountNii[2] + result.AccountNii[3] + result.AccountNii[4],
            result.Nii[0]);
        Assert.Equal(1_300_000.0, result.LendingBalance[0]);
        Assert.Equal(500_000.0, result.DepositBalance[0]);
    }

    [Fact]
    public void Ead_per_product()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Loan, "a", endBalance: 600_000, limit: 1_000_000, clientRate: 0.05)
            .AddAccount("C1", ProductType.Overdraft, "b", endBalance: 200_000, limit: 1_000_000, clientRate: 0.06)
            .AddAccount("C1", ProductType.Loan, "c", endBalance: 1_200_000, limit: 1_000_000, clientRate: 0.05)
            .AddAccount("C1", ProductType.Guarantee, "d", endBalance: 999, limit: 400_000)
            .AddAccount("C1", ProductType.Deposit, "e", averageBalance: 1e6, endBalance: 1e6, clientRate: 0.01)
            .AddAccount("C1", ProductType.Loan, "f", endBalance: 300_000, clientRate: 0.05));

        Assert.Equal(600_000 + 0.50 * 400_000, result.AccountEad[0]);   // undrawn at loan CCF 50 %
        Assert.Equal(200_000 + 0.75 * 800_000, result.AccountEad[1]);   // overdraft CCF 75 %
        Assert.Equal(1_200_000.0, result.AccountEad[2]);                // overdrawn past the limit: no negative undrawn
        Assert.Equal(0.50 * 400_000, result.AccountEad[3]);             // guarantee notional × CCF, balance ignored
        Assert.Equal(0.0, result.AccountEad[4]);
        Assert.Equal(300_000.0, result.AccountEad[5]);                  // no limit → drawn only
        Assert.Equal(800_000 + 800_000 + 1_200_000 + 200_000 + 0 + 300_000.0, result.Ead[0]);
        Assert.Equal(0.0, result.AccountExpectedLoss[4]);
        Assert.Equal(0.0, result.AccountCreditCapital[4]);
        Assert.Equal(0.0, result.AccountLgd[4]);
        Assert.Equal(0.0, result.AccountMaturityYears[4]);
    }

    [Fact]
    public void Expected_loss_uses_floored_pd_and_lgd_override()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1", pd: 0.02)
            .AddCustomer("C2", pd: 0.0001)
            .AddAccount("C1", ProductType.Loan, "a", endBalance: 1_000_000, clientRate: 0.05, lgd: 0.6)
            .AddAccount("C1", ProductType.Loan, "b", endBalance: 1_000_000, clientRate: 0.05)
            .AddAccount("C2", ProductType.Loan, "c", endBalance: 1_000_000, clientRate: 0.05));

        Assert.Equal(0.02 * 0.6 * 1_000_000 * Y, result.AccountExpectedLoss[0]);
        Assert.Equal(0.6, result.AccountLgd[0]);
        Assert.Equal(0.02 * 0.45 * 1_000_000 * Y, result.AccountExpectedLoss[1]);   // lgd_default.loan
        Assert.Equal(0.45, result.AccountLgd[1]);
        Assert.Equal(0.0003, result.Pd[1]);                                          // pd_floor
        Assert.Equal(0.0003 * 0.45 * 1_000_000 * Y, result.AccountExpectedLoss[2]);
        Assert.Equal(IrbCapital.K(0.0003, 0.45, 2.5, double.NaN) * 1_000_000, result.AccountCreditCapital[2]);
    }

    [Fact]
    public void Defaulted_customer_has_full_expected_loss_and_no_credit_capital()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1", pd: 1.0)
            .AddAccount("C1", ProductType.Loan, endBalance: 1_000_000, averageBalance: 1_000_000, clientRate: 0.05, ftpRate: 0.03));

        Assert.Equal(1.0 * 0.45 * 1_000_000 * Y, result.ExpectedLoss[0]);
        Assert.Equal(0.0, result.CreditCapital[0]);
    }

    [Fact]
    public void Capital_multiplier_and_maturity_feed_credit_capital()
    {
        var config = Config with { Risk = new RiskConfig { CapitalMultiplier = 1.5 } };
        var maturity = new DateOnly(2029, 10, 31); // 1096 days after as_of → M = 3.0027
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1", pd: 0.01, annualSales: 20)
            .AddAccount("C1", ProductType.Loan, endBalance: 1_000_000, clientRate: 0.05, maturityDate: maturity), config);

        double m = 1096 / 365.0;
        Assert.Equal(m, result.AccountMaturityYears[0]);
        Assert.Equal(1.5 * IrbCapital.K(0.01, 0.45, m, 20) * 1_000_000, result.AccountCreditCapital[0]);
    }

    [Fact]
    public void Op_capital_is_zero_when_revenue_is_negative()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Loan, averageBalance: 1_000_000, endBalance: 1_000_000, clientRate: 0.01, ftpRate: 0.03));

        Assert.True(result.Revenue[0] < 0);
        Assert.Equal(0.0, result.OpCapital[0]);
        Assert.Equal(result.CreditCapital[0], result.Capital[0]);
    }

    [Fact]
    public void Raroc_is_null_for_a_deposit_only_customer_without_revenue()
    {
        // Deposit paid above FTP: NII = 1e6 · (0.0185 − 0.02) · Y < 0, so op capital = 0 and capital = 0.
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Deposit, averageBalance: 1_000_000, clientRate: 0.02));

        Assert.Equal(0.0185, result.AccountFtpRate[0], 1e-15);
        Assert.Equal(0.0, result.Capital[0]);
        Assert.True(double.IsNaN(result.Raroc[0]));
        Assert.Equal(result.Nopat[0], result.Eva[0]); // no capital charge
    }

    [Fact]
    public void Deposit_only_customer_with_revenue_has_op_capital_and_raroc()
    {
        // NII = 1e6 · (0.0185 − 0.005) · Y = 1146.58; op capital = 0.15 · 13,500 = 2,025.
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Deposit, averageBalance: 1_000_000, clientRate: 0.005));

        Assert.Equal(0.15 * (result.Revenue[0] / Y), result.OpCapital[0]);
        Assert.Equal(2025.0, result.OpCapital[0], 1e-9);
        Assert.Equal(result.Nopat[0] / Y / result.Capital[0], result.Raroc[0]);
    }

    [Fact]
    public void Customer_without_accounts_still_gets_a_row()
    {
        // Fees 100 + 50 (2 rows, 2 types); cross-sale 3 units of payroll, revenue 30.
        // cost = 500 + 0 + 0.8·2 + 5·3 = 516.6; revenue = 180; EL 0; pre-tax = −336.6; op capital = 0.15 · 180/Y.
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddCustomer("C2")
            .AddFee("C2", "fx", 100)
            .AddFee("C2", "settlement", 50)
            .AddCrossSale("C2", "payroll", 3, 30));

        Assert.Equal(2, result.CustomerCount);
        Assert.Equal(500.0, result.OperatingCost[0]);
        Assert.Equal(-500.0, result.PreTaxProfit[0]);
        Assert.Equal(-375.0, result.Nopat[0]);
        Assert.True(double.IsNaN(result.Raroc[0]));
        Assert.Equal(0, result.ProductsHeld[0]);

        Assert.Equal(516.6, result.OperatingCost[1], 1e-12);
        Assert.Equal(180.0, result.Revenue[1]);
        Assert.Equal(-336.6, result.PreTaxProfit[1], 1e-12);
        Assert.Equal(0.15 * (180 / Y), result.OpCapital[1]);
        Assert.Equal(3, result.ProductsHeld[1]);
    }

    [Fact]
    public void Products_held_counts_distinct_types_fee_types_and_lines()
    {
        var result = Run(new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Loan, endBalance: 1, clientRate: 0.05)
            .AddAccount("C1", ProductType.Loan, endBalance: 1, clientRate: 0.05)
            .AddAccount("C1", ProductType.Deposit, averageBalance: 1, clientRate: 0.01)
            .AddFee("C1", "fx", 10)
            .AddFee("C1", "fx", 10)
            .AddCrossSale("C1", "payroll", 2, 0)
            .AddCrossSale("C1", "cards", 0, 0));

        Assert.Equal(2 + 1 + 1, result.ProductsHeld[0]);
    }

    [Fact]
    public void Golden_two_customers()
    {
        // Default config; as_of 2026-10-31; Y = 31/365 = 0.0849315068.
        //
        // C001: pd 0.01 (no floor), no annual_sales.
        //   C001-L loan: avg 1,000,000, end 1,200,000, limit 2,000,000, client 5 %, open 2026-01-01, maturity 2028-01-01.
        //     term = 730/365 = 2 → interp = 0.019 + 0.0035·(1/2) = 0.02075; + premium 0.001 → FTP 0.02175
        //     NII = 1e6 · (0.05 − 0.02175) · Y = 28,250 · Y = 2,399.3150685
        //     EAD = 1.2e6 + 0.5 · (2e6 − 1.2e6) = 1,600,000
        //     EL = 0.01 · 0.45 · 1.6e6 · Y = 7,200 · Y = 611.5068493
        //     M = (2028-01-01 − 2026-10-31) = 427 days / 365 = 1.1698630
        //     R = 0.192784 (f = 0.393469), b = 0.137486, N(·) = 0.140273 →
        //     K = (0.45·0.140273 − 0.0045) · (1 + (1.169863 − 2.5)·0.137486)/(1 − 1.5·0.137486) = 0.0603475
        //     credit capital = 0.0603475 · 1.6e6 = 96,555.943
        //   C001-D deposit: avg 500,000, client 1 %, no maturity → term 1 → 0.019 − 0.0005 = FTP 0.0185
        //     NII = 5e5 · (0.0185 − 0.01) · Y = 4,250 · Y = 360.9589041
        //   fees: settlement 1,200 + 1,800 − 200 (reversal) = 2,800, 3 rows, 1 type
        //   cross-sales: payroll 4 units / 1,000; cards 0 units / 0 → revenue 1,000, 4 units, 1 line
        //   NII = 2,760.2739726; revenue = 2,760.2739726 + 2,800 + 1,000 = 6,560.2739726
        //   cost = 500 + (300 + 40) + 0.8·3 + 5·4 = 862.4
        //   pre-tax = 6,560.2739726 − 862.4 − 611.5068493 = 5,086.3671233; NOPAT = · 0.75 = 3,814.7753425
        //   op capital = 0.15 · 6,560.2739726 / Y = 0.15 · 77,241.935 = 11,586.290323
        //   capital = 96,555.943086 + 11,586.290323 = 108,142.233409; charge = 0.12 · capital · Y = 1,102.161940
        //   EVA = 3,814.7753425 − 1,102.161940 = 2,712.613402; RAROC = (3,814.7753425 / Y) / 108,142.233 = 0.415341
        //   products = loan, deposit + 1 fee type + 1 line = 4; deposits 500,000; lending 1,000,000
        //
        // C002: pd 0.0001 → floored 0.0003; annual_sales 20 → R = 0.211547 (SME −0.04·(1 − 15/45) = −0.026667), b = 0.316834, N(·) =
        // 0.011788.
        //   C002-G guarantee: limit 400,000, lgd 0.40, no maturity → M 2.5 (adjustment 1/(1 − 1.5b))
        //     FTP 0.019 (curve at 1 y, premium 0); NII 0; EAD = 0.5 · 400,000 = 200,000
        //     EL = 0.0003 · 0.40 · 200,000 · Y = 24 · Y = 2.0383562
        //     K = (0.40·0.011788 − 0.0003·0.40)/(1 − 1.5·0.316834) = 0.00875703; capital = 1,751.406112
        //   C002-O overdraft: avg 100,000, end 50,000, limit 300,000, client 6 %, ftp_rate 3 %, no maturity
        //     NII = 1e5 · 0.03 · Y = 254.7945205; EAD = 50,000 + 0.75 · 250,000 = 237,500
        //     EL = 0.0003 · 0.45 · 237,500 · Y = 2.7231164; K = 0.00985166; capital = 2,339.769102
        //   fees: guarantee 600 (1 row, 1 type); cross-sales: cards 1 unit / 50
        //   revenue = 254.7945205 + 600 + 50 = 904.7945205; cost = 500 + (200 + 150) + 0.8 + 5 = 855.8
        //   EL = 4.7614726; pre-tax = 904.7945205 − 855.8 − 4.7614726 = 44.2330479; NOPAT = 33.1747860
        //   op capital = 0.15 · 904.7945205 / Y = 1,597.983871; capital = 4,091.175214 + 1,597.983871 = 5,689.159085
        //   charge = 0.12 · 5,689.159085 · Y = 57.982662; EVA = −24.807876; RAROC = (33.174786 / Y) / 5,689.159 = 0.068658
        //   products = guarantee, overdraft + 1 fee type + 1 line = 4; deposits 0; lending 100,000
        //
        // Score (N = 2): EVA C001 1 / C002 0; revenue 1 / 0; products tie 0.5 / 0.5; deposits 1 / 0.
        //   C001 = 100 · (0.6 + 0.2 + 0.05 + 0.1) = 95; C002 = 100 · 0.05 = 5.
        var data = new PortfolioBuilder()
            .AddCustomer("C002", pd: 0.0001, annualSales: 20)
            .AddCustomer("C001", pd: 0.01)
            .AddAccount("C001", ProductType.Loan, "C001-L", averageBalance: 1_000_000, endBalance: 1_200_000, limit: 2_000_000,
                clientRate: 0.05, openDate: new DateOnly(2026, 1, 1), maturityDate: new DateOnly(2028, 1, 1))
            .AddAccount("C001", ProductType.Deposit, "C001-D", averageBalance: 500_000, endBalance: 480_000, clientRate: 0.01,
                openDate: new DateOnly(2025, 6, 1))
            .AddAccount("C002", ProductType.Overdraft, "C002-O", averageBalance: 100_000, endBalance: 50_000, limit: 300_000,
                clientRate: 0.06, ftpRate: 0.03)
            .AddAccount("C002", ProductType.Guarantee, "C002-G", limit: 400_000, lgd: 0.40)
            .AddFee("C001", "settlement", 1_200)
            .AddFee("C001", "settlement", 1_800)
            .AddFee("C001", "settlement", -200)
            .AddFee("C002", "guarantee", 600)
            .AddCrossSale("C001", "payroll", 4, 1_000)
            .AddCrossSale("C001", "cards", 0, 0)
            .AddCrossSale("C002", "cards", 1, 50)
            .Build();

        var r = ProfitabilityCalculator.Compute(data, Config);

        Assert.Equal(["C001", "C002"], data.Customers.Ids);
        Assert.Equal(["C001-D", "C001-L", "C002-G", "C002-O"], data.Accounts.AccountId);
        const double tol = 1e-6;

        // The figures of the comment above, written out from docs/METHODOLOGY.md §3 with the inputs of this portfolio.
        // C001-D deposit and C001-L loan (§3.1 FTP, §3.2 NII, §3.5 EAD, §3.6 EL, §3.7 K at M = 427/365).
        double ftpDeposit = 0.019 - 0.0005;
        double ftpLoan = 0.019 + (0.0225 - 0.019) * (2.0 - 1) / (3 - 1) + 0.0010;
        double niiDeposit = 500_000 * (ftpDeposit - 0.01) * Y;
        double niiLoan = 1_000_000 * (0.05 - ftpLoan) * Y;
        double eadLoan = 1_200_000 + 0.50 * (2_000_000 - 1_200_000);
        double elLoan = 0.01 * 0.45 * eadLoan * Y;
        double capitalLoan = 1.0 * IrbFormula.K(0.01, 0.45, 427 / 365.0, double.NaN) * eadLoan;
        // C001 (§3.3 fees 1,200 + 1,800 − 200; cross-sales 1,000; §3.4 cost; §3.8 op capital; §3.9 EVA and RAROC).
        double nii1 = niiDeposit + niiLoan;
        double revenue1 = nii1 + 2_800 + 1_000;
        double cost1 = 500 + (300 + 40) + 0.8 * 3 + 5 * 4;
        double preTax1 = revenue1 - cost1 - elLoan;
        double nopat1 = preTax1 * (1 - 0.25);
        double opCapital1 = 0.15 * Math.Max(0, revenue1 / Y);
        double capital1 = capitalLoan + opCapital1;
        double charge1 = 0.12 * capital1 * Y;

        // C002: PD 0.0001 floored to 0.0003, annual sales 20 (SME term), no maturity dates → M = 2.5.
        // C002-G guarantee: EAD = ccf 0.5 × limit, LGD 0.40; C002-O overdraft: own ftp_rate 3 %, EAD = end + ccf 0.75 × undrawn.
        const double pd2 = 0.0003;
        double eadGuarantee = 0.50 * 400_000;
        double elGuarantee = pd2 * 0.40 * eadGuarantee * Y;
        double capitalGuarantee = IrbFormula.K(pd2, 0.40, 2.5, 20) * eadGuarantee;
        double niiOverdraft = 100_000 * (0.06 - 0.03) * Y;
        double eadOverdraft = 50_000 + 0.75 * (300_000 - 50_000);
        double elOverdraft = pd2 * 0.45 * eadOverdraft * Y;
        double capitalOverdraft = IrbFormula.K(pd2, 0.45, 2.5, 20) * eadOverdraft;
        double revenue2 = niiOverdraft + 600 + 50;
        double cost2 = 500 + (200 + 150) + 0.8 * 1 + 5 * 1;
        double el2 = elGuarantee + elOverdraft;
        double preTax2 = revenue2 - cost2 - el2;
        double nopat2 = preTax2 * (1 - 0.25);
        double opCapital2 = 0.15 * Math.Max(0, revenue2 / Y);
        double capital2 = capitalGuarantee + capitalOverdraft + opCapital2;
        double charge2 = 0.12 * capital2 * Y;

        // Accounts (order: C001-D, C001-L, C002-G, C002-O).
        Assert.Equal(0.0185, r.AccountFtpRate[0], 1e-15);
        Assert.Equal(0.02175, r.AccountFtpRate[1], 1e-15);
        Assert.Equal(0.019, r.AccountFtpRate[2], 1e-15);
        Assert.Equal(0.03, r.AccountFtpRate[3]);
        Assert.Equal(niiDeposit, r.AccountNii[0], tol);
        Assert.Equal(niiLoan, r.AccountNii[1], tol);
        Assert.Equal(0.0, r.AccountNii[2]);
        Assert.Equal(niiOverdraft, r.AccountNii[3], tol);
        Assert.Equal(1_600_000.0, r.AccountEad[1]);
        Assert.Equal(200_000.0, r.AccountEad[2]);
        Assert.Equal(237_500.0, r.AccountEad[3]);
        Assert.Equal(427 / 365.0, r.AccountMaturityYears[1]);
        Assert.Equal(2.5, r.AccountMaturityYears[2]);
        Assert.Equal(elLoan, r.AccountExpectedLoss[1], tol);
        Assert.Equal(elGuarantee, r.AccountExpectedLoss[2], tol);
        Assert.Equal(elOverdraft, r.AccountExpectedLoss[3], tol);
        Assert.Equal(capitalLoan, r.AccountCreditCapital[1], tol);
        Assert.Equal(capitalGuarantee, r.AccountCreditCapital[2], tol);
        Assert.Equal(capitalOverdraft, r.AccountCreditCapital[3], tol);

        // C001.
        Assert.Equal(0.01, r.Pd[0]);
        Assert.Equal(nii1, r.Nii[0], tol);
        Assert.Equal(2800.0, r.FeeIncome[0]);
        Assert.Equal(1000.0, r.CrossSellRevenue[0]);
        Assert.Equal(revenue1, r.Revenue[0], tol);
        Assert.Equal(cost1, r.OperatingCost[0], 1e-12);
        Assert.Equal(elLoan, r.ExpectedLoss[0], tol);
        Assert.Equal(1_600_000.0, r.Ead[0]);
        Assert.Equal(capitalLoan, r.CreditCapital[0], tol);
        Assert.Equal(opCapital1, r.OpCapital[0], tol);
        Assert.Equal(capital1, r.Capital[0], tol);
        Assert.Equal(charge1, r.CapitalCharge[0], tol);
        Assert.Equal(preTax1, r.PreTaxProfit[0], tol);
        Assert.Equal(nopat1, r.Nopat[0], tol);
        Assert.Equal(nopat1 - charge1, r.Eva[0], tol);
        Assert.Equal(nopat1 / Y / capital1, r.Raroc[0], 1e-12);
        Assert.Equal(4, r.ProductsHeld[0]);
        Assert.Equal(500_000.0, r.DepositBalance[0]);
        Assert.Equal(1_000_000.0, r.LendingBalance[0]);
        Assert.Equal(95.0, r.ContributionScore[0], 1e-12);

        // C002.
        Assert.Equal(0.0003, r.Pd[1]);
        Assert.Equal(niiOverdraft, r.Nii[1], tol);
        Assert.Equal(600.0, r.FeeIncome[1]);
        Assert.Equal(50.0, r.CrossSellRevenue[1]);
        Assert.Equal(revenue2, r.Revenue[1], tol);
        Assert.Equal(cost2, r.OperatingCost[1], 1e-12);
        Assert.Equal(el2, r.ExpectedLoss[1], tol);
        Assert.Equal(437_500.0, r.Ead[1]);
        Assert.Equal(capitalGuarantee + capitalOverdraft, r.CreditCapital[1], tol);
        Assert.Equal(opCapital2, r.OpCapital[1], tol);
        Assert.Equal(capital2, r.Capital[1], tol);
        Assert.Equal(charge2, r.CapitalCharge[1], tol);
        Assert.Equal(preTax2, r.PreTaxProfit[1], tol);
        Assert.Equal(nopat2, r.Nopat[1], tol);
        Assert.Equal(nopat2 - charge2, r.Eva[1], tol);
        Assert.Equal(nopat2 / Y / capital2, r.Raroc[1], 1e-12);
        Assert.Equal(4, r.ProductsHeld[1]);
        Assert.Equal(0.0, r.DepositBalance[1]);
        Assert.Equal(100_000.0, r.LendingBalance[1]);
        Assert.Equal(5.0, r.ContributionScore[1], 1e-12);
    }

    [Fact]
    public void Ranges_computed_separately_give_the_same_result()
    {
        var builder = new PortfolioBuilder();
        for (int i = 0; i < 9; i++)
        {
            string id = $"C{i}";
            builder.AddCustomer(id, pd: 0.001 * (i + 1), annualSales: i % 2 == 0 ? double.NaN : 10 * i)
                .AddAccount(id, ProductType.Loan, averageBalance: 1e5 * i, endBalance: 1e5 * i, limit: 2e5 * i, clientRate: 0.04
                    + 0.001 * i)
                .AddAccount(id, ProductType.Deposit, averageBalance: 5e4 * (9 - i), clientRate: 0.01)
                .AddFee(id, "fx", 10 * i);
        }

        var data = builder.Build();
        var whole = ProfitabilityCalculator.Compute(data, Config);
        var parts = new ProfitabilityResult(data.Customers.Count, data.Accounts.Count);
        ProfitabilityCalculator.ComputeCustomers(data, Config, parts, 5, 9);
        ProfitabilityCalculator.ComputeCustomers(data, Config, parts, 0, 5);
        ProfitabilityCalculator.ApplyContributionScore(parts, Config);

        Assert.Equal(whole.Eva, parts.Eva);
        Assert.Equal(whole.Raroc, parts.Raroc);
        Assert.Equal(whole.Capital, parts.Capital);
        Assert.Equal(whole.AccountCreditCapital, parts.AccountCreditCapital);
        Assert.Equal(whole.ContributionScore, parts.ContributionScore);
    }

    [Fact]
    public void Overflow_fails_with_the_figure_and_customer()
    {
        var builder = new PortfolioBuilder()
            .AddCustomer("C1")
            .AddCustomer("C2")
            .AddAccount("C2", ProductType.Loan, "x", endBalance: 1.5e308, clientRate: 0.05)
            .AddAccount("C2", ProductType.Loan, "y", endBalance: 1.5e308, clientRate: 0.05);

        var error = Assert.Throws<DataQualityException>(() => Run(builder));
        Assert.Equal("A figure overflowed: ead for customer index 1 (customer_id C2); check the input magnitudes.", error.Message);
        Assert.Equal(ErrorKind.DataQuality, error.Kind);
    }

    [Fact]
    public void Overflow_message_leaves_out_a_confidential_customer_id()
    {
        var builder = new PortfolioBuilder()
            .AddCustomer("C1")
            .AddAccount("C1", ProductType.Deposit, averageBalance: 1e308, clientRate: -1e10);
        var config = Config with { ConfidentialColumns = ["customer_name", "customer_id"] };

        var error = Assert.Throws<DataQualityException>(() => Run(builder, config));
        Assert.Equal("A figure overflowed: nii for customer index 0; check the input magnitudes.", error.Message);
    }

    [Fact]
    public void Nan_pd_is_reported_not_floored_away()
    {
        var builder = new PortfolioBuilder()
            .AddCustomer("C1", pd: double.NaN)
            .AddAccount("C1", ProductType.Loan, endBalance: 1_000, clientRate: 0.05);

        var error = Assert.Throws<DataQualityException>(() => Run(builder));
        Assert.Equal("A figure overflowed: expected_loss for customer index 0 (customer_id C1); check the input magnitudes.",
            error.Message);
    }

    [Fact]
    public void Mis_sized_result_is_refused()
    {
        var data = new PortfolioBuilder().AddCustomer("C1").Build();
        Assert.Throws<ArgumentException>(() => ProfitabilityCalculator.ComputeCustomers(data, Config, new ProfitabilityResult(2, 0), 0, 1));
    }
}
