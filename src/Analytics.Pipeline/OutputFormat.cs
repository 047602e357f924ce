namespace Analytics.Pipeline;

/// <summary>File format of output tables.</summary>
public enum OutputFormat
{
    /// <summary>Apache Parquet (default).</summary>
    Parquet,
    /// <summary>RFC 4180 CSV, UTF-8 without BOM, LF line ends.</summary>
    Csv,
}
