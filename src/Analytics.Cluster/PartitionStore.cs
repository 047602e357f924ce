using System.Text;
using Analytics.Core.Data;
using Analytics.Core.Numerics;
using Analytics.IO.Validation;
using static Analytics.Pipeline.Serialization.BinaryArrays;

namespace Analytics.Cluster;

/// <summary>
/// A partition's validated data as the coordinator needs it: the customers of its customer_id range with their
/// accounts, activity aggregates and statements (dense, per customer, in customer_id order like the embedded run's),
/// the partition's row counts, rejects (with input-file row numbers) and exact money totals. Written once per
/// partition to shared storage (temporary name, then rename).
/// </summary>
internal sealed class PartitionData
{
    public required LoadedPortfolio Loaded { get; init; }

    private const int Magic = 0x50534E41; // "ANSP"

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            var data = Loaded.Data;
            var c = data.Customers;
            Strings(w, c.Ids); Strings(w, c.Industry); Strings(w, c.Region); Strings(w, c.RmId); Strings(w, c.Rating);
            Doubles(w, c.Pd); Doubles(w, c.AnnualSales);

            var a = data.Accounts;
            Ints(w, a.Customer); Strings(w, a.AccountId);
            w.Write(a.Type.Length);
            foreach (var type in a.Type) w.Write((int)type);
            Strings(w, a.Currency);
            Doubles(w, a.AverageBalance); Doubles(w, a.EndBalance); Doubles(w, a.Limit); Doubles(w, a.ClientRate); Doubles(w, a.FtpRate);
            Ints(w, a.OpenDate); Ints(w, a.MaturityDate); Doubles(w, a.Lgd); Ints(w, a.DaysPastDue);
            Doubles(w, a.InterestArrears); Doubles(w, a.OriginationPd); Doubles(w, a.PriorAverageBalance); Ints(w, a.CustomerStart);

            var x = data.Activity;
            Fixeds(w, x.FeeIncome); Longs(w, x.FeeRows); Ints(w, x.FeeTypesHeld);
            Fixeds(w, x.CrossSellRevenue); Longs(w, x.CrossSellUnits); Ints(w, x.ProductLinesHeld);

            var f = data.Financials;
            Ints(w, f.Customer); Ints(w, f.StatementDate);
            w.Write(f.Items.Length);
            foreach (var item in f.Items) Doubles(w, item);
            Ints(w, f.CustomerStart);

            WriteSummary(w, Loaded);

            w.Write(Loaded.ConfidentialValues.Count);
            foreach (var (column, values) in Loaded.ConfidentialValues)
            {
                w.Write(column);
                Strings(w, values);
            }

