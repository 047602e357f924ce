using Analytics.Core;
using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.Core.EarlyWarning;
using Analytics.Core.Numerics;
using Analytics.Core.Segmentation;
using static Analytics.Pipeline.Serialization.BinaryArrays;

namespace Analytics.Pipeline.Reporting;

/// <summary>
/// Everything report.html shows about the customers, in a form that partial facts of customer ranges add up to
/// (docs/SCALE_OUT.md): counts, exact sums (<see cref="ExactDoubleSum"/>, so the order of adding changes no bit),
/// EVA and RAROC of every customer (the whale curve and the histograms need every value), and the top rows of the
/// three lists (watch list, maturity notices, underpriced loans) with their place in the output order, so the top
/// rows of every range merge into the top rows of the whole. <see cref="Of"/> takes the facts of one scored set of
/// customers; <see cref="Merge"/> joins the facts of consecutive customer ranges.
/// </summary>
internal sealed class ReportFacts
{
    /// <summary>A watch-list row: a customer at watch or worse with its evidence.</summary>
    public sealed record WatchRow(string Id, string RmId, Severity Severity, double Ead, FiveCategory FiveCategory,
        int Ifrs9Stage, (string Code, double Value, double Threshold)[] Reasons);

    /// <summary>A maturity notice (<paramref name="Index"/>: its row in maturity_notices).</summary>
    public sealed record NoticeRow(long Index, string Id, string? Name, string AccountId, int MaturityDate, double AmountDue);

    /// <summary>An underpriced loan (<paramref name="Index"/>: its row in underpriced_loans).</summary>
    public sealed record LoanRow(long Index, string Id, string AccountId, ProductType Type, double AverageBalance, double ClientRate,
        double FloorRate, double GapBps, double Shortfall);

    public int CustomerCount { get; private init; }
    public double[] Eva { get; private init; } = [];
    public double[] Raroc { get; private init; } = [];
    public ExactDoubleSum Revenue { get; private init; } = new();
    public ExactDoubleSum EvaSum { get; private init; } = new();
    public ExactDoubleSum Capital { get; private init; } = new();
    public ExactDoubleSum Nopat { get; private init; } = new();
    public ExactDoubleSum Nii { get; private init; } = new();
    public ExactDoubleSum FeeIncome { get; private init; } = new();
    public ExactDoubleSum CrossSell { get; private init; } = new();
    public ExactDoubleSum OperatingCost { get; private init; } = new();
    public ExactDoubleSum ExpectedLoss { get; private init; } = new();
    public ExactDoubleSum CapitalCharge { get; private init; } = new();
    public ExactDoubleSum Tax { get; private init; } = new();
    public int ValueCreating { get; private init; }
    public int Extreme { get; private init; }
    public int ExtremeWithoutCredit { get; private init; }
    public int[] SeverityCount { get; private init; } = new int[4];
    public int[] FiveCategoryCount { get; private init; } = new int[5];
    public int[] StageCount { get; private init; } = new int[4];
    public long[] ReasonCount { get; private init; } = [];
    public int WatchCount { get; private init; }
    public WatchRow[] Watch { get; private init; } = [];
    public int[] TierBandCount { get; private init; } = [];
    public ExactDoubleSum[] TierBandEva { get; private init; } = [];
    public int NoticeCount { get; private init; }
    public ExactDoubleSum NoticeTotal { get; private init; } = new();
    public NoticeRow[] Notices { get; private init; } = [];
    public int LoanCount { get; private init; }
    public int LoanCustomers { get; private init; }
    public ExactDoubleSum ShortfallTotal { get; private init; } = new();
    public LoanRow[] Loans { get; private init; } = [];
    public IReadOnlyList<ClusterProfile> Profiles { get; private init; } = [];
    public bool NoticeNames { get; private init; }

