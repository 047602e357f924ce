using Analytics.Core.Configuration;
using Analytics.Core.Data;
using Analytics.IO.Reading;

namespace Analytics.IO.Validation;

/// <summary>Accepted customers plus the lookup from customer_id to dense index.</summary>
internal sealed record CustomerLoadResult(
    CustomerTable Customers,
    Dictionary<string, int> Index,
    IReadOnlyDictionary<string, string?[]> ConfidentialValues);

/// <summary>
/// Validates the customers table. Duplicated ids are only known once every row is read, so rows are staged
/// first and decided after: a duplicated id rejects every row carrying it, whatever else is wrong with it.
/// </summary>
/// <remarks>
/// Blocks are staged column by column on several workers (<see cref="TableScanner.StageAsync"/>), in file order.
/// Ids already in strictly increasing order (the usual export) are unique and already in dense-index order, which
/// one pass over neighbours proves; otherwise the ids are sorted once, which both puts equal ids next to each other
/// (the duplicates) and gives the dense-index order.
/// </remarks>
internal static class CustomerLoader
{
    private const string Unknown = "UNKNOWN";

    // Staging slots; the kept confidential columns follow the string slots below.
    private const int Pd = 0, Sales = 1, DoubleSlots = 2;
    private const int Id = 0, Industry = 1, Region = 2, RmId = 3, Rating = 4, KeptFrom = 5;

    public static async Task<CustomerLoadResult> LoadAsync(
        TableLocation? location,
        EngineConfig config,
        IReadOnlyList<string> confidentialColumnsToKeep,
        TableStats stats,
        RejectLog rejects,
        CustomerTrace? trace,
        int threads,
        CancellationToken cancellationToken)
    {
        var schema = InputTables.CustomerSchema(confidentialColumnsToKeep);
        int[] keptIndex = new int[confidentialColumnsToKeep.Count];
        for (int k = 0; k < keptIndex.Length; k++)
        {
            keptIndex[k] = schema.IndexOf(confidentialColumnsToKeep[k]);
        }

        double pdDefault = config.Risk.PdDefault;
        var staged = await TableScanner.StageAsync(
            location,
            schema,
            stats,
            threads,
            (DoubleSlots, 0, KeptFrom + keptIndex.Length),
            () => 0,
            (_, batch, buffer, _) => Stage(batch, buffer, keptIndex, pdDefault),
            cancellationToken).ConfigureAwait(false);

        var s = staged.Rows;
        int count = s.Count;
        var ids = s.Strings[Id];
        var failures = s.Failures;
        bool idsInOrder = DuplicateKeys.StrictlyIncreasing(ids, count);
        int[]? byId = null;
        int withId = 0;
        if (!idsInOrder)
        {
            byId = SortById(ids, count, failures, out withId);
        }

        var accepted = new int[count];
        int n = 0;
        for (int f = 0; f + 1 < staged.FileStart.Length; f++)
        {
            string file = location!.Files[f].DisplayName;
            int first = staged.FileStart[f];
            for (int r = first; r < staged.FileStart[f + 1]; r++)
            {
                int code = failures[r];
                if (code == StagedFailure.None)
                {
                    accepted[n++] = r;
                    continue;
                }

                var reject = StagedFailure.ToReject(InputTables.Customers, file, r - first + 1, schema, code);
                rejects.Add(reject);
                if (trace is not null && string.Equals(ids[r], trace.CustomerId, StringComparison.Ordinal))
                {
                    trace.AddCustomerReject(reject);
                }
            }
        }

        stats.Rejected = count - n;
        stats.Accepted = n;

        // Dense index order = ordinal id order, so every output is already sorted by customer_id.
        var order = accepted;
        if (!idsInOrder)
        {
            int k = 0;
            for (int j = 0; j < withId; j++)
            {
                if (failures[byId![j]] == StagedFailure.None)
                {
                    order[k++] = byId[j];
                }
            }
        }

        bool identity = StagedOrder.IsIdentity(order, n, count);
        var table = new CustomerTable
        {
            Ids = StagedOrder.Gather(ids, order, n, identity)!,
            Industry = StagedOrder.Gather(s.Strings[Industry], order, n, identity)!,
            Region = StagedOrder.Gather(s.Strings[Region], order, n, identity)!,
            RmId = StagedOrder.Gather(s.Strings[RmId], order, n, identity)!,
            Rating = StagedOrder.Gather(s.Strings[Rating], order, n, identity)!,
            Pd = StagedOrder.Gather(s.Doubles[Pd], order, n, identity),
            AnnualSales = StagedOrder.Gather(s.Doubles[Sales], order, n, identity),
        };
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int k = 0; k < n; k++)
        {
            index.Add(table.Ids[k], k);
        }

