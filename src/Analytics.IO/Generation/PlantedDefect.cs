namespace Analytics.IO.Generation;

/// <summary>Why a planted row must be rejected (SPEC §1 row rules).</summary>
public enum PlantedDefectKind
{
    /// <summary>A key carried by two rows: both are rejected.</summary>
    DuplicateKey,
    /// <summary>A customer_id absent from customers, or belonging to a rejected customer.</summary>
    UnknownCustomer,
    /// <summary>A negative value where the SPEC requires ≥ 0 (balance, units).</summary>
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

/// <summary>One row the generator made bad on purpose, where it landed and why it must be rejected.</summary>
/// <param name="Table">Table name.</param>
/// <param name="File">File relative to the output folder, '/' separators (as the engine's rejects name it).</param>
/// <param name="Row">1-based data row within <paramref name="File"/>.</param>
/// <param name="Column">The offending column (null for a whole-row defect).</param>
/// <param name="Kind">Why the row must be rejected.</param>
public sealed record PlantedDefect(string Table, string File, long Row, string? Column, PlantedDefectKind Kind);