    /// <summary>
    /// The facts of <paramref name="data"/> scored as <paramref name="result"/>; <paramref name="noticeOffset"/> and
    /// <paramref name="loanOffset"/> place its notices and loans in the whole run's tables (0 for a whole run).
    /// </summary>
    public static ReportFacts Of(PortfolioData data, ScoringResult result, EngineConfig config, string?[]? names, long noticeOffset,
        long loanOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        var p = result.Profitability;
        var w = result.EarlyWarnings;
        var s = result.Segments;
        int n = p.CustomerCount;
        ExactDoubleSum revenue = new(), eva = new(), capital = new(), nopat = new(), nii = new(), fees = new(), cross = new(),
            cost = new(), el = new(), charge = new(), tax = new();
        int valueCreating = 0, extreme = 0, withoutCredit = 0;
        var severity = new int[4];
        var five = new int[5];
        var stage = new int[4];
        int tiers = config.Segmentation.Tiers.Count, bands = config.Segmentation.RiskBands.Count;
        var cellCount = new int[tiers * bands];
        var cellEva = Sums(tiers * bands);
        for (int c = 0; c < n; c++)
        {
            revenue.Add(p.Revenue[c]);
            eva.Add(p.Eva[c]);
            capital.Add(p.Capital[c]);
            nopat.Add(p.Nopat[c]);
            nii.Add(p.Nii[c]);
            fees.Add(p.FeeIncome[c]);
            cross.Add(p.CrossSellRevenue[c]);
            cost.Add(p.OperatingCost[c]);
            el.Add(p.ExpectedLoss[c]);
            charge.Add(p.CapitalCharge[c]);
            tax.Add(p.PreTaxProfit[c] - p.Nopat[c]);
            if (p.Eva[c] > 0) valueCreating++;
            double r = p.Raroc[c];
            if (r > 1.0 || r < -0.5)
            {
                extreme++;
                if (p.CreditCapital[c] <= 0.1 * p.Capital[c]) withoutCredit++;
            }

            severity[(int)w.Severity[c]]++;
            five[(int)w.FiveCategory[c]]++;
            stage[Math.Clamp(w.Ifrs9Stage[c], 1, 3)]++;
            int cell = s.TierIndex[c] * bands + s.RiskBandIndex[c];
            cellCount[cell]++;
            cellEva[cell].Add(p.Eva[c]);
        }

        var codes = ReasonCode.All;
        var codeIndex = new Dictionary<string, int>(codes.Count, StringComparer.Ordinal);
        for (int k = 0; k < codes.Count; k++) codeIndex.TryAdd(codes[k], k);
        var reasonCount = new long[codes.Count];
        for (int i = 0; i < w.Reasons.Count; i++)
        {
            if (codeIndex.TryGetValue(w.Reasons.ReasonCode[i], out int k)) reasonCount[k]++;
        }

        var (watchCount, watch) = WatchRows(data, result);
        var m = w.MaturityNotices;
        var noticeTotal = new ExactDoubleSum();
        for (int i = 0; i < m.Count; i++) noticeTotal.Add(m.AmountDue[i]);
        var noticeOrder = DescendingOrder.Of(m.AmountDue);
        var notices = new NoticeRow[Math.Min(HtmlReport.TopRows, m.Count)];
        for (int k = 0; k < notices.Length; k++)
        {
            int i = noticeOrder[k];
            notices[k] = new NoticeRow(noticeOffset + i, data.Customers.Ids[m.Customer[i]], names?[m.Customer[i]],
                data.Accounts.AccountId[m.Account[i]], m.MaturityDate[i], m.AmountDue[i]);
        }

        var loans = s.UnderpricedLoans;
        var a = data.Accounts;
        var shortfall = new double[loans.Count];
        var customers = new HashSet<int>();
        var shortfallTotal = new ExactDoubleSum();
        for (int i = 0; i < loans.Count; i++)
        {
            customers.Add(loans[i].Customer);
            shortfall[i] = loans[i].AnnualShortfall(a.AverageBalance[loans[i].Account]);
            shortfallTotal.Add(shortfall[i]);
        }

        var loanOrder = DescendingOrder.Of(shortfall);
        var loanRows = new LoanRow[Math.Min(HtmlReport.TopRows, loans.Count)];
        for (int k = 0; k < loanRows.Length; k++)
        {
            var l = loans[loanOrder[k]];
            loanRows[k] = new LoanRow(loanOffset + loanOrder[k], data.Customers.Ids[l.Customer], a.AccountId[l.Account], a.Type[l.Account],
                a.AverageBalance[l.Account], l.ClientRate, l.FloorRate, l.GapBps, shortfall[loanOrder[k]]);
        }

        return new ReportFacts
        {
            CustomerCount = n, Eva = p.Eva, Raroc = p.Raroc, Revenue = revenue, EvaSum = eva, Capital = capital, Nopat = nopat,
            Nii = nii, FeeIncome = fees, CrossSell = cross, OperatingCost = cost, ExpectedLoss = el, CapitalCharge = charge, Tax = tax,
            ValueCreating = valueCreating, Extreme = extreme, ExtremeWithoutCredit = withoutCredit, SeverityCount = severity,
            FiveCategoryCount = five, StageCount = stage, ReasonCount = reasonCount, WatchCount = watchCount, Watch = watch,
            TierBandCount = cellCount, TierBandEva = cellEva, NoticeCount = m.Count, NoticeTotal = noticeTotal, Notices = notices,
            LoanCount = loans.Count, LoanCustomers = customers.Count, ShortfallTotal = shortfallTotal, Loans = loanRows,
            Profiles = s.Profiles, NoticeNames = names is not null,
        };
    }

