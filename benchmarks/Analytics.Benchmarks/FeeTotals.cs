using Analytics.Core.Data;
using Analytics.Core.Numerics;

namespace Analytics.Benchmarks;

/// <summary>
/// What a fee aggregation produced, folded to a few numbers every implementation can be compared on: customers with
/// in-period fees, Σ fee income (reporting currency), Σ in-period fee rows and Σ distinct fee types per customer.
/// </summary>
public readonly record struct FeeTotals(long Customers, double FeeIncome, long FeeRows, long FeeTypes)
{
    /// <summary>The totals of the engine's per-customer aggregates.</summary>
    public static FeeTotals Of(ActivityAggregates aggregates)
    {
        long customers = 0, rows = 0, types = 0;
        double income = 0;
        for (int c = 0; c < aggregates.Count; c++)
        {
            if (aggregates.FeeRows[c] == 0)
            {
                continue;
            }

            customers++;
            rows += aggregates.FeeRows[c];
            types += aggregates.FeeTypesHeld[c];
            income += ExactSum.ToDouble(aggregates.FeeIncome[c]);
        }

        return new FeeTotals(customers, income, rows, types);
    }

    /// <summary>Equal counts and income within a relative 1e-9 (other implementations sum doubles in their own order).</summary>
    public bool Matches(FeeTotals other) =>
        Customers == other.Customers && FeeRows == other.FeeRows && FeeTypes == other.FeeTypes &&
        Math.Abs(FeeIncome - other.FeeIncome) <= 1e-9 * Math.Max(1, Math.Abs(FeeIncome));
}
