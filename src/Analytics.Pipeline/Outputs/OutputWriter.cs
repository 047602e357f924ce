using System.Collections.Concurrent;
using Analytics.IO.Writing;
using Analytics.Pipeline.Reporting;

namespace Analytics.Pipeline.Outputs;

/// <summary>
/// Writes a run's files into the staging folder: every output table, reconciliation.json and report.html, and hashes
/// the input files for the manifest, all as independent work items on up to <c>threads</c> threads. Parquet tables
/// are split into column chunks, so one large table does not leave a thread idle; each chunk and each file is a
/// function of its own inputs, so no byte depends on the thread count. Returns the SHA-256 of every file it hashed
/// or wrote (full path → lowercase hex) for the manifest.
/// </summary>
internal static class OutputWriter
{
    public static IReadOnlyDictionary<string, string> Write(
        IReadOnlyList<OutputTable> tables,
        OutputFormat format,
        string staging,
        ReconciliationReport reconciliation,
        ReportInput report,
        IReadOnlyList<string> inputFiles,
        IReadOnlyDictionary<string, string>? inputHashes,
        int threads,
        CancellationToken cancellationToken)
    {
        var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var items = new List<Action>();
        if (inputHashes is not null)
        {
            // Hashed earlier (while the clusters trained): nothing left to hash here.
            foreach (var (file, hash) in inputHashes)
            {
                hashes[file] = hash;
            }

            inputFiles = [];
        }

        // Longest single items first (the report renders its charts on one thread; the largest input file hashes in
        // one pass), then the many short table chunks, which even out the threads' finishing times.
        items.Add(() => HtmlReport.Write(Path.Combine(staging, "report.html"), report));
        var inputs = new List<string>(inputFiles);
        inputs.Sort((a, b) => new FileInfo(b).Length.CompareTo(new FileInfo(a).Length));
        if (inputs.Count > 0)
        {
            string largest = inputs[0];
            items.Add(() => hashes[Path.GetFullPath(largest)] = FileHash.Sha256(largest));
        }

        var cache = new EncodedChunkCache(tables);
        var jobs = new List<ParquetTableJob>();
        foreach (var table in tables)
        {
            if (format == OutputFormat.Csv)
            {
                string path = Path.Combine(staging, table.Name + ".csv");
                items.Add(() => CsvTableWriter.WriteAsync(table, path, cancellationToken).GetAwaiter().GetResult());
                continue;
            }

            var job = new ParquetTableJob(table, Path.Combine(staging, table.Name + ".parquet"), cache);
            jobs.Add(job);
            AddParquet(items, hashes, job);
        }

        for (int i = 1; i < inputs.Count; i++)
        {
            string file = inputs[i];
            items.Add(() => hashes[Path.GetFullPath(file)] = FileHash.Sha256(file));
        }

        items.Add(() => reconciliation.WriteJson(Path.Combine(staging, "reconciliation.json")));
        try
        {
            OrderedWork.Run(items, threads, cancellationToken);
        }
        finally
        {
            // A job stopped by another item's failure still holds its half-written file open.
            foreach (var job in jobs)
            {
                job.Dispose();
            }
        }

        return hashes;
    }

    private static void AddParquet(List<Action> items, ConcurrentDictionary<string, string> hashes, ParquetTableJob job)
    {
        int remaining = job.ChunkCount;
        for (int i = 0; i < job.ChunkCount; i++)
        {
            int chunk = i;
            items.Add(() =>
            {
                job.EncodeChunk(chunk);
                // Chunks stream into the file as they are encoded; whichever thread encodes the last one writes the footer.
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    hashes[Path.GetFullPath(job.Path)] = job.WriteFile();
                }
            });
        }
    }
}