    /// <summary>
    /// The facts of consecutive customer ranges (in customer_id order) as one: counts and fixed-point sums added, EVA
    /// and RAROC concatenated, the top rows of every range merged in the lists' order.
    /// </summary>
    public static ReportFacts Merge(IReadOnlyList<ReportFacts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        int n = 0;
        foreach (var f in parts) n += f.CustomerCount;
        var eva = new double[n];
        var raroc = new double[n];
        int at = 0;
        var severity = new int[4];
        var five = new int[5];
        var stage = new int[4];
        var reasons = new long[first.ReasonCount.Length];
        var cellCount = new int[first.TierBandCount.Length];
        var cellEva = Sums(first.TierBandEva.Length);
        var watch = new List<WatchRow>();
        var notices = new List<NoticeRow>();
        var loans = new List<LoanRow>();
        ExactDoubleSum revenue = new(), evaSum = new(), capital = new(), nopat = new(), nii = new(), fees = new(), cross = new(),
            cost = new(), el = new(), charge = new(), tax = new(), noticeTotal = new(), shortfallTotal = new();
        int valueCreating = 0, extreme = 0, withoutCredit = 0, watchCount = 0, noticeCount = 0, loanCount = 0, loanCustomers = 0;
        foreach (var f in parts)
        {
            f.Eva.CopyTo(eva, at);
            f.Raroc.CopyTo(raroc, at);
            at += f.CustomerCount;
            revenue.Add(f.Revenue); evaSum.Add(f.EvaSum); capital.Add(f.Capital); nopat.Add(f.Nopat); nii.Add(f.Nii);
            fees.Add(f.FeeIncome); cross.Add(f.CrossSell); cost.Add(f.OperatingCost); el.Add(f.ExpectedLoss); charge.Add(f.CapitalCharge);
            tax.Add(f.Tax);
            valueCreating += f.ValueCreating; extreme += f.Extreme; withoutCredit += f.ExtremeWithoutCredit;
            Add(severity, f.SeverityCount); Add(five, f.FiveCategoryCount); Add(stage, f.StageCount); Add(cellCount, f.TierBandCount);
            for (int k = 0; k < reasons.Length; k++) reasons[k] += f.ReasonCount[k];
            for (int k = 0; k < cellEva.Length; k++) cellEva[k].Add(f.TierBandEva[k]);
            watchCount += f.WatchCount;
            watch.AddRange(f.Watch);
            noticeCount += f.NoticeCount;
            noticeTotal.Add(f.NoticeTotal);
            notices.AddRange(f.Notices);
            loanCount += f.LoanCount;
            loanCustomers += f.LoanCustomers;
            shortfallTotal.Add(f.ShortfallTotal);
            loans.AddRange(f.Loans);
        }

        watch.Sort(WatchOrder);
        notices.Sort(static (x, y) => Descending(x.AmountDue, x.Index, y.AmountDue, y.Index));
        loans.Sort(static (x, y) => Descending(x.Shortfall, x.Index, y.Shortfall, y.Index));
        return new ReportFacts
        {
            CustomerCount = n, Eva = eva, Raroc = raroc, Revenue = revenue, EvaSum = evaSum, Capital = capital, Nopat = nopat,
            Nii = nii, FeeIncome = fees, CrossSell = cross, OperatingCost = cost, ExpectedLoss = el, CapitalCharge = charge, Tax = tax,
            ValueCreating = valueCreating, Extreme = extreme, ExtremeWithoutCredit = withoutCredit, SeverityCount = severity,
            FiveCategoryCount = five, StageCount = stage, ReasonCount = reasons, WatchCount = watchCount,
            Watch = [.. watch.Take(HtmlReport.WatchListRows)], TierBandCount = cellCount, TierBandEva = cellEva,
            NoticeCount = noticeCount, NoticeTotal = noticeTotal, Notices = [.. notices.Take(HtmlReport.TopRows)],
            LoanCount = loanCount, LoanCustomers = loanCustomers, ShortfallTotal = shortfallTotal,
            Loans = [.. loans.Take(HtmlReport.TopRows)], Profiles = first.Profiles, NoticeNames = first.NoticeNames,
        };
    }

