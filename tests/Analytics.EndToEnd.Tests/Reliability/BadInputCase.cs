namespace Analytics.Tests.Reliability;

/// <summary>
/// One entry of the bad-input corpus: how to spoil a valid run, and what must come of it. A failing case asserts
/// the exit code, fragments of its one stderr sentence and that nothing was published; an accepted case asserts
/// exit 0 and, usually, the exact rejects.
/// </summary>
internal sealed class BadInputCase
{
    public required string Name { get; init; }

    public TestInputs Inputs { get; } = TestInputs.Valid();

    public InputFormat Format { get; set; } = InputFormat.Csv;

    public string Config { get; set; } = TestInputs.ExampleConfig;

    /// <summary>Runs after the inputs and config are written, to spoil files in ways text cannot (bytes, folders).</summary>
    public Func<RunPaths, Task>? AfterWrite { get; set; }

    /// <summary>The command line; by default a quiet CSV score run so stderr holds errors only.</summary>
    public Func<RunPaths, string[]> Args { get; set; } = p => p.ScoreArgs("--format", "csv", "--quiet");

    public int ExitCode { get; set; }

    /// <summary>Parts the single stderr line must contain (for failures), in order.</summary>
    public string[] Stderr { get; set; } = [];

    /// <summary>Extra checks after the run (accepted cases: the published outputs; failures: replaces the default "nothing published"
    /// check).</summary>
    public Action<RunPaths, CliResult>? Verify { get; set; }

    public override string ToString() => Name;
}
