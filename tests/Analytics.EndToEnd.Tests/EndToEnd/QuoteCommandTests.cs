using System.Text.Json;
using Analytics.Tests.Validation;

namespace Analytics.Tests.EndToEnd;

/// <summary>`analytics quote` through the CLI: the JSON keys, the human form, a customer in default, and the floors of
/// customer_segments.</summary>
public sealed class QuoteCommandTests : IDisposable
{
    private readonly CsvFolder _input = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "analytics-quote-" + Guid.NewGuid().ToString("N"));

    public QuoteCommandTests()
    {
        _input
            .Table("customers", CsvFolder.CustomersHeader,
                "C1,Alpha,manufacturing,north,RM1,BBB,0.01,",
                "C2,Beta,retail,south,RM2,BB,0.01,",
                "C3,Gamma,retail,south,RM1,D,1.0,")
            .Table("accounts", CsvFolder.AccountsHeader,
                "L1,C1,loan,,1000000,1000000,,0.05,,2025-01-01,,,0,,,",
                "D1,C1,deposit,,3000000,3000000,,0.005,,2020-01-01,,,,,,",
                "L2,C2,loan,,200000,200000,,0.04,,2025-01-01,,,341,,,",
                "L3,C3,loan,,300000,300000,,0.04,,2025-01-01,,,0,,,")
            .File_("config.yaml", File.ReadAllText(Path.Combine(RunHarness.RepoRoot(), "docs", "config.example.yaml")));
    }

    public void Dispose()
    {
        _input.Dispose();
        if (Directory.Exists(_out + ".runs")) Directory.Delete(_out + ".runs", true);
        if (Path.Exists(_out)) File.Delete(_out);
    }

    private Task<(int Exit, string Stdout, string Stderr)> Quote(string customer, params string[] extra) =>
        RunHarness.Run(["quote", customer, "--input", _input.Path, "--config", Path.Combine(_input.Path, "config.yaml"), .. extra]);

    [Fact]
    public async Task Json_has_the_documented_keys_and_the_floor_of_customer_segments()
    {
        var (exit, stdout, stderr) = await Quote("C1", "--amount", "1000000", "--term-years", "1", "--rate", "0.045", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(
            ["customer_id", "pricing_status", "amount", "term_years", "loan_rate_floor", "relationship_floor", "rate_for_target_raroc",
             "rate", "revenue", "operating_cost", "expected_loss", "capital", "nopat", "eva", "raroc"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("C1", root.GetProperty("customer_id").GetString());
        Assert.Equal("priced", root.GetProperty("pricing_status").GetString());
        Assert.Equal(0.045, root.GetProperty("rate").GetDouble());

        // At the standard amount (1,000,000) and term (1 y) the floors are those of the score run, to the bit.
        var (scoreExit, _, scoreErr) = await RunHarness.Run(
            ["score", "--input", _input.Path, "--config", Path.Combine(_input.Path, "config.yaml"), "--output", _out, "--format", "csv",
                "--quiet"]);
        Assert.True(scoreExit == 0, scoreErr);
        var c1 = RunHarness.ReadCsv(Path.Combine(_out, "customer_segments.csv")).Single(r => r["customer_id"] == "C1");
        Assert.Equal(c1.D("loan_rate_floor"), root.GetProperty("loan_rate_floor").GetDouble());
        Assert.Equal(c1.D("relationship_floor"), root.GetProperty("relationship_floor").GetDouble());
        Assert.Equal(c1.D("loan_rate_floor"), root.GetProperty("rate_for_target_raroc").GetDouble());
    }

    [Fact]
    public async Task Json_without_a_rate_stops_at_the_floors()
    {
        var (exit, stdout, stderr) = await Quote("C1", "--amount", "2500000", "--term-years", "3", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(
            ["customer_id", "pricing_status", "amount", "term_years", "loan_rate_floor", "relationship_floor", "rate_for_target_raroc"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2_500_000, doc.RootElement.GetProperty("amount").GetDouble());
        Assert.Equal(3, doc.RootElement.GetProperty("term_years").GetDouble());
    }

    [Fact]
    public async Task Human_form_reads_like_explain()
    {
        var (exit, stdout, stderr) = await Quote("C1", "--amount", "1000000", "--term-years", "1", "--rate", "0.045");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("Deal quote for customer C1: 1,000,000.00 CNY, term 1 years", stdout);
        Assert.Contains("loan rate floor", stdout);
        Assert.Contains("relationship floor", stdout);
        Assert.Contains("One year at 4.500%", stdout);
        Assert.Contains("= EVA", stdout);
        Assert.Contains("RAROC = NOPAT / capital", stdout);
    }

    [Theory]
    [InlineData("C2",
        "Customer 'C2' is in default (an account is 341 days past due (more than 90)), so it gets no quote: a new loan to a defaulted "
        + "borrower is a workout decision, not a pricing one.")]
    [InlineData("C3",
        "Customer 'C3' is in default (its PD is 1), so it gets no quote: a new loan to a defaulted borrower is a workout decision, not "
        + "a pricing one.")]
    public async Task A_customer_in_default_gets_exit_1_and_a_sentence_why(string customer, string sentence)
    {
        var (exit, stdout, stderr) = await Quote(customer, "--amount", "1000000", "--term-years", "1", "--json");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal(sentence, stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_customer_is_a_usage_error()
    {
        var (exit, _, stderr) = await Quote("C404", "--amount", "1000000", "--term-years", "1");
        Assert.Equal(2, exit);
        Assert.Equal("Customer 'C404' is not in the customers table; check the id.", stderr.Trim());
    }
}