    /// <summary>
    /// These facts with their notices and loans moved <paramref name="notices"/> and <paramref name="loans"/> rows down
    /// the whole run's tables: a partition takes its facts before it knows how many rows the ranges before it hold.
    /// </summary>
    public ReportFacts Offset(long notices, long loans)
    {
        var n = new NoticeRow[Notices.Length];
        for (int i = 0; i < n.Length; i++) n[i] = Notices[i] with { Index = Notices[i].Index + notices };
        var l = new LoanRow[Loans.Length];
        for (int i = 0; i < l.Length; i++) l[i] = Loans[i] with { Index = Loans[i].Index + loans };
        return new ReportFacts
        {
            CustomerCount = CustomerCount, Eva = Eva, Raroc = Raroc, Revenue = Revenue, EvaSum = EvaSum,
            Capital = Capital, Nopat = Nopat, Nii = Nii, FeeIncome = FeeIncome, CrossSell = CrossSell,
            OperatingCost = OperatingCost, ExpectedLoss = ExpectedLoss, CapitalCharge = CapitalCharge, Tax = Tax,
            ValueCreating = ValueCreating, Extreme = Extreme, ExtremeWithoutCredit = ExtremeWithoutCredit,
            SeverityCount = SeverityCount, FiveCategoryCount = FiveCategoryCount, StageCount = StageCount,
            ReasonCount = ReasonCount, WatchCount = WatchCount, Watch = Watch, TierBandCount = TierBandCount,
            TierBandEva = TierBandEva, NoticeCount = NoticeCount, NoticeTotal = NoticeTotal, Notices = n,
            LoanCount = LoanCount, LoanCustomers = LoanCustomers, ShortfallTotal = ShortfallTotal, Loans = l,
            Profiles = Profiles, NoticeNames = NoticeNames,
        };
    }

