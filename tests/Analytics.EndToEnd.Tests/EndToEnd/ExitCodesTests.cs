using Analytics.Cli;
using Analytics.Core.Errors;

namespace Analytics.Tests.EndToEnd;

/// <summary>
/// The command line owns exit codes (docs/GUARANTEES.md): usage and configuration errors are 2, every other failure
/// the engine reports (input, data quality, environment) is 1.
/// </summary>
public sealed class ExitCodesTests
{
    [Theory]
    [InlineData(ErrorKind.Usage, 2)]
    [InlineData(ErrorKind.Configuration, 2)]
    [InlineData(ErrorKind.Input, 1)]
    [InlineData(ErrorKind.DataQuality, 1)]
    [InlineData(ErrorKind.Environment, 1)]
    public void Each_kind_maps_to_its_exit_code(ErrorKind kind, int exitCode) => Assert.Equal(exitCode, ExitCodes.For(kind));

    [Fact]
    public void Every_kind_has_an_exit_code_of_1_or_2()
    {
        foreach (ErrorKind kind in Enum.GetValues<ErrorKind>())
        {
            Assert.InRange(ExitCodes.For(kind), 1, 2);
        }
    }

    [Fact]
    public void Each_engine_exception_maps_through_its_kind()
    {
        Assert.Equal(2, ExitCodes.For(new ConfigurationException("ftp.curve", "bad")));
        Assert.Equal(2, ExitCodes.For(new UsageException("bad")));
        Assert.Equal(1, ExitCodes.For(new InputException("fees.csv", "bad")));
        Assert.Equal(1, ExitCodes.For(new DataQualityException("bad")));
    }
}
