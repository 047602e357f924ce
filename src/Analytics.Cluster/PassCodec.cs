using System.Text;
using Analytics.Core;
using Analytics.Core.Numerics;
using Analytics.Core.Segmentation;
using Analytics.Pipeline.Reporting;
using static Analytics.Pipeline.Serialization.BinaryArrays;

namespace Analytics.Cluster;

/// <summary>
/// The bytes the partition passes and the coordinator exchange (<see cref="PartitionResult.Payload"/> and the pass
/// arguments): every double by its bits, exact sums by their partials, so nothing is rounded on the way.
/// </summary>
internal static class PassCodec
{
    public static byte[] Encode(PartitionScore s) => Bytes(w =>
    {
        w.Write(s.Customers);
        Doubles(w, s.Eva); Doubles(w, s.Revenue); Ints(w, s.ProductsHeld); Doubles(w, s.DepositBalance);
        w.Write(s.Moments.Count);
        Sums(w, s.Moments.Sum); Doubles(w, s.Moments.Min); Doubles(w, s.Moments.Max);
        w.Write(s.Candidates.Keys.Length);
        foreach (ulong k in s.Candidates.Keys) w.Write(k);
        foreach (string id in s.Candidates.Ids) w.Write(id);
        Doubles(w, s.Candidates.Original);
        w.Write(s.Notices);
    });

    public static PartitionScore DecodeScore(byte[] bytes) => Read(bytes, r =>
    {
        int customers = r.ReadInt32();
        var eva = Doubles(r);
        var revenue = Doubles(r);
        var products = Ints(r);
        var deposits = Doubles(r);
        long count = r.ReadInt64();
        var moments = FeatureMoments.From(count, Sums(r), Doubles(r), Doubles(r));
        int n = r.ReadInt32();
        var keys = new ulong[n];
        for (int i = 0; i < n; i++) keys[i] = r.ReadUInt64();
        var ids = new string[n];
        for (int i = 0; i < n; i++) ids[i] = r.ReadString();
        var candidates = new SampleCandidates(keys, ids, Doubles(r));
        return new PartitionScore(customers, eva, revenue, products, deposits, moments, candidates, r.ReadInt64());
    });

    public static byte[] Encode(ExactDoubleSum[] sums) => Bytes(w => Sums(w, sums));

    public static ExactDoubleSum[] DecodeSums(byte[] bytes) => Read(bytes, Sums);

    public static byte[] Encode(FeatureScaling scaling, ClusterCentroids centroids) => Bytes(w =>
    {
        Doubles(w, scaling.Mean); Doubles(w, scaling.Std); Doubles(w, centroids.Values); w.Write(centroids.Dimensions);
    });

    public static (FeatureScaling Scaling, ClusterCentroids Centroids) DecodeModel(byte[] bytes) => Read(bytes, r =>
    {
        var scaling = new FeatureScaling(Doubles(r), Doubles(r));
        var values = Doubles(r);
        return (scaling, new ClusterCentroids(values, r.ReadInt32()));
    });

    public static byte[] Encode(ClusterProfileSums s) => Bytes(w =>
    {
        Longs(w, s.Size); Sums(w, s.Original); Sums(w, s.Z); Sums(w, s.Eva); Sums(w, s.Raroc); Longs(w, s.RarocCount);
    });

    public static ClusterProfileSums DecodeProfileSums(byte[] bytes) => Read(bytes, r =>
        ClusterProfileSums.From(Longs(r), Sums(r), Sums(r), Sums(r), Sums(r), Longs(r)));

    /// <summary>A partition's finish arguments: its slice of the global steps and the previous run's tiers of its range.</summary>
    public static byte[] Encode(GlobalSteps g, IReadOnlyDictionary<string, string>? previousTiers) => Bytes(w =>
    {
        Doubles(w, g.ContributionScore); Ints(w, g.TierIndex);
        Doubles(w, g.Scaling.Mean); Doubles(w, g.Scaling.Std); Doubles(w, g.Centroids.Values); w.Write(g.Centroids.Dimensions);
        var profiles = g.Profiles ?? [];
        w.Write(profiles.Length);
        foreach (var p in profiles) Profile(w, p);
        w.Write(previousTiers is not null);
        if (previousTiers is not null)
        {
            w.Write(previousTiers.Count);
            foreach (var (id, tier) in previousTiers)
            {
                w.Write(id); w.Write(tier);
            }
        }
    });

    public static (GlobalSteps Global, Dictionary<string, string>? PreviousTiers) DecodeGlobal(byte[] bytes) => Read(bytes, r =>
    {
        var scores = Doubles(r);
        var tiers = Ints(r);
        var scaling = new FeatureScaling(Doubles(r), Doubles(r));
        var values = Doubles(r);
        var centroids = new ClusterCentroids(values, r.ReadInt32());
        var profiles = new ClusterProfile[r.ReadInt32()];
        for (int i = 0; i < profiles.Length; i++) profiles[i] = Profile(r);
        Dictionary<string, string>? previous = null;
        if (r.ReadBoolean())
        {
            int n = r.ReadInt32();
            previous = new Dictionary<string, string>(n, StringComparer.Ordinal);
            for (int i = 0; i < n; i++) previous[r.ReadString()] = r.ReadString();
        }

        return (new GlobalSteps(scores, tiers, scaling, centroids, profiles), previous);
    });

    public static byte[] Encode(PartitionFinish f) => Bytes(w =>
    {
        w.Write(f.Rows.Count);
        foreach (var (name, rows) in f.Rows)
        {
            w.Write(name); w.Write(rows);
        }

        w.Write(f.PartHashes.Count);
        foreach (var (file, hash) in f.PartHashes)
        {
            w.Write(file); w.Write(hash);
        }

        Sums(w, f.OutputSums);
        f.Facts.Write(w);
        w.Write(f.Loans);
    });

    /// <summary>Reads a finish result; its report facts get every cluster's <paramref name="profiles"/>.</summary>
    public static PartitionFinish DecodeFinish(byte[] bytes, IReadOnlyList<ClusterProfile> profiles) => Read(bytes, r =>
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++) rows[r.ReadString()] = r.ReadInt64();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        n = r.ReadInt32();
        for (int i = 0; i < n; i++) hashes[r.ReadString()] = r.ReadString();
        var sums = Sums(r);
        var facts = ReportFacts.Read(r, profiles);
        return new PartitionFinish(rows, hashes, sums, facts, r.ReadInt64());
    });

    private static void Profile(BinaryWriter w, ClusterProfile p)
    {
        w.Write(p.ClusterId); w.Write(p.Label); w.Write(p.Size); w.Write(p.LoanBalance); w.Write(p.DepositBalance); w.Write(p.FeeShare);
        w.Write(p.CrossSellShare); w.Write(p.ProductsHeld); w.Write(p.Utilization); w.Write(p.MeanEva); w.Write(p.MeanRaroc);
    }

    private static ClusterProfile Profile(BinaryReader r) => new(r.ReadInt32(), r.ReadString(), r.ReadInt32(), r.ReadDouble(),
        r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(w);
        }

        return stream.ToArray();
    }

    private static T Read<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        return read(r);
    }

    private static void Sums(BinaryWriter w, ExactDoubleSum[] sums)
    {
        w.Write(sums.Length);
        foreach (var s in sums) Doubles(w, s.Partials);
    }

    private static ExactDoubleSum[] Sums(BinaryReader r)
    {
        var sums = new ExactDoubleSum[r.ReadInt32()];
        for (int i = 0; i < sums.Length; i++) sums[i] = ExactDoubleSum.From(Doubles(r));
        return sums;
    }
}
