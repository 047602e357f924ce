using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>
/// Streams the high-volume fees and cross_sales tables straight into per-customer accumulators: a row is
/// checked, converted and added, then forgotten, so memory grows with customers (times workers), not with rows.
/// Blocks (Parquet row groups, files) are read by several workers at once, each with its own accumulators; they
/// are merged at the end by exact addition (<see cref="ExactSum"/>) and set union, which are associative and
/// commutative, so row order, part split and thread count change no bit of the result. Rejects are merged and
/// put in (file, row) order, as a sequential scan would record them.
/// </summary>
internal static class ActivityLoader
{
    /// <summary>Exact totals of what was accepted, for reconciliation.</summary>
    internal sealed class Totals
    {
        public Fixed128 FeeAmount;
        public Fixed128 CrossSellRevenue;
        public long CrossSellUnits;
    }

    /// <summary>State shared by the workers of both tables: counts, rejects, category numbering.</summary>
    private abstract class Worker(Dictionary<string, int> customerIndex, CurrencyTable currencies)
    {
        public readonly ActivityLookups Lookups = new(customerIndex, currencies);
        private readonly CustomerResolver _customers = new(customerIndex);
        public readonly CategoryNumbers Categories = new();
        public readonly HashSet<long> CategoryOverflow = [];
        public readonly List<(int File, Reject Reject)> Rejects = [];
        private readonly ReferenceCache<int> _categoryIds = new(16, 1 << 12);
        public long Accepted, Rejected, OutOfPeriod;

        /// <summary>Dense index of the customer <c>explain</c> traces, or -1: a normal run pays one integer compare per accepted
        /// row.</summary>
        public int Traced = -1;

        /// <summary>The traced customer's accepted (in-period) rows: category, converted amount, units.</summary>
        public readonly List<(string Name, Fixed128 Amount, long Units)> TracedRows = [];

        // Fee type and currency memoised per symbol, as customer ids are: an array read per row instead of a probe
        // by reference (NaN in _rateBySlot marks a currency found unknown).
        private readonly SymbolMap _categorySymbols = new();
        private readonly SymbolMap _currencySymbols = new();
        private readonly List<double> _rateBySlot = [];

        /// <summary>Prepares for a batch whose customer_id column is <paramref name="customerIds"/>.</summary>
        public void StartBatch(ColumnData customerIds) => _customers.StartBatch(customerIds);

        /// <summary>Prepares for a batch with these customer_id, category and currency columns.</summary>
        public void StartBatch(ColumnData customerIds, ColumnData categories, ColumnData currencies)
        {
            _customers.StartBatch(customerIds);
            _categorySymbols.Use(categories);
            _currencySymbols.Use(currencies);
        }

        /// <summary><see cref="CategoryOf"/> of the value in row <paramref name="row"/>, which must hold one.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int CategoryAt(ColumnData categories, int row)
        {
            int symbol = categories.Symbols![row];
            if (!_categorySymbols.TryGet(symbol, out int id))
            {
                id = CategoryOf(categories.TextAt(row)!);
                _categorySymbols.Set(symbol, id);
            }

            return id;
        }

        /// <summary><see cref="ActivityLookups.TryGetRate"/> of the value in row <paramref name="row"/>, which must hold one.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool TryGetRateAt(ColumnData currencies, int row, out double rate)
        {
            int symbol = currencies.Symbols![row];
            if (_currencySymbols.TryGet(symbol, out int slot))
            {
                rate = _rateBySlot[slot];
                return !double.IsNaN(rate);
            }

            return ResolveRate(currencies, row, symbol, out rate);
        }

        private bool ResolveRate(ColumnData currencies, int row, int symbol, out double rate)
        {
            bool known = Lookups.TryGetRate(currencies.TextAt(row)!, out rate);
            _currencySymbols.Set(symbol, _rateBySlot.Count);
            _rateBySlot.Add(known ? rate : double.NaN);
            return known;
        }

        /// <summary>See <see cref="CustomerResolver.At"/>.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int CustomerAt(ColumnData customerIds, int row) => _customers.At(customerIds, row);

        /// <summary>See <see cref="CustomerResolver.Check"/>.</summary>
        public RejectReason? CheckCustomer(ColumnData customerIds, int row, out int customer) =>
            _customers.Check(customerIds, row, out customer);

        /// <summary>This worker's number for <paramref name="category"/>, or <see cref="EmptyValue"/> for an empty string; cached by
        /// reference.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int CategoryOf(string category)
        {
            if (!_categoryIds.TryGetValue(category, out int id))
            {
                id = category.Length == 0 ? EmptyValue : Categories.IdOf(category);
                _categoryIds.Add(category, id);
            }

            return id;
        }

