namespace Analytics.Core.Segmentation;

/// <summary>
/// Readable cluster labels: the feature with the largest |mean z-score| among the cluster's members, named by its
/// sign ("heavy borrower" / "light borrower", …). A name that states an absolute fact is used only when the
/// cluster's centroid bears it out — "single-product" needs at most 1.5 products held on average, "fee-driven" a
/// fee share of at least half the revenue — otherwise the relative name is used ("fewer products", "higher fee
/// share"), so a label never contradicts the profile printed beside it. Labels are made unique within a run.
/// </summary>
internal static class ClusterLabels
{
    /// <summary>Label of a cluster whose members sit exactly at the portfolio mean on every feature (e.g. k = 1).</summary>
    public const string Average = "average";

    private static readonly string[] High =
    [
        "heavy borrower", "deposit-rich", "fee-driven", "cross-sell driven", "multi-product", "high utilisation",
    ];

    private static readonly string[] Low =
    [
        "light borrower", "low deposits", "low fee share", "low cross-sell", "single-product", "low utilisation",
    ];

    /// <summary>The strong name of <paramref name="feature"/> when the cluster sits above (<paramref name="high"/>) or below the
    /// mean.</summary>
    public static string Name(ClusterFeature feature, bool high) => high ? High[(int)feature] : Low[(int)feature];

    /// <summary>
    /// The name of <paramref name="feature"/> for a cluster above (<paramref name="high"/>) or below the mean whose
    /// centroid, in original units, is <paramref name="centroid"/>: the strong name when the centroid bears it out,
    /// "no …" when the centroid is exactly 0, the relative name otherwise. NaN (centroid unknown) gives the strong name.
    /// </summary>
    public static string Name(ClusterFeature feature, bool high, double centroid)
    {
        if (double.IsNaN(centroid))
        {
            return Name(feature, high);
        }

        return (feature, high) switch
        {
            (ClusterFeature.LoanBalance, false) when centroid == 0 => "no loans",
            (ClusterFeature.DepositBalance, false) when centroid == 0 => "no deposits",
            (ClusterFeature.FeeShare, true) when centroid < DrivenShare => "higher fee share",
            (ClusterFeature.FeeShare, false) when centroid == 0 => "no fee income",
            (ClusterFeature.CrossSellShare, true) when centroid < DrivenShare => "higher cross-sell share",
            (ClusterFeature.CrossSellShare, false) when centroid == 0 => "no cross-sell",
            (ClusterFeature.ProductsHeld, true) when centroid < MultiProduct => "more products",
            (ClusterFeature.ProductsHeld, false) when centroid > SingleProduct => "fewer products",
            (ClusterFeature.Utilization, true) when centroid < HighUtilization => "higher utilisation",
            _ => Name(feature, high),
        };
    }

    // "…-driven": the source brings at least half the revenue. "single-product": on average at most one and a half
    // products, "multi-product": at least two. "high utilisation": at least half of the limits drawn on average.
    private const double DrivenShare = 0.5;
    private const double SingleProduct = 1.5;
    private const double MultiProduct = 2.0;
    private const double HighUtilization = 0.5;

    /// <summary>
    /// Labels for clusters whose mean z-scores are <paramref name="meanZ"/> (row-major, <see cref="ClusterFeatures.Count"/>
    /// per cluster). Clusters sharing a primary label are told apart by their second most distinctive feature
    /// (<c>"heavy borrower, deposit-rich"</c>); any label still repeated gets <c>" 2"</c>, <c>" 3"</c>, … in cluster id order.
    /// Ties in |z| go to the earlier feature in <see cref="ClusterFeature"/> order.
    /// </summary>
    public static string[] Assign(ReadOnlySpan<double> meanZ) => Assign(meanZ, default);

    /// <summary>
    /// Labels as <see cref="Assign(ReadOnlySpan{double})"/>, with each name checked against the cluster's centroid in
    /// original units (<paramref name="centroids"/>, same layout as <paramref name="meanZ"/>; empty = unknown) by
    /// <see cref="Name(ClusterFeature, bool, double)"/>.
    /// </summary>
    public static string[] Assign(ReadOnlySpan<double> meanZ, ReadOnlySpan<double> centroids)
    {
        int dims = ClusterFeatures.Count;
        int k = meanZ.Length / dims;
        var primary = new string[k];
        var secondary = new string?[k];
        for (int c = 0; c < k; c++)
        {
            var row = meanZ.Slice(c * dims, dims);
            int first = Strongest(row, -1);
            primary[c] = first < 0 ? Average : Name((ClusterFeature)first, row[first] > 0, Centroid(centroids, c, first));
            int second = first < 0 ? -1 : Strongest(row, first);
            secondary[c] = second < 0 ? null : Name((ClusterFeature)second, row[second] > 0, Centroid(centroids, c, second));
        }

        var label = new string[k];
        for (int c = 0; c < k; c++)
        {
            label[c] = primary[c];
            if (secondary[c] is { } extra && Occurrences(primary, primary[c]) > 1)
            {
                label[c] = primary[c] + ", " + extra;
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            string baseLabel = label[c];
            if (seen.TryGetValue(baseLabel, out int count))
            {
                string candidate;
                do
                {
                    count++;
                    candidate = baseLabel + " " + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                while (seen.ContainsKey(candidate));

                seen[baseLabel] = count;
                label[c] = candidate;
                seen[candidate] = 1;
            }
            else
            {
                seen[baseLabel] = 1;
            }
        }

        return label;
    }

    private static double Centroid(ReadOnlySpan<double> centroids, int cluster, int feature) =>
        centroids.IsEmpty ? double.NaN : centroids[cluster * ClusterFeatures.Count + feature];

    /// <summary>Index of the largest |z| (excluding <paramref name="skip"/>), or −1 when every candidate is 0.</summary>
    private static int Strongest(ReadOnlySpan<double> row, int skip)
    {
        int best = -1;
        double bestAbs = 0;
        for (int f = 0; f < row.Length; f++)
        {
            if (f != skip && Math.Abs(row[f]) > bestAbs)
            {
                bestAbs = Math.Abs(row[f]);
                best = f;
            }
        }

        return best;
    }

    private static int Occurrences(string[] labels, string label)
    {
        int count = 0;
        foreach (var l in labels)
        {
            if (string.Equals(l, label, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
