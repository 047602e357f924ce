namespace Analytics.Pipeline;

/// <summary>What a successful score run did.</summary>
/// <param name="Customers">Customers scored.</param>
/// <param name="RejectedRows">Input rows rejected, all tables.</param>
/// <param name="OutputPath">The --output path (a symbolic link).</param>
/// <param name="RunDirectory">The run folder it now points to.</param>
public sealed record ScoreSummary(int Customers, long RejectedRows, string OutputPath, string RunDirectory);
