using System.Diagnostics;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// The README's "Install" steps, run for real: pack the CLI as a .NET tool and install it, then use the
/// installed <c>analytics</c> command without <c>dotnet run</c>. Installs into a temporary --tool-path rather
/// than --global so the test leaves the machine as it was; the package is the same.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("analytics-install-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_packed_tool_installs_and_runs_as_analytics()
    {
        string repo = RunHarness.RepoRoot();
        string packages = Path.Combine(_root, "nupkg");
        string tools = Path.Combine(_root, "tools");

        // --no-build: the test run has just built src/Analytics.Cli in Release; the README's command builds first.
        var pack = await Run("dotnet", repo, "pack", "src/Analytics.Cli", "-c", "Release", "--no-build", "-o", packages, "--nologo");
        Assert.True(pack.Exit == 0, pack.Output);
        Assert.Single(Directory.GetFiles(packages, "Analytics.Cli.*.nupkg"));

        var install = await Run("dotnet", repo, "tool", "install", "Analytics.Cli", "--tool-path", tools, "--add-source", packages,
            "--ignore-failed-sources");
        Assert.True(install.Exit == 0, install.Output);

        string analytics = Path.Combine(tools, OperatingSystem.IsWindows() ? "analytics.exe" : "analytics");
        var version = await Run(analytics, repo, "--version");
        Assert.Equal(0, version.Exit);
        Assert.StartsWith("analytics ", version.Output.Trim());

        var validate = await Run(analytics, repo, "validate", "--input", "data-samples", "--config", "data-samples/config.yaml");
        Assert.True(validate.Exit == 0, validate.Output);
        Assert.Contains("OK: a score run would accept", validate.Output);
    }

    private static async Task<(int Exit, string Output)> Run(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