    /// <summary>
    /// Writes the facts for another process (a partition's finish task gives them to the coordinator); the cluster
    /// profiles are not written: the coordinator has them (<see cref="Read"/> takes them).
    /// </summary>
    public void Write(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(CustomerCount);
        Doubles(w, Eva);
        Doubles(w, Raroc);
        foreach (var sum in new[] { Revenue, EvaSum, Capital, Nopat, Nii, FeeIncome, CrossSell, OperatingCost, ExpectedLoss, CapitalCharge,
                     Tax, NoticeTotal, ShortfallTotal })
        {
            Sum(w, sum);
        }

        w.Write(ValueCreating); w.Write(Extreme); w.Write(ExtremeWithoutCredit);
        Ints(w, SeverityCount); Ints(w, FiveCategoryCount); Ints(w, StageCount);
        w.Write(ReasonCount.Length);
        foreach (long c in ReasonCount) w.Write(c);
        w.Write(WatchCount);
        w.Write(Watch.Length);
        foreach (var row in Watch)
        {
            w.Write(row.Id); w.Write(row.RmId); w.Write((int)row.Severity); w.Write(row.Ead); w.Write((int)row.FiveCategory);
            w.Write(row.Ifrs9Stage);
            w.Write(row.Reasons.Length);
            foreach (var (code, value, threshold) in row.Reasons)
            {
                w.Write(code); w.Write(value); w.Write(threshold);
            }
        }

        Ints(w, TierBandCount);
        w.Write(TierBandEva.Length);
        foreach (var sum in TierBandEva) Sum(w, sum);
        w.Write(NoticeCount);
        w.Write(Notices.Length);
        foreach (var n in Notices)
        {
            w.Write(n.Index); w.Write(n.Id); w.Write(n.Name is not null); if (n.Name is not null) w.Write(n.Name);
            w.Write(n.AccountId); w.Write(n.MaturityDate); w.Write(n.AmountDue);
        }

        w.Write(LoanCount); w.Write(LoanCustomers);
        w.Write(Loans.Length);
        foreach (var l in Loans)
        {
            w.Write(l.Index); w.Write(l.Id); w.Write(l.AccountId); w.Write((int)l.Type); w.Write(l.AverageBalance); w.Write(l.ClientRate);
            w.Write(l.FloorRate); w.Write(l.GapBps); w.Write(l.Shortfall);
        }

        w.Write(NoticeNames);
    }

    /// <summary>Reads facts written by <see cref="Write"/>, with every cluster's <paramref name="profiles"/>.</summary>
    public static ReportFacts Read(BinaryReader r, IReadOnlyList<ClusterProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(r);
        int customers = r.ReadInt32();
        var eva = Doubles(r);
        var raroc = Doubles(r);
        var sums = new ExactDoubleSum[13];
        for (int i = 0; i < sums.Length; i++) sums[i] = Sum(r);
        int valueCreating = r.ReadInt32(), extreme = r.ReadInt32(), withoutCredit = r.ReadInt32();
        var severity = Ints(r);
        var five = Ints(r);
        var stage = Ints(r);
        var reasons = new long[r.ReadInt32()];
        for (int i = 0; i < reasons.Length; i++) reasons[i] = r.ReadInt64();
        int watchCount = r.ReadInt32();
        var watch = new WatchRow[r.ReadInt32()];
        for (int i = 0; i < watch.Length; i++)
        {
            string id = r.ReadString(), rm = r.ReadString();
            var sev = (Severity)r.ReadInt32();
            double ead = r.ReadDouble();
            var cat = (FiveCategory)r.ReadInt32();
            int stageOf = r.ReadInt32();
            var evidence = new (string, double, double)[r.ReadInt32()];
            for (int k = 0; k < evidence.Length; k++) evidence[k] = (r.ReadString(), r.ReadDouble(), r.ReadDouble());
            watch[i] = new WatchRow(id, rm, sev, ead, cat, stageOf, evidence);
        }

        var cellCount = Ints(r);
        var cellEva = new ExactDoubleSum[r.ReadInt32()];
        for (int i = 0; i < cellEva.Length; i++) cellEva[i] = Sum(r);
        int noticeCount = r.ReadInt32();
        var notices = new NoticeRow[r.ReadInt32()];
        for (int i = 0; i < notices.Length; i++)
        {
            long index = r.ReadInt64();
            string id = r.ReadString();
            string? name = r.ReadBoolean() ? r.ReadString() : null;
            notices[i] = new NoticeRow(index, id, name, r.ReadString(), r.ReadInt32(), r.ReadDouble());
        }

        int loanCount = r.ReadInt32(), loanCustomers = r.ReadInt32();
        var loans = new LoanRow[r.ReadInt32()];
        for (int i = 0; i < loans.Length; i++)
        {
            long index = r.ReadInt64();
            string id = r.ReadString(), account = r.ReadString();
            var type = (ProductType)r.ReadInt32();
            loans[i] = new LoanRow(index, id, account, type, r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(),
                r.ReadDouble());
        }

        return new ReportFacts
        {
            CustomerCount = customers, Eva = eva, Raroc = raroc, Revenue = sums[0], EvaSum = sums[1], Capital = sums[2], Nopat = sums[3],
            Nii = sums[4], FeeIncome = sums[5], CrossSell = sums[6], OperatingCost = sums[7], ExpectedLoss = sums[8],
            CapitalCharge = sums[9], Tax = sums[10], NoticeTotal = sums[11], ShortfallTotal = sums[12], ValueCreating = valueCreating,
            Extreme = extreme, ExtremeWithoutCredit = withoutCredit, SeverityCount = severity, FiveCategoryCount = five,
            StageCount = stage, ReasonCount = reasons, WatchCount = watchCount, Watch = watch, TierBandCount = cellCount,
            TierBandEva = cellEva, NoticeCount = noticeCount, Notices = notices, LoanCount = loanCount, LoanCustomers = loanCustomers,
            Loans = loans, Profiles = profiles, NoticeNames = r.ReadBoolean(),
        };
    }

