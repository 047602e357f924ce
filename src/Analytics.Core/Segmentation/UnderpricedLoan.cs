namespace Analytics.Core.Segmentation;

/// <summary>One row of <c>underpriced_loans</c>: a loan or overdraft whose client rate is below its own floor.</summary>
/// <param name="Customer">Dense customer index.</param>
/// <param name="Account">Position in the account table.</param>
/// <param name="ClientRate">The account's client_rate.</param>
/// <param name="FloorRate">The EVA-neutral rate with the account's own FTP, LGD and maturity.</param>
public readonly record struct UnderpricedLoan(int Customer, int Account, double ClientRate, double FloorRate);