        var confidential = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (int e = 0; e < confidentialColumnsToKeep.Count; e++)
        {
            confidential[confidentialColumnsToKeep[e]] = StagedOrder.Gather(s.Strings[KeptFrom + e], order, n, identity);
        }

        return new CustomerLoadResult(table, index, confidential);
    }

    /// <summary>Checks one batch column by column (schema order, so each row keeps its first failure) into the staging slots.</summary>
    private static void Stage(ColumnBatch batch, StagingBuffer buffer, int[] keptIndex, double pdDefault)
    {
        int at = buffer.Place(batch);
        int n = batch.RowCount;
        var failures = buffer.Failures;
        var strings = buffer.Strings;
        StagedRules.Start(batch, failures, at);
        StagedRules.Strings(batch, CustomerColumn.CustomerId, true, strings[Id], at, failures);
        StagedRules.Strings(batch, CustomerColumn.Industry, false, strings[Industry], at, failures, Unknown);
        StagedRules.Strings(batch, CustomerColumn.Region, false, strings[Region], at, failures, Unknown);
        StagedRules.Strings(batch, CustomerColumn.RmId, false, strings[RmId], at, failures, Unknown);
        StagedRules.Strings(batch, CustomerColumn.Rating, false, strings[Rating], at, failures, Unknown);
        StagedRules.Numbers(batch, CustomerColumn.Pd, false, NumberRule.Probability, buffer.Doubles[Pd], at, failures);
        StagedRules.Numbers(batch, CustomerColumn.AnnualSales, false, NumberRule.NonNegative, buffer.Doubles[Sales], at, failures);
        for (int k = 0; k < keptIndex.Length; k++)
        {
            StagedRules.Strings(batch, keptIndex[k], false, strings[KeptFrom + k], at, failures);
        }

        var pd = buffer.Doubles[Pd];
        var wrong = batch.WrongFieldCount;
        var ids = strings[Id];
        for (int i = 0; i < n; i++)
        {
            int r = at + i;
            if (double.IsNaN(pd[r]))
            {
                pd[r] = pdDefault;
            }

            // A row with the wrong field count has no trustworthy key, so it never counts as carrying one.
            if (wrong[i])
            {
                ids[r] = null;
            }
        }
    }

    /// <summary>
    /// The rows that carry an id, in ordinal id order, marking every row of an id that occurs more than once (equal
    /// ids end up next to each other; their relative order does not matter, as all of them are rejected).
    /// </summary>
    private static int[] SortById(string?[] ids, int count, int[] failures, out int withId)
    {
        withId = 0;
        for (int r = 0; r < count; r++)
        {
            if (ids[r] is not null)
            {
                withId++;
            }
        }

        var keys = new string[withId];
        var rows = new int[withId];
        int k = 0;
        for (int r = 0; r < count; r++)
        {
            if (ids[r] is { } id)
            {
                keys[k] = id;
                rows[k++] = r;
            }
        }

        Array.Sort(keys, rows, StringComparer.Ordinal);
        int duplicate = StagedFailure.Of(RejectReason.DuplicateKey, CustomerColumn.CustomerId);
        for (int j = 1; j < withId; j++)
        {
            if (string.Equals(keys[j], keys[j - 1], StringComparison.Ordinal))
            {
                failures[rows[j - 1]] = duplicate;
                failures[rows[j]] = duplicate;
            }
        }

        return rows;
    }
}
