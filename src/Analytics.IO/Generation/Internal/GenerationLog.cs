namespace Analytics.IO.Generation.Internal;

/// <summary>Files and planted defects collected while writing, in write order.</summary>
internal sealed class GenerationLog
{
    public List<string> Files { get; } = [];

    public List<PlantedDefect> Defects { get; } = [];
}