        /// <summary>Marks category <paramref name="id"/> (≥ 0) in <paramref name="mask"/>, or in the overflow set from bit 64 on.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void MarkCategory(ref ulong mask, int customer, int id)
        {
            if (id < 64)
            {
                mask |= 1UL << id;
            }
            else
            {
                CategoryOverflow.Add(DistinctPerCustomer.OverflowKey(customer, id));
            }
        }
    }

    /// <summary>What <see cref="Worker.CustomerAt"/> and <see cref="Worker.CategoryOf"/> return for an empty string.</summary>
    private const int EmptyValue = CustomerResolver.Empty;

    private sealed class FeeWorker(int customers, Dictionary<string, int> customerIndex, CurrencyTable currencies, int periodStart,
        int periodEnd) : Worker(customerIndex, currencies)
    {
        public readonly FeeSums[] Sums = new FeeSums[customers];

        /// <summary>Earliest and latest day number of the valid fees booked outside the period (for the period-sanity check).</summary>
        public int FirstOutsideDay = int.MaxValue, LastOutsideDay = int.MinValue;

        /// <summary>
        /// The one accumulation of an accepted fee row, whichever path checked it: counted, then — when booked in the
        /// period — converted into the reporting currency and added to its customer's sums (docs/METHODOLOGY.md §3.3).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Accept(int customer, int type, double amount, double fxRate, int booked, ColumnData types, int row)
        {
            Accepted++;
            if (!InputRules.InPeriod(booked, periodStart, periodEnd))
            {
                CountOutside(booked);
                return;
            }

            ref FeeSums s = ref Sums[customer];
            var converted = InputRules.FeeAmount(amount, fxRate);
            InputRules.AddFee(ref s, converted);
            MarkCategory(ref s.Types, customer, type);
            if (customer == Traced)
            {
                TracedRows.Add((types.TextAt(row)!, converted, 0));
            }
        }

        private void CountOutside(int day)
        {
            OutOfPeriod++;
            FirstOutsideDay = Math.Min(FirstOutsideDay, day);
            LastOutsideDay = Math.Max(LastOutsideDay, day);
        }
    }

    private sealed class CrossSaleWorker(int customers, Dictionary<string, int> customerIndex,
        CurrencyTable currencies) : Worker(customerIndex, currencies)
    {
        public readonly CrossSaleSums[] Sums = new CrossSaleSums[customers];

        /// <summary>The accumulation of an accepted cross-sale row (docs/METHODOLOGY.md §3.3).</summary>
        public void Accept(int customer, string line, int units, double revenue, double fxRate)
        {
            Accepted++;
            var converted = InputRules.CrossSaleRevenue(revenue, fxRate);
            ref CrossSaleSums s = ref Sums[customer];
            if (InputRules.AddCrossSale(ref s, converted, units))
            {
                MarkCategory(ref s.Lines, customer, CategoryOf(line));
            }

            if (customer == Traced)
            {
                TracedRows.Add((line, converted, units));
            }
        }
    }

    public static async Task LoadFeesAsync(
        TableLocation? location,
        EngineConfig config,
        CustomerKeys customerKeys,
        ActivityAggregates aggregates,
        Totals totals,
        TableStats stats,
        RejectLog rejects,
        int threads,
        CustomerTrace? trace,
        CancellationToken cancellationToken)
    {
        // customer_id cells arrive as customer indices where the engine decodes them.
        // Fee types and currencies are read through symbols (TextAt): rows carry no string reference.
        var schema = InputTables.FeeSchema with { CustomerKeys = customerKeys, TextBySymbol = true };
        var customerIndex = customerKeys.Index;
        var currencies = new CurrencyTable(config);
        int n = aggregates.Count;
        int start = config.Period.Start.DayNumber, end = config.Period.End.DayNumber;

        var workers = await TableScanner.ScanParallelAsync(
            location,
            schema,
            stats,
            threads,
            () => new FeeWorker(n, customerIndex, currencies, start, end) { Traced = trace?.Index ?? -1 },
            (w, batch, file) => ConsumeFees(w, batch, file, schema),
            cancellationToken).ConfigureAwait(false);

        var feeTypes = new DistinctPerCustomer(n);
        long accepted = 0, rejected = 0, outOfPeriod = 0;
        foreach (var w in workers)
        {
            int[] map = feeTypes.MapFrom(w.Categories, out bool identity);
            var sums = w.Sums;
            for (int c = 0; c < sums.Length; c++)
            {
                ref readonly FeeSums s = ref sums[c];
                if (s.Rows == 0)
                {
                    continue;
                }

                aggregates.AddFees(c, s);
                feeTypes.AddMask(c, s.Types, map, identity);
                totals.FeeAmount = ExactSum.Add(totals.FeeAmount, s.Income);
            }

            foreach (long key in w.CategoryOverflow)
            {
                var (customer, id) = DistinctPerCustomer.FromOverflowKey(key);
                feeTypes.Add(customer, map[id]);
            }

            accepted += w.Accepted;
            rejected += w.Rejected;
            outOfPeriod += w.OutOfPeriod;
            stats.NoteOutOfPeriodDays(w.FirstOutsideDay, w.LastOutsideDay);
        }

        feeTypes.CountInto(aggregates.FeeTypesHeld);
        AddRejects(workers, rejects);
        foreach (var w in workers)
        {
            foreach (var (name, amount, _) in w.TracedRows)
            {
                trace!.AddFee(name, amount);
            }
        }

        stats.Accepted = accepted - outOfPeriod;
        stats.Rejected = rejected;
        stats.OutOfPeriod = outOfPeriod;
    }

