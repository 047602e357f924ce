using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Tests.Report;

/// <summary><c>analytics explain</c> against the scoring run's own customer_profitability figures.</summary>
[Collection(ScoredSampleCollection.Name)]
public sealed partial class ExplainTests(ScoredSample sample)
{
    /// <summary>Explain prints money with 2 decimals: equal to the run's figure within half a cent (plus rounding noise).</summary>
    private const double Cent = 0.0051;

    public static TheoryData<string> Customers => ["C0001", "C0002", "C0009", "C0100", "C0239"];

    [Theory]
    [MemberData(nameof(Customers))]
    public void Explain_prints_the_score_runs_figures(string customerId)
    {
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        var row = ProfitabilityRow(customerId);
        var (code, output, error) = ScoredSample.Run("explain", customerId, "--input", sample.InputDirectory, "--config",
            sample.ConfigPath);
        Assert.True(code == 0, error);

        Assert.Equal(row["nii"], Step(output, "net interest income"), Cent);
        Assert.Equal(row["fee_income"], Step(output, "+ fee income"), Cent);
        Assert.Equal(row["cross_sell_revenue"], Step(output, "+ cross-sell revenue"), Cent);
        Assert.Equal(row["revenue"], Step(output, "= revenue"), Cent);
        Assert.Equal(-row["operating_cost"], Step(output, "- operating cost"), Cent);
        Assert.Equal(-row["expected_loss"], Step(output, "- expected loss"), Cent);
        Assert.Equal(row["pre_tax_profit"], Step(output, "= pre-tax profit"), Cent);
        Assert.Equal(row["nopat"], Step(output, "= NOPAT"), Cent);
        Assert.Equal(-row["capital_charge"], Step(output, "- capital charge"), Cent);
        Assert.Equal(row["eva"], Step(output, "= EVA"), Cent);

        var capital = CapitalLine().Match(output);
        Assert.True(capital.Success, output);
        Assert.Equal(row["capital"], Money(capital.Groups["capital"].Value), Cent);
        Assert.Equal(row["credit_capital"], Money(capital.Groups["credit"].Value), Cent);
        Assert.Equal(row["op_capital"], Money(capital.Groups["op"].Value), Cent);

        var raroc = RarocLine().Match(output);
        Assert.True(raroc.Success, output);
        if (double.IsNaN(row["raroc"]))
        {
            Assert.Equal("n/a (no capital)", raroc.Groups["value"].Value);
        }
        else
        {
            // Printed as a percentage with 2 decimals.
            double printed = double.Parse(raroc.Groups["value"].Value.Split(" = ")[^1].TrimEnd('%'), CultureInfo.InvariantCulture) / 100;
            Assert.Equal(row["raroc"], printed, 0.0000501);
        }

        // The account table's totals and the fee breakdown add up to the customer figures.
        var total = TotalLine().Match(output);
        Assert.True(total.Success || output.Contains("Accounts (0)", StringComparison.Ordinal), output);
        if (total.Success)
        {
            Assert.Equal(row["nii"], Money(total.Groups["nii"].Value), Cent);
            Assert.Equal(row["ead"], Money(total.Groups["ead"].Value), Cent);
            Assert.Equal(row["expected_loss"], Money(total.Groups["el"].Value), Cent);
        }

        double fees = 0;
        foreach (Match m in FeeTypeLine().Matches(output))
        {
            fees += Money(m.Groups["amount"].Value);
        }

        Assert.Equal(row["fee_income"], fees, 0.01 * Math.Max(1, FeeTypeLine().Count(output)));
        Assert.True(row["fee_income"] == 0 || FeeTypeLine().Count(output) > 0, "fee income without a by-type breakdown");
        Assert.Contains("= operating cost", output);
        Assert.Contains("Early warning: severity ", output);
        Assert.Contains("IFRS 9 stage ", output);
        Assert.Contains("Floors: loan rate floor ", output);
        Assert.DoesNotContain("Name of", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_lines_add_up_to_the_operating_cost()
    {
        var row = ProfitabilityRow("C0001");
        var (_, output, _) = ScoredSample.Run("explain", "C0001", "--input", sample.InputDirectory, "--config", sample.ConfigPath);
        double sum = 0;
        foreach (Match m in CostLine().Matches(output))
        {
            double units = Money(m.Groups["units"].Value), rate = Money(m.Groups["rate"].Value), amount = Money(m.Groups["amount"].Value);
            Assert.Equal(units * rate, amount, Cent);
            sum += amount;
        }

        Assert.Equal(row["operating_cost"], sum, Cent);
    }

    [Fact]
    public void Explaining_a_rejected_customer_says_where_without_its_values()
    {
        var (code, output, error) = ScoredSample.Run("explain", ReportSample.RejectedCustomer, "--input", sample.InputDirectory, "--config",
            sample.ConfigPath);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            $"Customer '{ReportSample.RejectedCustomer}' was rejected at customers.csv:{ReportSample.RejectedRow} column pd "
                + $"(out_of_range) and takes no part in the run; fix the row (see 'analytics validate') and rerun.",
            error.TrimEnd());
        Assert.DoesNotContain("1.5", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Name of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explaining_an_unknown_customer_is_a_usage_error()
    {
        var (code, _, error) = ScoredSample.Run("explain", "NOPE", "--input", sample.InputDirectory, "--config", sample.ConfigPath);
        Assert.Equal(2, code);
        Assert.Equal("Customer 'NOPE' is not in the customers table; check the id.", error.TrimEnd());
    }

    private Dictionary<string, double> ProfitabilityRow(string customerId)
    {
        var lines = File.ReadAllLines(Path.Combine(sample.OutputDirectory, "customer_profitability.csv"));
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells[0] == customerId)
            {
                var row = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int i = 1; i < header.Length; i++)
                {
                    row[header[i]] = cells[i].Length == 0 ? double.NaN
                        : double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
                }

                return row;
            }
        }

        throw new InvalidOperationException($"{customerId} is not in customer_profitability.csv");
    }

    private static double Step(string output, string label)
    {
        var m = Regex.Match(output, "^  " + Regex.Escape(label) + @"\s+(?<v>-?[\d,]+\.\d\d)\b", RegexOptions.Multiline);
        Assert.True(m.Success, $"no '{label}' line in:\n{output}");
        return Money(m.Groups["v"].Value);
    }

    private static double Money(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^  capital (?<capital>-?[\d,]+\.\d\d) = credit (?<credit>-?[\d,]+\.\d\d) \+ operational (?<op>-?[\d,]+\.\d\d)",
        RegexOptions.Multiline)]
    private static partial Regex CapitalLine();

    [GeneratedRegex(@"^  RAROC = \(NOPAT / Y\) / capital = (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex RarocLine();

    [GeneratedRegex(@"^  total\s+(?<nii>-?[\d,]+\.\d\d)\s+(?<ead>-?[\d,]+\.\d\d)\s+(?<el>-?[\d,]+\.\d\d)\s+(?<cap>-?[\d,]+\.\d\d)\s*$",
        RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^  \S+\s+[\d,]+ rows\s+(?<amount>-?[\d,]+\.\d\d)\s*$", RegexOptions.Multiline)]
    private static partial Regex FeeTypeLine();

    [GeneratedRegex(@"^  (?!=)[a-z -]+?\s+(?<units>[\d,]+) × \s*(?<rate>[\d,]+\.\d\d)\s+(?<amount>[\d,]+\.\d\d)\s*$",
        RegexOptions.Multiline)]
    private static partial Regex CostLine();
}
