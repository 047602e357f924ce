using System.Text;
using Analytics.IO.Reading;

namespace Analytics.Cluster;

/// <summary>
/// Rows of one table as read (cells not yet validated) that one split routed to one partition: the columns of a
/// <see cref="ColumnBatch"/> plus, per row, its 1-based row number in the original file. Written by the map step
/// to shared storage through a temporary name and a rename, so a split that runs twice (its worker was lost)
/// leaves one complete file whichever attempt finishes last; read back by the partition that owns the rows.
/// </summary>
internal static class ShuffleFile
{
    private const int Magic = 0x46534E41; // "ANSF"

    /// <summary>Collects routed rows for one partition, column by column.</summary>
    public sealed class Builder(TableSchema schema)
    {
        private readonly List<CellState>[] _states = Init<CellState>(schema.Columns.Count);
        private readonly List<string?>[] _strings = Init<string?>(schema.Columns.Count);
        private readonly List<double>[] _doubles = Init<double>(schema.Columns.Count);
        private readonly List<int>[] _ints = Init<int>(schema.Columns.Count);
        private readonly List<bool> _wrongFieldCount = [];
        private readonly List<long> _rowNumbers = [];

        public int Count => _rowNumbers.Count;

        /// <summary>Copies row <paramref name="row"/> of <paramref name="batch"/> (the reader may reuse the batch).</summary>
        public void Add(ColumnBatch batch, int row)
        {
            for (int c = 0; c < batch.Columns.Length; c++)
            {
                var column = batch.Columns[c];
                var state = column.State[row];
                _states[c].Add(state);
                switch (column.Kind)
                {
                    case ColumnKind.String: _strings[c].Add(state == CellState.Value ? column.Strings![row] : null); break;
                    case ColumnKind.Double: _doubles[c].Add(state == CellState.Value ? column.Doubles![row] : 0); break;
                    default: _ints[c].Add(state == CellState.Value ? column.Ints![row] : 0); break;
                }
            }

            _wrongFieldCount.Add(batch.WrongFieldCount[row]);
            _rowNumbers.Add(batch.FirstRowNumber + row);
        }

        /// <summary>Writes the rows to <paramref name="path"/> atomically (temporary file, then rename over any earlier attempt's).</summary>
        public void WriteTo(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var w = new BinaryWriter(stream, Encoding.UTF8))
            {
                w.Write(Magic);
                w.Write(schema.Columns.Count);
                w.Write(Count);
                foreach (long n in _rowNumbers) w.Write(n);
                foreach (bool b in _wrongFieldCount) w.Write(b);
                for (int c = 0; c < schema.Columns.Count; c++)
                {
                    w.Write((byte)schema.Columns[c].Kind);
                    foreach (var s in _states[c]) w.Write((byte)s);
                    switch (schema.Columns[c].Kind)
                    {
                        case ColumnKind.String:
                            foreach (var s in _strings[c])
                            {
                                if (s is not null) w.Write(s);
                            }

                            break;
                        case ColumnKind.Double:
                            foreach (double d in _doubles[c]) w.Write(d);
                            break;
                        default:
                            foreach (int i in _ints[c]) w.Write(i);
                            break;
                    }
                }

                w.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }

        private static List<T>[] Init<T>(int n)
        {
            var lists = new List<T>[n];
            for (int i = 0; i < n; i++) lists[i] = [];
            return lists;
        }
    }

    /// <summary>Reads the row count and original row numbers of a file without its cells.</summary>
    public static long[] ReadRowNumbers(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        ReadHeader(r, out _, out int rows);
        var numbers = new long[rows];
        for (int i = 0; i < rows; i++) numbers[i] = r.ReadInt64();
        return numbers;
    }

    /// <summary>Reads a file into <paramref name="batch"/> (grown as needed) and returns its original row numbers.</summary>
    public static long[] ReadInto(string path, ColumnBatch batch)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        ReadHeader(r, out int columns, out int rows);
        if (columns != batch.Columns.Length)
        {
            throw new InvalidDataException($"{path}: {columns} columns shuffled, {batch.Columns.Length} expected; the workers and the coordinator disagree on the schema.");
        }

        batch.EnsureCapacity(Math.Max(rows, 1));
        var numbers = new long[rows];
        for (int i = 0; i < rows; i++) numbers[i] = r.ReadInt64();
        for (int i = 0; i < rows; i++) batch.WrongFieldCount[i] = r.ReadBoolean();
        for (int c = 0; c < columns; c++)
        {
            var column = batch.Columns[c];
            var kind = (ColumnKind)r.ReadByte();
            if (kind != column.Kind)
            {
                throw new InvalidDataException($"{path}: column {c} shuffled as {kind}, {column.Kind} expected.");
            }

            for (int i = 0; i < rows; i++) column.State[i] = (CellState)r.ReadByte();
            switch (kind)
            {
                case ColumnKind.String:
                    for (int i = 0; i < rows; i++) column.Strings![i] = column.State[i] == CellState.Value ? r.ReadString() : null;
                    break;
                case ColumnKind.Double:
                    for (int i = 0; i < rows; i++) column.Doubles![i] = r.ReadDouble();
                    break;
                default:
                    for (int i = 0; i < rows; i++) column.Ints![i] = r.ReadInt32();
                    break;
            }
        }

        batch.RowCount = rows;
        return numbers;
    }

    private static void ReadHeader(BinaryReader r, out int columns, out int rows)
    {
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not a shuffle file of this engine.");
        }

        columns = r.ReadInt32();
        rows = r.ReadInt32();
    }
}
