namespace Analytics.IO.Generation.Internal;

/// <summary>
/// The <c>fees</c> table, the high-volume one. A customer's fees may span blocks, so the generator keeps a cursor
/// (customer, rows left) and fills each block up to the row group size or the end of the current part file.
/// Amounts are lognormal per fee type (a bigger customer books more fees, see <see cref="CustomerProfiles"/>, not bigger
/// ones); about 3 % are reversals and 5 % are booked outside the period.
/// </summary>
internal sealed class FeeRowsGenerator
{
    private readonly GenerationContext _context;
    private readonly CustomerProfiles _profiles;
    private readonly DefectPlan? _plan;
    private readonly DeterministicRandom _rng = new(0);
    private readonly DateOnly _periodStart;
    private readonly int _periodDays;

    private int _customer = -1;
    private int _left;
    private int _rowInCustomer;
    private FeeDefect? _defect;

    public FeeRowsGenerator(GenerationContext context)
    {
        _context = context;
        _profiles = context.Profiles;
        _plan = context.Plan;
        _periodStart = context.Options.Period.Start;
        _periodDays = context.Options.Period.End.DayNumber - _periodStart.DayNumber + 1;
    }

    public async Task<long> WriteAsync(CancellationToken cancellationToken)
    {
        var options = _context.Options;
        long total = _profiles.TotalFees;
        var table = GeneratedTables.Fees;
        var chunk = new TableChunk(table, _context.ChunkCapacity(total));
        await using var output = new TableOutput(options.OutputDirectory, table, options.Format, total, options.FeeRowsPerFile,
            _context.Log);
        while (true)
        {
            int limit = (int)Math.Min(chunk.Capacity, output.RoomInFile);
            if (limit <= 0)
            {
                throw new InvalidOperationException("The fee output has no room for a block; it would never finish.");
            }

            bool more = Fill(chunk, limit, cancellationToken);
            await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            chunk.Clear();
            _context.Progress?.Report(new GenerationProgress(table.Name, output.RowsWritten, total));
            if (!more)
            {
                return output.RowsWritten;
            }
        }
    }

    /// <summary>Appends rows until <paramref name="limit"/> rows are buffered; false when every customer is done.</summary>
    private bool Fill(TableChunk chunk, int limit, CancellationToken cancellationToken)
    {
        var customerIds = chunk.Strings("customer_id");
        var types = chunk.Strings("fee_type");
        var amounts = chunk.Doubles("amount");
        var currencies = chunk.Strings("currency");
        var dates = chunk.Dates("booking_date");
        var rng = _rng;
        var feeTypes = SyntheticVocabulary.FeeTypes;
        string id = _customer >= 0 && _customer < _profiles.Count ? _profiles.Ids[_customer] : "";
        bool rejectedCustomer = _plan is not null && _customer >= 0 && _customer < _profiles.Count && _plan.IsRejectedCustomer(_customer);

        while (chunk.Count < limit)
        {
            if (_left == 0)
            {
                if (!NextCustomer(cancellationToken))
                {
                    return false;
                }

                id = _profiles.Ids[_customer];
                rejectedCustomer = _plan is not null && _plan.IsRejectedCustomer(_customer);
                continue;
            }

            int r = chunk.Count++;
            int type = rng.Pick(SyntheticVocabulary.FeeTypeCumulative);
            double amount = rng.LogNormal(SyntheticVocabulary.FeeMedianCny[type], SyntheticVocabulary.FeeSigma[type]);
            if (rng.Chance(0.03))
            {
                amount = -amount;
            }

            double u = rng.NextDouble();
            string? currency;
            if (u < 0.88) currency = SyntheticVocabulary.Cny;
            else if (u < 0.93) { currency = SyntheticVocabulary.Usd; amount /= SyntheticVocabulary.UsdRate; }
            else if (u < 0.96) { currency = SyntheticVocabulary.Eur; amount /= SyntheticVocabulary.EurRate; }
            else currency = null;

            DateOnly date;
            if (rng.Chance(0.95))
            {
                date = _periodStart.AddDays(rng.Next(_periodDays));
            }
            else
            {
                // Out-of-period bookings: mostly late postings of the previous month, some early ones of the next.
                date = rng.Chance(0.7) ? _periodStart.AddDays(-rng.Next(1, 31)) : _context.Options.Period.End.AddDays(rng.Next(1, 16));
            }

            customerIds[r] = id;
            types[r] = feeTypes[type];
            amounts[r] = GenerationContext.Round2(amount);
            currencies[r] = currency;
            dates[r] = date;

            if (rejectedCustomer)
            {
                chunk.Defects.Add(new PendingDefect(r, "customer_id", PlantedDefectKind.UnknownCustomer, null));
            }
            else if (_defect is { } defect && _rowInCustomer == 0)
            {
                Plant(chunk, r, defect);
            }

            _rowInCustomer++;
            _left--;
        }

        return true;
    }

