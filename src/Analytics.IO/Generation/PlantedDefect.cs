namespace Analytics.IO.Generation;

/// <summary>One row the generator made bad on purpose, where it landed and why it must be rejected.</summary>
/// <param name="Table">Table name.</param>
/// <param name="File">File relative to the output folder, '/' separators (as the engine's rejects name it).</param>
/// <param name="Row">1-based data row within <paramref name="File"/>.</param>
/// <param name="Column">The offending column (null for a whole-row defect).</param>
/// <param name="Kind">Why the row must be rejected.</param>
public sealed record PlantedDefect(string Table, string File, long Row, string? Column, PlantedDefectKind Kind);
