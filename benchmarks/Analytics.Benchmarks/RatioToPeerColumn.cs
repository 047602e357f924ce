using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Analytics.Benchmarks;

/// <summary>
/// A summary column with each benchmark's mean time divided by the mean of the peer method named
/// <paramref name="peerMethod"/> in the same class and parameters (e.g. "vs DuckDB" = our time / DuckDB's time, so
/// below 1 means faster than the peer). Hidden for classes without that method.
/// </summary>
public sealed class RatioToPeerColumn(string peerMethod, string columnName) : IColumn
{
    public string Id => nameof(RatioToPeerColumn) + "." + peerMethod;

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Mean time divided by the mean time of {peerMethod} for the same parameters";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary)
    {
        foreach (var c in summary.BenchmarksCases)
        {
            if (c.Descriptor.WorkloadMethod.Name == peerMethod)
            {
                return true;
            }
        }

        return false;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? peer = null;
        foreach (var c in summary.BenchmarksCases)
        {
            if (c.Descriptor.WorkloadMethod.Name == peerMethod
                && c.Descriptor.Type == benchmarkCase.Descriptor.Type
                && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo
                && c.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo)
            {
                peer = c;
            }
        }

        double? mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? theirs = peer is null ? null : summary[peer]?.ResultStatistics?.Mean;
        return mine is { } m && theirs is { } t && t > 0
            ? (m / t).ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
    }
}
