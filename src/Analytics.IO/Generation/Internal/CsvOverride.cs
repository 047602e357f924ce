namespace Analytics.IO.Generation.Internal;

/// <summary>Text written to a CSV cell instead of the buffered value (the Parquet file keeps the value).</summary>
internal readonly record struct CsvOverride(int ChunkRow, int Column, string Text);
