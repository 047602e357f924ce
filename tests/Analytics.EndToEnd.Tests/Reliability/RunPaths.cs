namespace Analytics.Tests.Reliability;

/// <summary>The folders of one test run: data, config file, output path (and its NAME.runs sibling).</summary>
internal sealed record RunPaths(string Root)
{
    public string Data => Path.Combine(Root, "data");

    public string Config => Path.Combine(Root, "config.yaml");

    public string Output => Path.Combine(Root, "out");

    public string Runs => Output + ".runs";

    public string[] ScoreArgs(params string[] extra) =>
        ["score", "--input", Data, "--config", Config, "--output", Output, .. extra];

    /// <summary>Asserts that nothing was published: no output entry (file, folder or link) and no run folder or leftover staging
    /// folder.</summary>
    public void AssertNothingPublished()
    {
        Assert.False(Path.Exists(Output), $"'{Output}' exists after a failed run.");
        Assert.Null(new FileInfo(Output).LinkTarget);
        if (Directory.Exists(Runs))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(Runs));
        }
    }
}
