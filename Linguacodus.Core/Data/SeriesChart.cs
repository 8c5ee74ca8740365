namespace Linguacodus.Core.Data;

/// <summary>
/// A series' target over its training period, as the mean of consecutive rows (at most <see cref="RowBuckets.Capacity"/>
/// points), for a picture of how it moves; the period to forecast is <see cref="SeriesAxis.TestStart"/> on.
/// </summary>
/// <param name="Points">The points in date order.</param>
/// <param name="RowsPerPoint">Training rows averaged into each point.</param>
public sealed record SeriesChart(IReadOnlyList<SeriesPoint> Points, long RowsPerPoint);

/// <summary>The first date of a run of rows and the mean of the target over them; null when all were blank.</summary>
public sealed record SeriesPoint(DateTime Start, double? Mean);

/// <summary>
/// A column's values in row order, summed into at most <see cref="Capacity"/> buckets of equal row count, and the first
/// date in each: when the buckets are full, neighbours merge and each then holds twice the rows. Which rows form a bucket
/// depends only on the row number, so the buckets of a date column and of a target line up.
/// </summary>
internal sealed class RowBuckets
{
    public const int Capacity = 256;

    private readonly double[] _sums = new double[Capacity];
    private readonly int[] _counts = new int[Capacity];
    private readonly DateTime?[] _starts = new DateTime?[Capacity];
    private DateTime _last = DateTime.MinValue;

    /// <param name="firstRow">The row of the first value added: a column may start its buckets when it first sees a date.</param>
    public RowBuckets(long firstRow = 0)
    {
        Rows = firstRow;
        while (Rows / RowsPerBucket >= Capacity)
        {
            RowsPerBucket *= 2;
        }
    }

    public long Rows { get; private set; }

    public long RowsPerBucket { get; private set; } = 1;

    /// <summary>Whether every date added was on or after the one before it, so the rows are in date order.</summary>
    public bool InDateOrder { get; private set; } = true;

    public int Buckets => (int)Math.Min(Capacity, ((Rows - 1) / RowsPerBucket) + 1);

    public void Add(double? number, DateTime? date)
    {
        var bucket = Next();
        if (number is { } value && double.IsFinite(value))
        {
            _sums[bucket] += value;
            _counts[bucket]++;
        }

        if (date is { } day)
        {
            InDateOrder &= day >= _last;
            _last = day;
            _starts[bucket] ??= day;
        }
    }

    public double? Mean(int bucket) => _counts[bucket] == 0 ? null : _sums[bucket] / _counts[bucket];

    public DateTime? Start(int bucket) => _starts[bucket];

    private int Next()
    {
        if (Rows / RowsPerBucket >= Capacity)
        {
            for (var i = 0; i < Capacity / 2; i++)
            {
                _sums[i] = _sums[2 * i] + _sums[(2 * i) + 1];
                _counts[i] = _counts[2 * i] + _counts[(2 * i) + 1];
                _starts[i] = _starts[2 * i] ?? _starts[(2 * i) + 1];
            }

            Array.Clear(_sums, Capacity / 2, Capacity / 2);
            Array.Clear(_counts, Capacity / 2, Capacity / 2);
            Array.Clear(_starts, Capacity / 2, Capacity / 2);
            RowsPerBucket *= 2;
        }

        return (int)(Rows++ / RowsPerBucket);
    }
}
