namespace Analytics.IO.Generation.Internal;

/// <summary>Everything the table generators share during one generation.</summary>
internal sealed class GenerationContext(GeneratorOptions options, CustomerProfiles profiles, DefectPlan? plan,
    IProgress<GenerationProgress>? progress)
{
    public GeneratorOptions Options { get; } = options;

    public CustomerProfiles Profiles { get; } = profiles;

    public DefectPlan? Plan { get; } = plan;

    public IProgress<GenerationProgress>? Progress { get; } = progress;

    public GenerationLog Log { get; } = new();

    /// <summary>Rows per chunk: the row group size, but never more than the table needs.</summary>
    public int ChunkCapacity(long expectedRows) =>
        (int)Math.Max(GenerationLimits.MinRowGroupSize, Math.Min(Options.RowGroupSize, expectedRows));

    public static double Round2(double x) => Math.Round(x, 2, MidpointRounding.ToEven);

    public static double Round6(double x) => Math.Round(x, 6, MidpointRounding.ToEven);
}
