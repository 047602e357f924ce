namespace Analytics.IO.Generation.Internal;

/// <summary>The defect a chosen customer carries in accounts.</summary>
internal enum AccountDefect { UnknownCustomer, NegativeBalance, UnknownCurrency, UnknownProductType, DuplicateAccountId }

/// <summary>The defect a chosen customer carries in fees.</summary>
internal enum FeeDefect { UnknownCustomer, NotANumber, UnparsableInCsv, Infinite, DateOutOfRange, UnknownCurrency, WrongFieldCountInCsv }

/// <summary>The defect a chosen customer carries in cross_sales.</summary>
internal enum CrossSaleDefect { UnknownCustomer, NegativeUnits }

/// <summary>The defect a chosen customer carries in financials.</summary>
internal enum FinancialDefect { UnknownCustomer, Infinite }
