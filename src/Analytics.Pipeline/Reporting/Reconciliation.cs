using System.Globalization;
using System.Text.Json;
using Analytics.Core.Numerics;
using Analytics.IO.Validation;

namespace Analytics.Pipeline.Reporting;

/// <summary>One money check: the accepted input total against the sum of what the outputs carry.</summary>
/// <param name="Name">What is compared.</param>
/// <param name="Input">Exact total of the accepted input rows.</param>
/// <param name="Output">Sum over the output rows.</param>
/// <param name="Balanced">True when the two agree within the tolerance.</param>
public sealed record MoneyCheck(string Name, double Input, double Output, bool Balanced);

/// <summary>One row-count check: rows read = accepted + rejected + out of period.</summary>
public sealed record RowCheck(string Table, bool Present, long RowsRead, long Accepted, long Rejected, long OutOfPeriod, bool Balanced);

/// <summary>
/// BCBS 239-style reconciliation (docs/METHODOLOGY.md §6): every input row is accounted for exactly once, and every accepted
/// money total reappears in the outputs. A run that does not balance fails and publishes nothing.
/// </summary>
public sealed record ReconciliationReport(IReadOnlyList<RowCheck> Rows, IReadOnlyList<MoneyCheck> Money, long RejectRows,
    long RejectsWritten)
{
    /// <summary>
    /// Relative tolerance for money checks. Output figures are per-customer doubles, each rounded once from an
    /// exact sum, so their total can differ from the exact input total by a few ulps per customer; 1e-9 of the
    /// magnitude (plus a millionth of a unit) is far below a cent and far above that rounding.
    /// </summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>True when every check balances.</summary>
    public bool Balanced
    {
        get
        {
            foreach (var r in Rows) if (!r.Balanced) return false;
            foreach (var m in Money) if (!m.Balanced) return false;
            return RejectRows == RejectsWritten;
        }
    }

    /// <summary>Builds the report from the loader's counts and totals and the output sums.</summary>
    internal static ReconciliationReport Build(
        IReadOnlyList<TableStats> stats,
        InputTotals totals,
        long rejectsWritten,
        (double Deposits, double Lending, double Fees, double CrossSell) outputSums)
    {
        var rows = new List<RowCheck>();
        long rejected = 0;
        foreach (var s in stats)
        {
            rows.Add(new RowCheck(s.Table, s.Present, s.RowsRead, s.Accepted, s.Rejected, s.OutOfPeriod, s.RowsRead == s.Accepted
                + s.Rejected + s.OutOfPeriod));
            rejected += s.Rejected;
        }

        var money = new List<MoneyCheck>
        {
            Check("deposit_average_balance", totals.DepositAverageBalance, outputSums.Deposits),
            Check("lending_average_balance", totals.LendingAverageBalance, outputSums.Lending),
            Check("fee_amount", totals.FeeAmount, outputSums.Fees),
            Check("cross_sell_revenue", totals.CrossSellRevenue, outputSums.CrossSell),
        };
        return new ReconciliationReport(rows, money, rejected, rejectsWritten);
    }

    private static MoneyCheck Check(string name, Fixed128 input, double output)
    {
        double expected = ExactSum.ToDouble(input);
        bool ok = Math.Abs(expected - output) <= RelativeTolerance * Math.Max(1.0, Math.Abs(expected)) + 1e-6;
        return new MoneyCheck(name, expected, output, ok);
    }

    /// <summary>The first failing check as one sentence, or null when balanced.</summary>
    public string? Failure()
    {
        foreach (var r in Rows)
        {
            if (!r.Balanced)
                return string.Create(CultureInfo.InvariantCulture,
                    $"Reconciliation failed for table '{r.Table}': {r.RowsRead} rows read but {r.Accepted} accepted + {r.Rejected} "
                    + $"rejected + {r.OutOfPeriod} out of period; this is an engine defect, please report it with the manifest.");
        }

        foreach (var m in Money)
        {
            if (!m.Balanced)
                return string.Create(CultureInfo.InvariantCulture,
                    $"Reconciliation failed for {m.Name}: input total {m.Input:R} but outputs carry {m.Output:R}; check the inputs for "
                    + $"extreme magnitudes and rerun.");
        }

        return RejectRows != RejectsWritten
            ? string.Create(CultureInfo.InvariantCulture,
                $"Reconciliation failed: {RejectRows} rows rejected but {RejectsWritten} rows written to rejects; this is an engine "
                + $"defect, please report it.")
            : null;
    }

    /// <summary>Writes <c>reconciliation.json</c> (stable key order, invariant number format).</summary>
    public void WriteJson(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", Balanced ? "balanced" : "unbalanced");
        json.WriteNumber("relative_tolerance", RelativeTolerance);
        json.WriteStartArray("tables");
        foreach (var r in Rows)
        {
            json.WriteStartObject();
            json.WriteString("table", r.Table);
            json.WriteBoolean("present", r.Present);
            json.WriteNumber("rows_read", r.RowsRead);
            json.WriteNumber("accepted", r.Accepted);
            json.WriteNumber("rejected", r.Rejected);
            json.WriteNumber("out_of_period", r.OutOfPeriod);
            json.WriteBoolean("balanced", r.Balanced);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("money");
        foreach (var m in Money)
        {
            json.WriteStartObject();
            json.WriteString("check", m.Name);
            json.WriteNumber("input_total", m.Input);
            json.WriteNumber("output_total", m.Output);
            json.WriteNumber("difference", m.Output - m.Input);
            json.WriteBoolean("balanced", m.Balanced);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("rejects");
        json.WriteNumber("rows_rejected", RejectRows);
        json.WriteNumber("rows_written", RejectsWritten);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
