using System.Text;
using Sylvan.Data.Csv;

namespace Analytics.IO.Reading;

/// <summary>
/// Reads a CSV file (docs/METHODOLOGY.md §1: UTF-8, RFC 4180, header row, ',' only, empty field = null) as one block of batches of
/// <see cref="BatchRows"/> rows. Row numbers count data records: the header is not counted, a quoted field spanning
/// lines is one record, and blank lines are skipped without being counted.
/// </summary>
internal sealed class CsvTableReader : ITableFileReader
{
    public const int BatchRows = 16_384;

    /// <summary>A record must fit Sylvan's buffer, which grows up to this many characters.</summary>
    public const int MaxRecordChars = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TableFile _file;
    private readonly TableSchema _schema;
    private OpenFile? _pending;
    private int _disposed;

    private CsvTableReader(TableFile file, TableSchema schema, OpenFile opened)
    {
        _file = file;
        _schema = schema;
        _pending = opened;
    }

    public string File => _file.DisplayName;

    public int BlockCount => 1;

    public static async ValueTask<ITableFileReader> OpenAsync(TableFile file, TableSchema schema, CancellationToken cancellationToken)
    {
        var opened = await OpenFile.OpenAsync(file, schema, cancellationToken).ConfigureAwait(false);
        return new CsvTableReader(file, schema, opened);
    }

