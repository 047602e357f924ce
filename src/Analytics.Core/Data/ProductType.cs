namespace Analytics.Core.Data;

/// <summary>The four account product types of docs/METHODOLOGY.md §1. The numeric values index per-product arrays.</summary>
public enum ProductType : byte
{
    /// <summary>Term loan.</summary>
    Loan = 0,
    /// <summary>Overdraft facility.</summary>
    Overdraft = 1,
    /// <summary>Deposit account.</summary>
    Deposit = 2,
    /// <summary>Guarantee (off-balance-sheet; notional in <c>limit_amount</c>).</summary>
    Guarantee = 3,
}

/// <summary>Text forms of <see cref="ProductType"/> as they appear in input files and configuration.</summary>
internal static class ProductTypes
{
    /// <summary>Number of product types.</summary>
    public const int Count = 4;

    /// <summary>All product types in index order.</summary>
    public static ReadOnlySpan<ProductType> All => [ProductType.Loan, ProductType.Overdraft, ProductType.Deposit, ProductType.Guarantee];

    /// <summary>The snake_case name used in files and config (<c>loan</c>, <c>overdraft</c>, <c>deposit</c>, <c>guarantee</c>).</summary>
    public static string Name(ProductType type) => type switch
    {
        ProductType.Loan => "loan",
        ProductType.Overdraft => "overdraft",
        ProductType.Deposit => "deposit",
        ProductType.Guarantee => "guarantee",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a product type name exactly (case-sensitive, as docs/METHODOLOGY.md §1 matches names exactly).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ProductType type)
    {
        switch (text)
        {
            case "loan": type = ProductType.Loan; return true;
            case "overdraft": type = ProductType.Overdraft; return true;
            case "deposit": type = ProductType.Deposit; return true;
            case "guarantee": type = ProductType.Guarantee; return true;
            default: type = default; return false;
        }
    }

    /// <summary>True for the products that carry credit exposure (loan, overdraft, guarantee).</summary>
    public static bool IsCredit(ProductType type) => type != ProductType.Deposit;

    /// <summary>True for drawn lending products (loan, overdraft).</summary>
    public static bool IsLending(ProductType type) => type is ProductType.Loan or ProductType.Overdraft;
}
