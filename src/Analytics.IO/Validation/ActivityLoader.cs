using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// Streams the high-volume fees and cross_sales tables straight into per-customer accumulators: a row is
/// checked, converted and added, then forgotten, so memory does not grow with fee rows. Sums are exact
/// (<see cref="ExactSum"/>) so row order and part split change nothing.
/// </summary>
internal static class ActivityLoader
{
    /// <summary>Exact totals of what was accepted, for reconciliation.</summary>
    internal sealed class Totals
    {
        public Int128 FeeAmount;
        public Int128 CrossSellRevenue;
        public long CrossSellUnits;
    }

    public static async Task LoadFeesAsync(
        TableLocation? location,
        EngineConfig config,
        Dictionary<string, int> customerIndex,
        ActivityAggregates aggregates,
        Totals totals,
        TableStats stats,
        RejectLog rejects,
        CustomerTrace? trace,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.FeeSchema;
        var currencies = new CurrencyTable(config);
        var feeTypes = new DistinctPerCustomer(aggregates.Count);
        int start = config.Period.Start.DayNumber, end = config.Period.End.DayNumber;
        long accepted = 0, rejected = 0, outOfPeriod = 0;
        // -1 matches no customer, so without a trace the hot loop pays one integer compare per row.
        int traced = trace?.Index ?? -1;

        await TableScanner.ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            for (int i = 0; i < batch.RowCount; i++)
            {
                var f = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    f.Check(RejectReason.WrongFieldCount, -1);
                }

                var customerReason = CellRules.String(c[0], i, true, out var customerId);
                int customer = -1;
                if (customerReason is null && !customerIndex.TryGetValue(customerId!, out customer))
                {
                    customerReason = RejectReason.UnknownCustomer;
                }

                f.Check(customerReason, 0);
                f.Check(CellRules.String(c[1], i, true, out var feeType), 1);
                f.Check(CellRules.Number(c[2], i, true, NumberRule.Any, out double amount), 2);
                CellRules.String(c[3], i, false, out var currency);
                f.Check(currencies.TryGetRate(currency, out double rate) ? null : RejectReason.UnknownCurrency, 3);
                f.Check(CellRules.Date(c[4], i, true, out int booked), 4);

                if (f.Failed)
                {
                    rejected++;
                    rejects.Add(new Reject(InputTables.Fees, batch.File, batch.FirstRowNumber + i, f.Column < 0 ? "" : schema.Columns[f.Column].Name, f.Reason));
                    continue;
                }

                accepted++;
                if (booked < start || booked > end)
                {
                    outOfPeriod++;
                    continue;
                }

                var converted = ExactSum.ToFixed(amount * rate);
                aggregates.FeeIncome[customer] = ExactSum.Add(aggregates.FeeIncome[customer], converted);
                aggregates.FeeRows[customer]++;
                totals.FeeAmount = ExactSum.Add(totals.FeeAmount, converted);
                feeTypes.Add(customer, feeType!);
                if (customer == traced)
                {
                    trace!.AddFee(feeType!, converted);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        feeTypes.CountInto(aggregates.FeeTypesHeld);
        stats.Accepted = accepted - outOfPeriod;
        stats.Rejected = rejected;
        stats.OutOfPeriod = outOfPeriod;
    }

    public static async Task LoadCrossSalesAsync(
        TableLocation? location,
        EngineConfig config,
        Dictionary<string, int> customerIndex,
        ActivityAggregates aggregates,
        Totals totals,
        TableStats stats,
        RejectLog rejects,
        CustomerTrace? trace,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.CrossSaleSchema;
        var currencies = new CurrencyTable(config);
        var lines = new DistinctPerCustomer(aggregates.Count);
        long accepted = 0, rejected = 0;
        int traced = trace?.Index ?? -1;

        await TableScanner.ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            for (int i = 0; i < batch.RowCount; i++)
            {
                var f = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    f.Check(RejectReason.WrongFieldCount, -1);
                }

                var customerReason = CellRules.String(c[0], i, true, out var customerId);
                int customer = -1;
                if (customerReason is null && !customerIndex.TryGetValue(customerId!, out customer))
                {
                    customerReason = RejectReason.UnknownCustomer;
                }

                f.Check(customerReason, 0);
                f.Check(CellRules.String(c[1], i, true, out var line), 1);
                f.Check(CellRules.NonNegativeInt(c[2], i, out int units), 2);
                f.Check(CellRules.Number(c[3], i, false, NumberRule.Any, out double revenue), 3);
                CellRules.String(c[4], i, false, out var currency);
                f.Check(currencies.TryGetRate(currency, out double rate) ? null : RejectReason.UnknownCurrency, 4);

                if (f.Failed)
                {
                    rejected++;
                    rejects.Add(new Reject(InputTables.CrossSales, batch.File, batch.FirstRowNumber + i, f.Column < 0 ? "" : schema.Columns[f.Column].Name, f.Reason));
                    continue;
                }

                accepted++;
                // A null revenue books nothing; null units sell nothing (documented in docs/DATA.md).
                var converted = double.IsNaN(revenue) ? 0 : ExactSum.ToFixed(revenue * rate);
                aggregates.CrossSellRevenue[customer] = ExactSum.Add(aggregates.CrossSellRevenue[customer], converted);
                aggregates.CrossSellUnits[customer] += units;
                totals.CrossSellRevenue = ExactSum.Add(totals.CrossSellRevenue, converted);
                totals.CrossSellUnits += units;
                if (units > 0)
                {
                    lines.Add(customer, line!);
                }

                if (customer == traced)
                {
                    trace!.AddCrossSale(line!, converted, units);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        lines.CountInto(aggregates.ProductLinesHeld);
        stats.Accepted = accepted;
        stats.Rejected = rejected;
    }
}
