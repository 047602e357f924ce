namespace Analytics.IO.Generation.Internal;

/// <summary>
/// Drives a table whose rows come a few per customer: customers in order, the PRNG reseeded at each block of
/// <see cref="CustomerProfiles.BlockSize"/> customers, the chunk flushed before a customer that might not fit.
/// </summary>
internal abstract class PerCustomerTableGenerator(GenerationContext context, GeneratedTable table, int stream)
{
    protected GenerationContext Context { get; } = context;

    protected CustomerProfiles Profiles => Context.Profiles;

    protected DefectPlan? Plan => Context.Plan;

    /// <summary>Rows the table will have, when known before generating (for progress and chunk sizing).</summary>
    protected abstract long? ExpectedRows { get; }

    /// <summary>Most rows <see cref="EmitCustomer"/> appends for one customer.</summary>
    protected abstract int MaxRowsPerCustomer { get; }

    /// <summary>Appends the rows of customer <paramref name="c"/> (at most <see cref="MaxRowsPerCustomer"/>) at
    /// <c>chunk.Count</c>.</summary>
    protected abstract void EmitCustomer(int c, DeterministicRandom rng, TableChunk chunk);

    public async Task<long> WriteAsync(CancellationToken cancellationToken)
    {
        var options = Context.Options;
        long expected = ExpectedRows ?? (long)Profiles.Count * 2;
        var chunk = new TableChunk(table, Context.ChunkCapacity(expected));
        await using var output = new TableOutput(options.OutputDirectory, table, options.Format, 0, long.MaxValue, Context.Log);
        var rng = new DeterministicRandom(0);
        for (int c = 0; c < Profiles.Count; c++)
        {
            if (c % CustomerProfiles.BlockSize == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rng.Reset(DeterministicRandom.Derive(options.Seed, stream, c / CustomerProfiles.BlockSize));
            }

            if (chunk.Count + MaxRowsPerCustomer > chunk.Capacity)
            {
                await FlushAsync(output, chunk, cancellationToken).ConfigureAwait(false);
            }

            EmitCustomer(c, rng, chunk);
        }

        await FlushAsync(output, chunk, cancellationToken).ConfigureAwait(false);
        return output.RowsWritten;
    }

    private async Task FlushAsync(TableOutput output, TableChunk chunk, CancellationToken cancellationToken)
    {
        await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        chunk.Clear();
        Context.Progress?.Report(new GenerationProgress(table.Name, output.RowsWritten, ExpectedRows));
    }
}
