namespace Analytics.IO.Generation.Internal;

/// <summary>Writes chunks of one table into one file.</summary>
internal interface IChunkFileWriter : IAsyncDisposable
{
    ValueTask WriteAsync(TableChunk chunk, CancellationToken cancellationToken);
}