            w.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static PartitionData Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException($"{path} is not a partition file of this engine.");
        }

        var customers = new CustomerTable
        {
            Ids = NonNull(Strings(r)), Industry = NonNull(Strings(r)), Region = NonNull(Strings(r)), RmId = NonNull(Strings(r)),
            Rating = NonNull(Strings(r)), Pd = Doubles(r), AnnualSales = Doubles(r),
        };
        var accountCustomer = Ints(r);
        var accountId = NonNull(Strings(r));
        var types = new ProductType[r.ReadInt32()];
        for (int i = 0; i < types.Length; i++) types[i] = (ProductType)r.ReadInt32();
        var accounts = new AccountTable
        {
            Customer = accountCustomer, AccountId = accountId, Type = types, Currency = NonNull(Strings(r)),
            AverageBalance = Doubles(r), EndBalance = Doubles(r), Limit = Doubles(r), ClientRate = Doubles(r), FtpRate = Doubles(r),
            OpenDate = Ints(r), MaturityDate = Ints(r), Lgd = Doubles(r), DaysPastDue = Ints(r),
            InterestArrears = Doubles(r), OriginationPd = Doubles(r), PriorAverageBalance = Doubles(r), CustomerStart = Ints(r),
        };

        var activity = new ActivityAggregates(customers.Count);
        Fixeds(r).CopyTo(activity.FeeIncome, 0); Longs(r).CopyTo(activity.FeeRows, 0); Ints(r).CopyTo(activity.FeeTypesHeld, 0);
        Fixeds(r).CopyTo(activity.CrossSellRevenue, 0); Longs(r).CopyTo(activity.CrossSellUnits, 0); Ints(r)
            .CopyTo(activity.ProductLinesHeld, 0);

        var finCustomer = Ints(r);
        var finDate = Ints(r);
        var items = new double[r.ReadInt32()][];
        for (int i = 0; i < items.Length; i++) items[i] = Doubles(r);
        var financials = new FinancialTable { Customer = finCustomer, StatementDate = finDate, Items = items, CustomerStart = Ints(r) };

        var (stats, rejects, totals) = ReadSummary(r);
        var confidential = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        int confidentialCount = r.ReadInt32();
        for (int i = 0; i < confidentialCount; i++) confidential[r.ReadString()] = Strings(r);

        return new PartitionData
        {
            Loaded = new LoadedPortfolio(new PortfolioData(customers, accounts, activity, financials), stats, rejects, totals,
                confidential),
        };
    }

    /// <summary>
    /// Writes what the coordinator needs of a partition's load without its data: customers accepted, row counts, rejects
    /// and exact totals (the data stays on shared storage for the partition's own passes).
    /// </summary>
    public static void WriteSummary(string path, LoadedPortfolio loaded)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(SummaryMagic);
            w.Write(loaded.Data.Customers.Count);
            WriteSummary(w, loaded);
            w.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads what <see cref="WriteSummary(string, LoadedPortfolio)"/> wrote.</summary>
    public static (int Customers, List<TableStats> Stats, RejectLog Rejects, InputTotals Totals) ReadSummary(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (r.ReadInt32() != SummaryMagic)
        {
            throw new InvalidDataException($"{path} is not a partition summary of this engine.");
        }

        int customers = r.ReadInt32();
        var (stats, rejects, totals) = ReadSummary(r);
        return (customers, stats, rejects, totals);
    }

    private const int SummaryMagic = 0x53534E41; // "ANSS"

    private static void WriteSummary(BinaryWriter w, LoadedPortfolio loaded)
    {
        w.Write(loaded.Stats.Count);
        foreach (var s in loaded.Stats)
        {
            w.Write(s.Table); w.Write(s.Present); w.Write(s.RowsRead); w.Write(s.Accepted); w.Write(s.Rejected); w.Write(s.OutOfPeriod);
            // The out-of-period date range, for the period-sanity gate's sentence.
            w.Write(s.FirstOutOfPeriodDate?.DayNumber ?? 1);
            w.Write(s.LastOutOfPeriodDate?.DayNumber ?? 0);
            w.Write(s.Files.Count);
            foreach (var (file, rows) in s.Files)
            {
                w.Write(file); w.Write(rows);
            }
        }

        var rejects = loaded.Rejects.Items;
        w.Write(rejects.Count);
        foreach (var r in rejects)
        {
            w.Write(r.Table); w.Write(r.File); w.Write(r.Row); w.Write(r.Column); w.Write((int)r.Reason);
        }

        var t = loaded.Totals;
        FixedOne(w, t.DepositAverageBalance); FixedOne(w, t.LendingAverageBalance); FixedOne(w, t.GuaranteeAverageBalance);
        FixedOne(w, t.FeeAmount); FixedOne(w, t.CrossSellRevenue); w.Write(t.CrossSellUnits);
    }

    private static (List<TableStats> Stats, RejectLog Rejects, InputTotals Totals) ReadSummary(BinaryReader r)
    {
        var stats = new List<TableStats>();
        int tables = r.ReadInt32();
        for (int i = 0; i < tables; i++)
        {
            var s = new TableStats(r.ReadString())
            {
                Present = r.ReadBoolean(), RowsRead = r.ReadInt64(), Accepted = r.ReadInt64(),
                Rejected = r.ReadInt64(), OutOfPeriod = r.ReadInt64()
            };
            int firstDay = r.ReadInt32();
            s.NoteOutOfPeriodDays(firstDay, r.ReadInt32());
            int files = r.ReadInt32();
            for (int k = 0; k < files; k++) s.Files.Add((r.ReadString(), r.ReadInt64()));
            stats.Add(s);
        }

        var rejects = new RejectLog();
        int rejectCount = r.ReadInt32();
        for (int i = 0; i < rejectCount; i++)
        {
            rejects.Add(new Reject(r.ReadString(), r.ReadString(), r.ReadInt64(), r.ReadString(), (RejectReason)r.ReadInt32()));
        }

        var totals = new InputTotals(FixedOne(r), FixedOne(r), FixedOne(r), FixedOne(r), FixedOne(r), r.ReadInt64());
        return (stats, rejects, totals);
    }

    private static string[] NonNull(string?[] values)
    {
        var result = new string[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i]
            ?? throw new InvalidDataException("A required text value is missing in a partition file.");
        return result;
    }

    private static void Strings(BinaryWriter w, string?[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v is not null);
            if (v is not null) w.Write(v);
        }
    }

    private static string?[] Strings(BinaryReader r)
    {
        var values = new string?[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadBoolean() ? r.ReadString() : null;
        return values;
    }

    private static void FixedOne(BinaryWriter w, Fixed128 v)
    {
        w.Write(v.Upper);
        w.Write(v.Lower);
    }

    private static Fixed128 FixedOne(BinaryReader r)
    {
        ulong upper = r.ReadUInt64();
        ulong lower = r.ReadUInt64();
        return new Fixed128(upper, lower);
    }

    private static void Fixeds(BinaryWriter w, Fixed128[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) FixedOne(w, v);
    }

    private static Fixed128[] Fixeds(BinaryReader r)
    {
        var values = new Fixed128[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) values[i] = FixedOne(r);
        return values;
    }
}
