namespace Analytics.Tests.Report;

/// <summary>report.html as written by a real score run.</summary>
[Collection(ScoredSampleCollection.Name)]
public sealed class ReportEndToEndTests(ScoredSample sample)
{
    [Fact]
    public void Score_run_succeeds_and_writes_the_report()
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        Assert.True(File.Exists(sample.ReportPath));
    }
}
