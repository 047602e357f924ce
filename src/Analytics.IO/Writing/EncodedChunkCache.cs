using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Analytics.ParquetFormat.Writing;

namespace Analytics.IO.Writing;

/// <summary>
/// Encoded column chunks shared by the tables of one run: a value array that several tables write (customer ids in
/// customer_profitability, customer_segments and early_warnings) is encoded once per row range. The chunk is a
/// function of those values alone, so sharing it changes no byte. Arrays used by one table only are not kept.
/// </summary>
public sealed class EncodedChunkCache
{
    private readonly HashSet<Array> _shared = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Key, Lazy<EncodedChunk>> _chunks = new();

    /// <summary>Prepares a cache for the columns that appear in more than one of <paramref name="tables"/>.</summary>
    public EncodedChunkCache(IEnumerable<OutputTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var seen = new HashSet<Array>(ReferenceEqualityComparer.Instance);
        foreach (var table in tables)
        {
            foreach (var column in table.Columns)
            {
                // A derived column is one table's own (and asking for its array would build it).
                if (!column.IsDerived && !seen.Add(column.Values))
                {
                    _shared.Add(column.Values);
                }
            }
        }
    }

    /// <summary>The chunk of rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="column"/>:
    /// pooled (<see cref="EncodedChunk.Pooled"/>) when no other table writes the same array, else shared and not pooled.</summary>
    internal EncodedChunk GetOrEncode(OutputColumn column, int start, int count)
    {
        if (column.IsDerived || !_shared.Contains(column.Values))
        {
            // Used by one file only: its pooled bytes go back once written (ParquetTableJob).
            return ParquetTableJob.Encode(column, start, count);
        }

        return _chunks.GetOrAdd(
            new Key(column.Values, column.Kind, start, count),
            _ => new Lazy<EncodedChunk>(() => ParquetChunkEncoder.Encode(ParquetTableJob.ColumnType(column.Kind), column.Values, start,
                count))).Value;
    }

    private readonly record struct Key(Array Values, OutputKind Kind, int Start, int Count)
    {
        public bool Equals(Key other) => ReferenceEquals(Values, other.Values) && Kind == other.Kind && Start == other.Start
            && Count == other.Count;

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Values), Kind, Start, Count);
    }
}