    private static void Sum(BinaryWriter w, ExactDoubleSum sum) => Doubles(w, sum.Partials);

    private static ExactDoubleSum Sum(BinaryReader r) => ExactDoubleSum.From(Doubles(r));

    /// <summary>The customers at watch or worse, critical first, then by EAD, then by customer_id; the first rows of them.</summary>
    private static (int Count, WatchRow[] Rows) WatchRows(PortfolioData data, ScoringResult result)
    {
        var w = result.EarlyWarnings;
        var ead = result.Profitability.Ead;
        var ordered = WatchList.Ordered(w.Severity, ead);
        var reasons = w.Reasons;
        var firstReason = new int[w.CustomerCount + 1];
        for (int i = 0; i < reasons.Count; i++) firstReason[reasons.Customer[i] + 1]++;
        for (int c = 0; c < w.CustomerCount; c++) firstReason[c + 1] += firstReason[c];
        var rows = new WatchRow[Math.Min(HtmlReport.WatchListRows, ordered.Length)];
        for (int k = 0; k < rows.Length; k++)
        {
            int c = ordered[k];
            var evidence = new (string, double, double)[firstReason[c + 1] - firstReason[c]];
            for (int i = firstReason[c]; i < firstReason[c + 1]; i++)
            {
                evidence[i - firstReason[c]] = (reasons.ReasonCode[i], reasons.Value[i], reasons.Threshold[i]);
            }

            rows[k] = new WatchRow(data.Customers.Ids[c], data.Customers.RmId[c], w.Severity[c], ead[c], w.FiveCategory[c],
                w.Ifrs9Stage[c], evidence);
        }

        return (ordered.Length, rows);
    }

    /// <summary>Watch-list order: severity descending, EAD descending, then customer_id (ordinal).</summary>
    private static int WatchOrder(WatchRow a, WatchRow b)
    {
        int bySeverity = b.Severity.CompareTo(a.Severity);
        if (bySeverity != 0) return bySeverity;
        int byEad = b.Ead.CompareTo(a.Ead);
        return byEad != 0 ? byEad : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary><see cref="DescendingOrder"/>'s order: larger first, NaN last, ties by position.</summary>
    private static int Descending(double a, long indexA, double b, long indexB)
    {
        bool nanA = double.IsNaN(a), nanB = double.IsNaN(b);
        if (nanA != nanB) return nanA ? 1 : -1;
        int c = nanA ? 0 : b.CompareTo(a);
        return c != 0 ? c : indexA.CompareTo(indexB);
    }

    private static ExactDoubleSum[] Sums(int count)
    {
        var sums = new ExactDoubleSum[count];
        for (int i = 0; i < count; i++) sums[i] = new ExactDoubleSum();
        return sums;
    }

    private static void Add(int[] into, int[] values)
    {
        for (int i = 0; i < into.Length; i++) into[i] += values[i];
    }
}
