namespace Analytics.IO.Validation;

/// <summary>Why a row was rejected (docs/METHODOLOGY.md §1 row rules). Codes are the snake_case names in <c>rejects.reason</c>.</summary>
public enum RejectReason : byte
{
    /// <summary><c>duplicate_key</c>: the row's key (customer_id, account_id, or customer_id + statement_date) occurs more than once; every such row is rejected.</summary>
    DuplicateKey,
    /// <summary><c>wrong_field_count</c>: a CSV row with a different number of fields than the header.</summary>
    WrongFieldCount,
    /// <summary><c>missing_value</c>: a required value is null or empty.</summary>
    MissingValue,
    /// <summary><c>unparsable</c>: CSV text that is not a valid number, integer or ISO date.</summary>
    Unparsable,
    /// <summary><c>not_finite</c>: NaN or ±Infinity.</summary>
    NotFinite,
    /// <summary><c>negative_value</c>: a value that must be ≥ 0 is negative.</summary>
    NegativeValue,
    /// <summary><c>out_of_range</c>: a probability or LGD outside [0, 1].</summary>
    OutOfRange,
    /// <summary><c>date_out_of_range</c>: a date outside 1900-01-01..2100-12-31.</summary>
    DateOutOfRange,
    /// <summary><c>unknown_customer</c>: the customer does not exist or was rejected.</summary>
    UnknownCustomer,
    /// <summary><c>unknown_currency</c>: neither the reporting currency nor in <c>fx_rates</c>.</summary>
    UnknownCurrency,
    /// <summary><c>unknown_product_type</c>: not loan, overdraft, deposit or guarantee.</summary>
    UnknownProductType,
}

/// <summary>Text codes of <see cref="RejectReason"/>.</summary>
public static class RejectReasons
{
    /// <summary>The snake_case code written to <c>rejects.reason</c>.</summary>
    public static string Code(RejectReason reason) => reason switch
    {
        RejectReason.DuplicateKey => "duplicate_key",
        RejectReason.WrongFieldCount => "wrong_field_count",
        RejectReason.MissingValue => "missing_value",
        RejectReason.Unparsable => "unparsable",
        RejectReason.NotFinite => "not_finite",
        RejectReason.NegativeValue => "negative_value",
        RejectReason.OutOfRange => "out_of_range",
        RejectReason.DateOutOfRange => "date_out_of_range",
        RejectReason.UnknownCustomer => "unknown_customer",
        RejectReason.UnknownCurrency => "unknown_currency",
        RejectReason.UnknownProductType => "unknown_product_type",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
