namespace Analytics.Core.Data;

/// <summary>Everything the scoring kernel needs: validated, converted, dictionary-encoded inputs.</summary>
public sealed record PortfolioData(
    CustomerTable Customers,
    AccountTable Accounts,
    ActivityAggregates Activity,
    FinancialTable Financials);
