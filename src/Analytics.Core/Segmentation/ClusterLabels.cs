namespace Analytics.Core.Segmentation;

/// <summary>
/// Readable cluster labels: the feature with the largest |mean z-score| among the cluster's members, named by its
/// sign ("heavy borrower" / "light borrower", …). Labels are made unique within a run.
/// </summary>
public static class ClusterLabels
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

    /// <summary>The name of <paramref name="feature"/> when the cluster sits above (<paramref name="high"/>) or below the mean.</summary>
    public static string Name(ClusterFeature feature, bool high) => high ? High[(int)feature] : Low[(int)feature];

    /// <summary>
    /// Labels for clusters whose mean z-scores are <paramref name="meanZ"/> (row-major, <see cref="ClusterFeatures.Count"/>
    /// per cluster). Clusters sharing a primary label are told apart by their second most distinctive feature
    /// (<c>"heavy borrower, deposit-rich"</c>); any label still repeated gets <c>" 2"</c>, <c>" 3"</c>, … in cluster id order.
    /// Ties in |z| go to the earlier feature in <see cref="ClusterFeature"/> order.
    /// </summary>
    public static string[] Assign(ReadOnlySpan<double> meanZ)
    {
        int dims = ClusterFeatures.Count;
        int k = meanZ.Length / dims;
        var primary = new string[k];
        var secondary = new string?[k];
        for (int c = 0; c < k; c++)
        {
            var row = meanZ.Slice(c * dims, dims);
            int first = Strongest(row, -1);
            primary[c] = first < 0 ? Average : Name((ClusterFeature)first, row[first] > 0);
            int second = first < 0 ? -1 : Strongest(row, first);
            secondary[c] = second < 0 ? null : Name((ClusterFeature)second, row[second] > 0);
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