    private bool NextCustomer(CancellationToken cancellationToken)
    {
        do
        {
            _customer++;
            if (_customer >= _profiles.Count)
            {
                return false;
            }

            if (_customer % CustomerProfiles.BlockSize == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _rng.Reset(DeterministicRandom.Derive(_context.Options.Seed, GenerationStreams.Fees,
                    _customer / CustomerProfiles.BlockSize));
            }

            _left = _profiles.FeeCount[_customer];
        }
        while (_left == 0);

        _rowInCustomer = 0;
        _defect = _plan is not null && _plan.Fees.TryGetValue(_customer, out var d) ? d : null;

        return true;
    }

    private void Plant(TableChunk chunk, int r, FeeDefect defect)
    {
        switch (defect)
        {
            case FeeDefect.UnknownCustomer:
                chunk.Strings("customer_id")[r] = _plan!.UnknownCustomerId;
                chunk.Defects.Add(new PendingDefect(r, "customer_id", PlantedDefectKind.UnknownCustomer, null));
                break;
            case FeeDefect.NotANumber:
                chunk.Doubles("amount")[r] = double.NaN;
                chunk.Defects.Add(new PendingDefect(r, "amount", PlantedDefectKind.NotANumber, null));
                break;
            case FeeDefect.UnparsableInCsv:
                // Parquet cannot hold text in a DOUBLE column, so the Parquet file carries NaN in the same cell.
                chunk.Doubles("amount")[r] = double.NaN;
                chunk.CsvOverrides.Add(new CsvOverride(r, GeneratedTables.Fees.IndexOf("amount"), "1,250.00"));
                chunk.Defects.Add(new PendingDefect(r, "amount", PlantedDefectKind.NotANumber, Reading.TableFileFormat.Parquet));
                chunk.Defects.Add(new PendingDefect(r, "amount", PlantedDefectKind.Unparsable, Reading.TableFileFormat.Csv));
                break;
            case FeeDefect.Infinite:
                chunk.Doubles("amount")[r] = double.NegativeInfinity;
                chunk.Defects.Add(new PendingDefect(r, "amount", PlantedDefectKind.Infinite, null));
                break;
            case FeeDefect.DateOutOfRange:
                chunk.Dates("booking_date")[r] = new DateOnly(1899, 12, 31);
                chunk.Defects.Add(new PendingDefect(r, "booking_date", PlantedDefectKind.DateOutOfRange, null));
                break;
            case FeeDefect.UnknownCurrency:
                chunk.Strings("currency")[r] = "XXX";
                chunk.Defects.Add(new PendingDefect(r, "currency", PlantedDefectKind.UnknownCurrency, null));
                break;
            default:
                // CSV only: the Parquet row stays valid, so the CSV variant has one reject more.
                chunk.CsvExtraFieldRows.Add(r);
                chunk.Defects.Add(new PendingDefect(r, null, PlantedDefectKind.WrongFieldCount, Reading.TableFileFormat.Csv));
                break;
        }
    }
}
