using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Reading;
using Analytics.IO.Validation;

namespace Analytics.Tests.Performance;

/// <summary>
/// The customers, accounts and financials loaders as they were before staging went column by column and parallel:
/// one thread, row by row, a dictionary per key, a sort for the order. Kept as the reference the staged loaders must
/// match bit for bit (tables, counts, rejects and their order).
/// </summary>
internal static partial class RowByRowLoaders
{
    /// <summary>
    /// Reads the files and blocks in order on the calling thread. <paramref name="rowsAhead"/>, when given, is told each
    /// file's row count as the file is opened (Parquet only), so staging lists can be sized once instead of doubling.
    /// </summary>
    public static async Task ScanAsync(
        TableLocation? location,
        TableSchema schema,
        TableStats stats,
        Action<ColumnBatch> consume,
        CancellationToken cancellationToken,
        Action<long>? rowsAhead = null)
    {
        if (location is null)
        {
            return;
        }

        stats.Present = true;
        foreach (var file in location.Files)
        {
            await using var reader = await InputFolder.OpenAsync(file, schema, cancellationToken).ConfigureAwait(false);
            if (rowsAhead is not null && reader.RowCount is { } expected)
            {
                rowsAhead(expected);
            }

            long rows = 0;
            for (int block = 0; block < reader.BlockCount; block++)
            {
                await reader.ReadBlockAsync(
                    block,
                    batch =>
                    {
                        rows += batch.RowCount;
                        consume(batch);
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            stats.Files.Add((file.DisplayName, rows));
            stats.RowsRead += rows;
        }
    }


    private const string Unknown = "UNKNOWN";

    public static async Task<CustomerLoadResult> CustomersAsync(
        TableLocation? location,
        EngineConfig config,
        IReadOnlyList<string> confidentialColumnsToKeep,
        TableStats stats,
        RejectLog rejects,
        CustomerTrace? trace,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.CustomerSchema(confidentialColumnsToKeep);
        int[] keptIndex = new int[confidentialColumnsToKeep.Count];
        for (int k = 0; k < keptIndex.Length; k++)
        {
            keptIndex[k] = schema.IndexOf(confidentialColumnsToKeep[k]);
        }

        var ids = new List<string?>();
        var industry = new List<string>();
        var region = new List<string>();
        var rmId = new List<string>();
        var rating = new List<string>();
        var pd = new List<double>();
        var sales = new List<double>();
        var kept = new List<string?[]>();
        var files = new List<string>();
        var rowNumbers = new List<long>();
        var failures = new List<RowFailure>();

        await ScanAsync(location, schema, stats, batch =>
        {
            var c = batch.Columns;
            for (int i = 0; i < batch.RowCount; i++)
            {
                var failure = default(RowFailure);
                if (batch.WrongFieldCount[i])
                {
                    failure.Check(RejectReason.WrongFieldCount, -1);
                }

                failure.Check(CellRules.String(c[0], i, true, out var id), 0);
                CellRules.String(c[1], i, false, out var ind);
                CellRules.String(c[2], i, false, out var reg);
                CellRules.String(c[3], i, false, out var rm);
                CellRules.String(c[4], i, false, out var rat);
                failure.Check(CellRules.Number(c[5], i, false, NumberRule.Probability, out double p), 5);
                failure.Check(CellRules.Number(c[6], i, false, NumberRule.NonNegative, out double s), 6);

                var keptValues = keptIndex.Length == 0 ? [] : new string?[keptIndex.Length];
                for (int k = 0; k < keptIndex.Length; k++)
                {
                    CellRules.String(c[keptIndex[k]], i, false, out keptValues[k]);
                }

                // A row with the wrong field count has no trustworthy key, so it never counts as carrying one.
                ids.Add(batch.WrongFieldCount[i] ? null : id);
                industry.Add(ind ?? Unknown);
                region.Add(reg ?? Unknown);
                rmId.Add(rm ?? Unknown);
                rating.Add(rat ?? Unknown);
                pd.Add(double.IsNaN(p) ? config.Risk.PdDefault : p);
                sales.Add(s);
                kept.Add(keptValues);
                files.Add(batch.File);
                rowNumbers.Add(batch.FirstRowNumber + i);
                failures.Add(failure);
            }
        }, cancellationToken).ConfigureAwait(false);

        var keyCount = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (id is not null)
            {
                keyCount[id] = keyCount.GetValueOrDefault(id) + 1;
            }
        }

        var accepted = new List<int>(ids.Count);
        for (int r = 0; r < ids.Count; r++)
        {
            var id = ids[r];
            Reject reject;
            if (id is not null && keyCount[id] > 1)
            {
                reject = new Reject(InputTables.Customers, files[r], rowNumbers[r], "customer_id", RejectReason.DuplicateKey);
            }
            else if (failures[r].Failed)
            {
                var f = failures[r];
                reject = new Reject(InputTables.Customers, files[r], rowNumbers[r], f.Column < 0 ? "" : schema.Columns[f.Column].Name,
                    f.Reason);
            }
            else
            {
                accepted.Add(r);
                continue;
            }

            rejects.Add(reject);
            if (trace is not null && string.Equals(id, trace.CustomerId, StringComparison.Ordinal))
            {
                trace.AddCustomerReject(reject);
            }
        }

        stats.Rejected = ids.Count - accepted.Count;
        stats.Accepted = accepted.Count;

        // Dense index order = ordinal id order, so every output is already sorted by customer_id.
        accepted.Sort((a, b) => string.CompareOrdinal(ids[a], ids[b]));
        int n = accepted.Count;
        var table = new CustomerTable
        {
            Ids = new string[n],
            Industry = new string[n],
            Region = new string[n],
            RmId = new string[n],
            Rating = new string[n],
            Pd = new double[n],
            AnnualSales = new double[n],
        };
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var confidential = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var name in confidentialColumnsToKeep)
        {
            confidential[name] = new string?[n];
        }

        for (int k = 0; k < n; k++)
        {
            int r = accepted[k];
            table.Ids[k] = ids[r]!;
            table.Industry[k] = industry[r];
            table.Region[k] = region[r];
            table.RmId[k] = rmId[r];
            table.Rating[k] = rating[r];
            table.Pd[k] = pd[r];
            table.AnnualSales[k] = sales[r];
            index.Add(ids[r]!, k);
            for (int e = 0; e < confidentialColumnsToKeep.Count; e++)
            {
                confidential[confidentialColumnsToKeep[e]][k] = kept[r][e];
            }
        }

        return new CustomerLoadResult(table, index, confidential);
    }

    private sealed class Staging
    {
        public readonly List<string?> Id = [];
        public readonly List<int> Customer = [];
        public readonly List<ProductType> Type = [];
        public readonly List<string> Currency = [];
        public readonly List<double> Avg = [], End = [], Limit = [], Client = [], Ftp = [], Lgd = [], Arrears = [], OrigPd = [], Prior = [];
        public readonly List<int> Open = [], Maturity = [], Dpd = [];
        public readonly List<string> File = [];
        public readonly List<long> Row = [];
        public readonly List<RowFailure> Failure = [];

        /// <summary>Makes room for <paramref name="more"/> rows beyond those staged.</summary>
        public void Reserve(long more)
        {
            int capacity = (int)Math.Min(Array.MaxLength, Id.Count + more);
            Id.EnsureCapacity(capacity);
            Customer.EnsureCapacity(capacity);
            Type.EnsureCapacity(capacity);
            Currency.EnsureCapacity(capacity);
            foreach (var list in new[] { Avg, End, Limit, Client, Ftp, Lgd, Arrears, OrigPd, Prior })
            {
                list.EnsureCapacity(capacity);
            }

            Open.EnsureCapacity(capacity);
            Maturity.EnsureCapacity(capacity);
            Dpd.EnsureCapacity(capacity);
            File.EnsureCapacity(capacity);
            Row.EnsureCapacity(capacity);
            Failure.EnsureCapacity(capacity);
        }
    }
}
