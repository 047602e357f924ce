using Analytics.Cli;

namespace Analytics.Tests.EndToEnd;

/// <summary>What a newcomer meets first: no arguments, a typo, a value of the wrong kind.</summary>
public sealed class CommandLineMannersTests
{
    [Fact]
    public async Task No_arguments_show_the_help()
    {
        var (exit, stdout, stderr) = await RunHarness.Run();

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Usage:", stdout);
        foreach (string command in new[] { "score", "validate", "generate", "explain" })
        {
            Assert.Contains("  " + command + " ", stdout);
        }
    }

    [Fact]
    public async Task A_mistyped_option_is_one_error_with_did_you_mean()
    {
        var (exit, stdout, stderr) = await RunHarness.Run("score", "--inptu", "data-samples", "--config", "c.yaml", "--output", "out");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("Unknown option '--inptu' for 'analytics score'; did you mean --input? Run 'analytics score --help' for usage.",
            stderr.Trim());
    }

    [Fact]
    public async Task A_mistyped_generate_option_suggests_the_right_one()
    {
        var (exit, _, stderr) = await RunHarness.Run("generate", "--customer", "10", "--output", "x");

        Assert.Equal(2, exit);
        Assert.Equal("Unknown option '--customer' for 'analytics generate'; did you mean --customers? Run 'analytics generate "
            + "--help' for usage.", stderr.Trim());
    }

    [Fact]
    public async Task A_mistyped_command_suggests_the_command()
    {
        var (exit, _, stderr) = await RunHarness.Run("scroe", "--input", "x");

        Assert.Equal(2, exit);
        Assert.Equal("Unknown command 'scroe'; did you mean score? Run 'analytics --help' for usage.", stderr.Trim());
    }

    [Fact]
    public async Task A_name_far_from_every_option_gets_no_guess()
    {
        var (exit, _, stderr) = await RunHarness.Run("validate", "--frobnicate", "--input", "x", "--config", "y");

        Assert.Equal(2, exit);
        Assert.Equal("Unknown option '--frobnicate' for 'analytics validate'; run 'analytics validate --help' for usage.", stderr.Trim());
    }

    [Theory]
    [InlineData("abc", "--customers must be a whole number such as 500, not 'abc'")]
    [InlineData("1.5", "--customers must be a whole number such as 500, not '1.5'")]
    [InlineData("99999999999", "--customers must be a whole number no larger than 2147483647, not '99999999999'")]
    public async Task A_value_of_the_wrong_kind_is_a_plain_sentence(string value, string sentence)
    {
        var (exit, _, stderr) = await RunHarness.Run("generate", "--customers", value, "--output", Path.Combine(Path.GetTempPath(), "never-"
            + Guid.NewGuid().ToString("N")));

        Assert.Equal(2, exit);
        Assert.Equal(sentence + "; run 'analytics generate --help' for usage.", stderr.Trim());
        Assert.DoesNotContain("System.", stderr);
    }

    [Fact]
    public async Task Threads_of_the_wrong_kind_is_a_plain_sentence_too()
    {
        var (exit, _, stderr) = await RunHarness.Run("score", "--input", "x", "--config", "y", "--output", "z", "--threads", "many");

        Assert.Equal(2, exit);
        Assert.Equal("--threads must be a whole number such as 4, not 'many'; run 'analytics score --help' for usage.", stderr.Trim());
    }

    [Theory]
    [InlineData("--amount", "abc", "--amount must be a number such as 5000000 (with '.' as the decimal point), not 'abc'; "
        + "run 'analytics quote --help' for usage.")]
    [InlineData("--term-years", "two", "--term-years must be a number such as 2 (with '.' as the decimal point), not 'two'; "
        + "run 'analytics quote --help' for usage.")]
    [InlineData("--rate", "abc", "--rate must be a number such as 0.045 (with '.' as the decimal point), not 'abc'; "
        + "run 'analytics quote --help' for usage.")]
    [InlineData("--rate", "4.5%", "--rate must be a number such as 0.045 (with '.' as the decimal point), not '4.5%'; "
        + "did you mean 0.045? Run 'analytics quote --help' for usage.")]
    public async Task A_quote_number_of_the_wrong_kind_is_a_plain_sentence(string option, string value, string expected)
    {
        var args = new List<string> { "quote", "C0000001", "--input", "data-samples", "--config", "c.yaml", "--amount", "1000000",
            "--term-years", "1" };
        int at = args.IndexOf(option);
        if (at < 0)
        {
            args.AddRange([option, value]);
        }
        else
        {
            args[at + 1] = value;
        }

        var (exit, stdout, stderr) = await RunHarness.Run([.. args]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.Trim());
        Assert.DoesNotContain("System.", stderr);
    }

    [Theory]
    [InlineData("input", "input", 0)]
    [InlineData("inptu", "input", 1)]
    [InlineData("ouptut", "output", 1)]
    [InlineData("customer", "customers", 1)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_edits_and_neighbour_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, UsageErrors.Distance(a, b));
}
