namespace Analytics.Core.Numerics;

/// <summary>
/// The exact sum of any doubles, rounded once at the end (Shewchuk's non-overlapping partials, as in Python's
/// <c>math.fsum</c>). Why: a sum split over customer ranges and added up in another order must give the same bits as
/// one pass over every customer, for values of any magnitude — fixed point (<see cref="ExactSum"/>) rounds values
/// below 16 to 2^-48, too coarse for shares, ratios and z-scores. The exact sum is one number whatever the order, so
/// its rounding is too; partial sums merge exactly (<see cref="Add(ExactDoubleSum)"/>) and travel as their partials.
/// Values must be finite.
/// </summary>
internal sealed class ExactDoubleSum
{
    // The partials live in a plain array with a count rather than a List<double>: the ahead-of-time compiler cannot
    // precompile CoreLib's List<double> for this assembly, so its methods ran unoptimised at start-up, and the sums
    // are on the scoring path. The algorithm is unchanged.
    private double[] _partials;
    private int _count;

    /// <summary>An empty sum.</summary>
    public ExactDoubleSum() => _partials = new double[4];

    /// <summary>The partials (non-overlapping, increasing magnitude) whose exact sum this is.</summary>
    public double[] Partials => _partials.AsSpan(0, _count).ToArray();

    /// <summary>Rebuilds a sum from its <see cref="Partials"/>.</summary>
    public static ExactDoubleSum From(double[] partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var sum = new ExactDoubleSum();
        foreach (double p in partials) sum.Add(p);
        return sum;
    }

    /// <summary>Adds <paramref name="x"/> exactly.</summary>
    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), "Only finite values can be summed exactly.");
        }

        var partials = _partials;
        int count = _count;
        int i = 0;
        for (int j = 0; j < count; j++)
        {
            double y = partials[j];
            if (Math.Abs(x) < Math.Abs(y))
            {
                (x, y) = (y, x);
            }

            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0)
            {
                partials[i++] = lo;
            }

            x = hi;
        }

        if (i == partials.Length)
        {
            Array.Resize(ref _partials, partials.Length * 2);
        }

        _partials[i] = x;
        _count = i + 1;
    }

    /// <summary>Adds every value of <paramref name="other"/> exactly (merging partial sums).</summary>
    public void Add(ExactDoubleSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        // A copy when adding a sum to itself, whose partials change as they are added.
        var partials = ReferenceEquals(other, this) ? Partials : other._partials;
        int count = other._count;
        for (int k = 0; k < count; k++)
        {
            Add(partials[k]);
        }
    }

    /// <summary>The exact sum rounded to the nearest double (ties to even).</summary>
    public double Value()
    {
        var partials = _partials;
        int n = _count;
        if (n == 0)
        {
            return 0;
        }

        double hi = partials[--n];
        double lo = 0;
        while (n > 0)
        {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0)
            {
                break;
            }
        }

        // Half-way cases: the partials below decide the direction of the rounding.
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)))
        {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr)
            {
                hi = x;
            }
        }

        return hi;
    }
}
