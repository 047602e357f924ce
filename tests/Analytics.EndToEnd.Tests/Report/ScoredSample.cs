using Analytics.Cli;

namespace Analytics.Tests.Report;

/// <summary>
/// <see cref="ReportSample"/> scored once to CSV through the real command line, shared by the Report tests so the
/// portfolio is scored once per test run.
/// </summary>
public sealed class ScoredSample : IDisposable
{
    public ScoredSample()
    {
        Root = Path.Combine(Path.GetTempPath(), "analytics-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        InputDirectory = Path.Combine(Root, "input");
        ConfigPath = ReportSample.Write(InputDirectory);
        OutputDirectory = Path.Combine(Root, "out");
        (ExitCode, Stdout, Stderr) = Run("score", "--input", InputDirectory, "--config", ConfigPath, "--output", OutputDirectory,
            "--format", "csv");
    }

    public string Root { get; }

    public string InputDirectory { get; }

    public string ConfigPath { get; }

    public string OutputDirectory { get; }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    public string ReportPath => Path.Combine(OutputDirectory, "report.html");

    /// <summary>Runs the CLI in-process, returning exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.RunAsync(args, output, error).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        // ANALYTICS_KEEP_TEST_OUTPUT=1 keeps the folder for a look at the report by hand.
        if (Environment.GetEnvironmentVariable("ANALYTICS_KEEP_TEST_OUTPUT") == "1")
        {
            Console.Error.WriteLine($"Report sample kept at {Root}");
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScoredSampleCollection : ICollectionFixture<ScoredSample>
{
    public const string Name = "Report scored sample";
}
