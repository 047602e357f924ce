namespace Analytics.IO.Generation;

/// <summary>Why a planted row must be rejected (docs/METHODOLOGY.md §1 row rules).</summary>
public enum PlantedDefectKind
{
    /// <summary>A key carried by two rows: both are rejected.</summary>
    DuplicateKey,
    /// <summary>A customer_id absent from customers, or belonging to a rejected customer.</summary>
    UnknownCustomer,
    /// <summary>A negative value where the input rules require (docs/METHODOLOGY.md §1) ≥ 0 (balance, units).</summary>
    NegativeValue,
    /// <summary>A value outside its range (pd 1.5).</summary>
    OutOfRange,
    /// <summary>A currency code that is not configured (<c>XXX</c>).</summary>
    UnknownCurrency,
    /// <summary>A product_type other than loan, overdraft, deposit or guarantee.</summary>
    UnknownProductType,
    /// <summary>A NaN number.</summary>
    NotANumber,
    /// <summary>A ±Infinity number.</summary>
    Infinite,
    /// <summary>CSV only: text that does not parse as a number.</summary>
    Unparsable,
    /// <summary>A date outside 1900-01-01..2100-12-31.</summary>
    DateOutOfRange,
    /// <summary>CSV only: a row with more fields than the header.</summary>
    WrongFieldCount,
}