    private static void ConsumeFees(FeeWorker w, ColumnBatch batch, int file, TableSchema schema)
    {
        var c = batch.Columns;
        ColumnData ids = c[FeeColumn.CustomerId], types = c[FeeColumn.FeeType], amounts = c[FeeColumn.Amount],
            currencies = c[FeeColumn.Currency], dates = c[FeeColumn.BookingDate];
        var wrongFieldCount = batch.WrongFieldCount;
        CellState[] idState = ids.State, typeState = types.State, amountState = amounts.State, currencyState = currencies.State,
            dateState = dates.State;
        double[] amountValue = amounts.Doubles!;
        int[] day = dates.Ints!;
        int minDay = CellRules.MinDay, maxDay = CellRules.MaxDay;
        w.StartBatch(ids, types, currencies);
        for (int i = 0; i < batch.RowCount; i++)
        {
            // Fast path: a row that passes every rule (the usual case) is recognised from the cell states, the
            // memoised customer and category numbers and the cached rate, without touching its strings. Anything
            // else — including a rule that fails — goes through the full check below, which decides the reason.
            if (!wrongFieldCount[i] && idState[i] == CellState.Value && typeState[i] == CellState.Value
                && amountState[i] == CellState.Value && dateState[i] == CellState.Value)
            {
                double amount = amountValue[i];
                int booked = day[i];
                int customer, type;
                double rate = 1.0;
                if (double.IsFinite(amount) && booked >= minDay && booked <= maxDay
                    && (customer = w.CustomerAt(ids, i)) >= 0
                    && (type = w.CategoryAt(types, i)) >= 0
                    && (currencyState[i] != CellState.Value || w.TryGetRateAt(currencies, i, out rate)))
                {
                    w.Accept(customer, type, amount, rate, booked, types, i);
                    continue;
                }
            }

            CheckFee(w, batch, i, file, schema);
        }
    }

    /// <summary>The full row rules of one fee row (first failing column wins), then the same accumulation.</summary>
    private static void CheckFee(FeeWorker w, ColumnBatch batch, int i, int file, TableSchema schema)
    {
        var c = batch.Columns;
        var f = default(RowFailure);
        if (batch.WrongFieldCount[i])
        {
            f.Check(RejectReason.WrongFieldCount, -1);
        }

        f.Check(w.CheckCustomer(c[FeeColumn.CustomerId], i, out int customer), FeeColumn.CustomerId);
        f.Check(CellRules.String(c[FeeColumn.FeeType], i, true, out var feeType), FeeColumn.FeeType);
        f.Check(CellRules.Number(c[FeeColumn.Amount], i, true, NumberRule.Any, out double amount), FeeColumn.Amount);
        CellRules.String(c[FeeColumn.Currency], i, false, out var currency);
        f.Check(w.Lookups.TryGetRate(currency, out double rate) ? null : RejectReason.UnknownCurrency, FeeColumn.Currency);
        f.Check(CellRules.Date(c[FeeColumn.BookingDate], i, true, out int booked), FeeColumn.BookingDate);

        if (f.Failed)
        {
            w.Rejected++;
            w.Rejects.Add((file, new Reject(InputTables.Fees, batch.File, batch.FirstRowNumber + i, f.Column < 0 ? ""
                : schema.Columns[f.Column].Name, f.Reason)));
            return;
        }

        w.Accept(customer, w.CategoryOf(feeType!), amount, rate, booked, c[FeeColumn.FeeType], i);
    }

