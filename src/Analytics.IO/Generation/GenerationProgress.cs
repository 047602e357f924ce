namespace Analytics.IO.Generation;

/// <summary>Progress of one table, reported after every written block.</summary>
/// <param name="Table">Table being written.</param>
/// <param name="RowsWritten">Rows of that table written so far.</param>
/// <param name="TotalRows">Rows the table will have, when known in advance.</param>
public readonly record struct GenerationProgress(string Table, long RowsWritten, long? TotalRows);
