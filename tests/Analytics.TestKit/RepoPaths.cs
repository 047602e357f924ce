namespace Analytics.Tests;

/// <summary>Where the repository is, seen from a test assembly's output folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Analytics.sln above the running test assembly.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Analytics.sln not found above the test folder.");
    }
}
