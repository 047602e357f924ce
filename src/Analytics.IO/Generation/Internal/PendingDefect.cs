using Analytics.IO.Reading;

namespace Analytics.IO.Generation.Internal;

/// <summary>A defect planted in a chunk, before the chunk knows which file and row it lands in.</summary>
/// <param name="ChunkRow">0-based row within the chunk.</param>
/// <param name="Column">Offending column, or null for a whole-row defect.</param>
/// <param name="Kind">Defect kind.</param>
/// <param name="Format">The format the defect exists in, or null for both.</param>
internal readonly record struct PendingDefect(int ChunkRow, string? Column, PlantedDefectKind Kind, TableFileFormat? Format);
