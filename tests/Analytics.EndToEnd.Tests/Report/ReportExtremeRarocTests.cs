using System.Globalization;

namespace Analytics.Tests.Report;

/// <summary>The note beside the RAROC chart that explains extreme RAROCs (docs/METHODOLOGY.md §3.9).</summary>
public sealed partial class ReportEndToEndTests
{
    [Fact]
    public void Report_explains_extreme_rarocs_with_the_counts_of_the_run()
    {
        // Recount from customer_profitability by the note's definition: RAROC above +100 % or below −50 %, and among
        // those, credit capital at most a tenth of capital.
        string[] lines = File.ReadAllLines(Path.Combine(sample.OutputDirectory, "customer_profitability.csv"));
        string[] header = lines[0].Split(',');
        int rarocAt = Array.IndexOf(header, "raroc"), creditAt = Array.IndexOf(header, "credit_capital");
        int capitalAt = Array.IndexOf(header, "capital");
        int extreme = 0, withoutCredit = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            if (cells[rarocAt].Length == 0)
            {
                continue;
            }

            double raroc = double.Parse(cells[rarocAt], CultureInfo.InvariantCulture);
            if (raroc > 1.0 || raroc < -0.5)
            {
                extreme++;
                double credit = double.Parse(cells[creditAt], CultureInfo.InvariantCulture);
                double capital = double.Parse(cells[capitalAt], CultureInfo.InvariantCulture);
                if (credit <= 0.1 * capital) withoutCredit++;
            }
        }

        Assert.True(extreme > 0, "the sample has extreme RAROCs");
        string html = File.ReadAllText(sample.ReportPath);
        Assert.Contains(FormattableString.Invariant($"Extreme RAROCs: {extreme:N0} customers have a RAROC above +100 % or below ")
            + FormattableString.Invariant($"−50 %, {withoutCredit:N0} of them with little or no credit capital"), html);
        Assert.Contains("read EVA, which does not divide by capital", html);
    }
}