    public static async Task LoadCrossSalesAsync(
        TableLocation? location,
        EngineConfig config,
        CustomerKeys customerKeys,
        ActivityAggregates aggregates,
        Totals totals,
        TableStats stats,
        RejectLog rejects,
        int threads,
        CustomerTrace? trace,
        CancellationToken cancellationToken)
    {
        // customer_id cells arrive as customer indices where the engine decodes them.
        var schema = InputTables.CrossSaleSchema with { CustomerKeys = customerKeys, TextBySymbol = true };
        var customerIndex = customerKeys.Index;
        var currencies = new CurrencyTable(config);
        int n = aggregates.Count;

        var workers = await TableScanner.ScanParallelAsync(
            location,
            schema,
            stats,
            threads,
            () => new CrossSaleWorker(n, customerIndex, currencies) { Traced = trace?.Index ?? -1 },
            (w, batch, file) => ConsumeCrossSales(w, batch, file, schema),
            cancellationToken).ConfigureAwait(false);

        var lines = new DistinctPerCustomer(n);
        long accepted = 0, rejected = 0;
        foreach (var w in workers)
        {
            int[] map = lines.MapFrom(w.Categories, out bool identity);
            var sums = w.Sums;
            for (int c = 0; c < sums.Length; c++)
            {
                ref readonly CrossSaleSums s = ref sums[c];
                aggregates.AddCrossSales(c, s);
                totals.CrossSellRevenue = ExactSum.Add(totals.CrossSellRevenue, s.Revenue);
                totals.CrossSellUnits += s.Units;
                if (s.Lines != 0)
                {
                    lines.AddMask(c, s.Lines, map, identity);
                }
            }

            foreach (long key in w.CategoryOverflow)
            {
                var (customer, id) = DistinctPerCustomer.FromOverflowKey(key);
                lines.Add(customer, map[id]);
            }

            accepted += w.Accepted;
            rejected += w.Rejected;
        }

        lines.CountInto(aggregates.ProductLinesHeld);
        AddRejects(workers, rejects);
        foreach (var w in workers)
        {
            foreach (var (name, amount, units) in w.TracedRows)
            {
                trace!.AddCrossSale(name, amount, units);
            }
        }

        stats.Accepted = accepted;
        stats.Rejected = rejected;
    }

    private static void ConsumeCrossSales(CrossSaleWorker w, ColumnBatch batch, int file, TableSchema schema)
    {
        var c = batch.Columns;
        var wrongFieldCount = batch.WrongFieldCount;
        w.StartBatch(c[CrossSaleColumn.CustomerId]);
        for (int i = 0; i < batch.RowCount; i++)
        {
            var f = default(RowFailure);
            if (wrongFieldCount[i])
            {
                f.Check(RejectReason.WrongFieldCount, -1);
            }

            f.Check(w.CheckCustomer(c[CrossSaleColumn.CustomerId], i, out int customer), CrossSaleColumn.CustomerId);
            f.Check(CellRules.String(c[CrossSaleColumn.ProductLine], i, true, out var line), CrossSaleColumn.ProductLine);
            f.Check(CellRules.NonNegativeInt(c[CrossSaleColumn.Units], i, out int units), CrossSaleColumn.Units);
            f.Check(CellRules.Number(c[CrossSaleColumn.Revenue], i, false, NumberRule.Any, out double revenue), CrossSaleColumn.Revenue);
            CellRules.String(c[CrossSaleColumn.Currency], i, false, out var currency);
            f.Check(w.Lookups.TryGetRate(currency, out double rate) ? null : RejectReason.UnknownCurrency, CrossSaleColumn.Currency);

            if (f.Failed)
            {
                w.Rejected++;
                w.Rejects.Add((file, new Reject(InputTables.CrossSales, batch.File, batch.FirstRowNumber + i, f.Column < 0 ? ""
                    : schema.Columns[f.Column].Name, f.Reason)));
                continue;
            }

            // A null revenue books nothing; null units sell nothing (documented in docs/DATA.md).
            w.Accept(customer, line!, units, revenue, rate);
        }
    }

    /// <summary>Adds the workers' rejects in (file, row) order, the order a sequential scan records them in.</summary>
    private static void AddRejects(IReadOnlyList<Worker> workers, RejectLog rejects)
    {
        var all = new List<(int File, Reject Reject)>();
        foreach (var w in workers)
        {
            all.AddRange(w.Rejects);
        }

        all.Sort(static (a, b) => a.File != b.File ? a.File.CompareTo(b.File) : a.Reject.Row.CompareTo(b.Reject.Row));
        foreach (var (_, reject) in all)
        {
            rejects.Add(reject);
        }
    }
}