    public async ValueTask ReadBlockAsync(int block, Action<ColumnBatch> consume, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(block, 0);
        ArgumentNullException.ThrowIfNull(consume);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // The file opened (and header-checked) by OpenAsync serves the first read; a repeated read opens it again.
        var opened = Interlocked.Exchange(ref _pending, null)
                     ?? await OpenFile.OpenAsync(_file, _schema, cancellationToken).ConfigureAwait(false);
        try
        {
            opened.ReadAll(_schema, consume, cancellationToken);
        }
        finally
        {
            opened.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Interlocked.Exchange(ref _pending, null)?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>An open file positioned after its checked header.</summary>
    private sealed class OpenFile : IDisposable
    {
        private readonly TableFile _file;
        private readonly CsvDataReader _csv;
        private readonly int[] _ordinals;
        private readonly int _headerFieldCount;

        private OpenFile(TableFile file, CsvDataReader csv, int[] ordinals)
        {
            _file = file;
            _csv = csv;
            _ordinals = ordinals;
            _headerFieldCount = csv.FieldCount;
        }

        public static async ValueTask<OpenFile> OpenAsync(TableFile file, TableSchema schema, CancellationToken cancellationToken)
        {
            StreamReader text;
            try
            {
                var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                // The StreamReader drops a UTF-8 byte order mark; invalid UTF-8 throws rather than becoming U+FFFD.
                text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ReadingErrors.CannotOpen(file.DisplayName, e);
            }

            var options = new CsvDataReaderOptions
            {
                HasHeaders = true,
                // A fixed delimiter: auto-detection could silently read a ';' file the way a person did not mean.
                Delimiter = ',',
                Quote = '"',
                Escape = '"',
                CsvStyle = CsvStyle.Standard,
                // Sylvan skips lines starting with '#' by default, which would drop data rows silently.
                Comment = '\0',
                BufferSize = 1 << 16,
                MaxBufferSize = MaxRecordChars,
                OwnsReader = true,
            };

            CsvDataReader csv;
            try
            {
                csv = await CsvDataReader.CreateAsync(text, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(file, e, row: 0) is { } error)
            {
                text.Dispose();
                throw error;
            }
            catch
            {
                text.Dispose();
                throw;
            }

            try
            {
                return new OpenFile(file, csv, ResolveColumns(file, schema, csv));
            }
            catch
            {
                csv.Dispose();
                throw;
            }
        }

        /// <summary>Header position of each requested column, or −1 for an absent optional one.</summary>
        private static int[] ResolveColumns(TableFile file, TableSchema schema, CsvDataReader csv)
        {
            var ordinals = new int[schema.Columns.Count];
            for (int c = 0; c < ordinals.Length; c++)
            {
                var column = schema.Columns[c];
                int found = -1;
                for (int i = 0; i < csv.FieldCount; i++)
                {
                    if (string.Equals(csv.GetName(i), column.Name, StringComparison.Ordinal))
                    {
                        // Only requested columns must be unique: extra columns are ignored (docs/METHODOLOGY.md §1), even when repeated.
                        if (found >= 0)
                        {
                            throw ReadingErrors.DuplicateHeader(file.DisplayName, column.Name);
                        }

                        found = i;
                    }
                }

                if (found < 0 && column.MustExist)
                {
                    throw ReadingErrors.MissingColumn(file.DisplayName, column, ReadingErrors.ExpectedCsv(column.Kind), DelimiterHint(csv));
                }

                ordinals[c] = found;
            }

            return ordinals;
        }

        /// <summary>A one-column header holding ';' or a tab is almost certainly another delimiter.</summary>
        private static string? DelimiterHint(CsvDataReader csv)
        {
            if (csv.FieldCount != 1)
            {
                return null;
            }

            string name = csv.GetName(0);
            char? other = name.Contains(';') ? ';' : name.Contains('\t') ? '\t' : null;
            return other is { } d
                ? $"The header looks {(d == ';' ? "semicolon" : "tab")}-separated; CSV input must be comma-separated."
                : null;
        }

        public void ReadAll(TableSchema schema, Action<ColumnBatch> consume, CancellationToken cancellationToken)
        {
            var batch = new ColumnBatch(schema, BatchRows) { File = _file.DisplayName, FirstRowNumber = 1 };
            var interners = new StringInterner?[_ordinals.Length];
            for (int c = 0; c < interners.Length; c++)
            {
                if (schema.Columns[c].Kind == ColumnKind.String)
                {
                    interners[c] = StringInterner.For(schema.Columns[c]);
                    batch.Columns[c].SymbolSpace = interners[c];
                }
            }

            long rowsDone = 0;
            int n = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = _csv.Read();
                }
                catch (Exception e) when (Translate(_file, e, rowsDone + 1) is { } error)
                {
                    throw error;
                }

                if (!more)
                {
                    break;
                }

                int fieldCount = _csv.RowFieldCount;
                if (fieldCount == 1 && IsBlankLine())
                {
                    continue;
                }

                if (fieldCount != _headerFieldCount)
                {
                    batch.WrongFieldCount[n] = true;
                    SetRowNull(batch, n);
                }
                else
                {
                    batch.WrongFieldCount[n] = false;
                    ParseRow(batch, n, interners);
                }

                rowsDone++;
                if (++n == BatchRows)
                {
                    batch.RowCount = n;
                    consume(batch);
                    batch.FirstRowNumber = rowsDone + 1;
                    n = 0;
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (n > 0)
            {
                batch.RowCount = n;
                consume(batch);
            }
        }

        /// <summary>An empty line (not a quoted empty field): no characters before the line end.</summary>
        private bool IsBlankLine()
        {
            if (!_csv.GetFieldSpan(0).IsEmpty)
            {
                return false;
            }

            return _csv.GetRawRecordSpan().TrimEnd("\r\n").IsEmpty;
        }

        private void SetRowNull(ColumnBatch batch, int row)
        {
            for (int c = 0; c < _ordinals.Length; c++)
            {
                SetNull(batch.Columns[c], row);
            }
        }

        private static void SetNull(ColumnData column, int row)
        {
            column.State[row] = CellState.Null;
            switch (column.Kind)
            {
                case ColumnKind.String: column.Strings![row] = null; column.Symbols![row] = StringInterner.NoSymbol; break;
                case ColumnKind.Double: column.Doubles![row] = 0; break;
                default: column.Ints![row] = 0; break;
            }
        }

        private void ParseRow(ColumnBatch batch, int row, StringInterner?[] interners)
        {
            for (int c = 0; c < _ordinals.Length; c++)
            {
                var column = batch.Columns[c];
                int ordinal = _ordinals[c];
                if (ordinal < 0)
                {
                    SetNull(column, row);
                    continue;
                }

                ReadOnlySpan<char> text = _csv.GetFieldSpan(ordinal);
                if (text.IsEmpty)
                {
                    SetNull(column, row);
                    continue;
                }

                bool ok;
                switch (column.Kind)
                {
                    case ColumnKind.String:
                        column.Strings![row] = interners[c]!.Intern(text, out column.Symbols![row]);
                        ok = true;
                        break;
                    case ColumnKind.Double:
                        ok = CsvValueParser.TryParseDouble(text, out column.Doubles![row]);
                        break;
                    case ColumnKind.Int:
                        ok = CsvValueParser.TryParseInt(text, out column.Ints![row]);
                        break;
                    default:
                        ok = CsvValueParser.TryParseDate(text, out column.Ints![row]);
                        break;
                }

                column.State[row] = ok ? CellState.Value : CellState.Unparsable;
            }
        }

        /// <summary>
        /// Turns Sylvan and decoder exceptions into the engine's input errors, or null for anything else;
        /// <paramref name="row"/> is the data record being read (0 for the header).
        /// </summary>
        private static Core.Errors.InputException? Translate(TableFile file, Exception e, long row) => e switch
        {
            CsvMissingHeadersException => ReadingErrors.MissingHeader(file.DisplayName),
            // Sylvan reports an unterminated field with the quote itself as the offending character; any other
            // character is text found after a closing quote.
            CsvInvalidCharacterException { InvalidCharacter: '"' } => ReadingErrors.UnterminatedQuote(file.DisplayName, row),
            CsvInvalidCharacterException => ReadingErrors.MalformedQuote(file.DisplayName, row),
            CsvRecordTooLargeException => ReadingErrors.RecordTooLarge(file.DisplayName, row, MaxRecordChars),
            DecoderFallbackException => ReadingErrors.NotUtf8(file.DisplayName, Utf8Locator.FirstInvalidLine(file.Path), e),
            IOException or UnauthorizedAccessException => ReadingErrors.CannotOpen(file.DisplayName, e),
            _ => null,
        };

        public void Dispose() => _csv.Dispose();
    }
}
