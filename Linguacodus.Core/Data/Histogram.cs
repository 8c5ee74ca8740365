using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Linguacodus.Core.Data;

/// <summary>Counts of a numeric column's values in equal bins: bin i holds values from Start + i·Width up to the next bin.</summary>
/// <param name="Min">The smallest value counted.</param>
/// <param name="Max">The largest value counted.</param>
public sealed record Histogram(double Start, double Width, IReadOnlyList<long> Counts, double Min, double Max)
{
    /// <summary>Values counted in all bins.</summary>
    [JsonIgnore]
    public long Total => Counts.Sum();
}

/// <summary>
/// Builds a <see cref="Histogram"/> in one pass without knowing the range first. Bins are a power of two wide and start
/// on a multiple of their width; when a value falls outside, the width doubles and neighbouring bins merge exactly, so
/// every count stays exact and the data always covers more than half of the bins.
/// </summary>
internal sealed class HistogramBuilder
{
    public const int Bins = 32;

    private readonly long[] _counts = new long[Bins];
    // Until a grid is laid, no value is inside it (start above end), so every value takes the slow path.
    private double _start = double.PositiveInfinity;
    private double _width;
    // The grid's end and 1 / width (exact: the width is a power of two), so a value is binned without a division.
    private double _end = double.NegativeInfinity;
    private double _scale;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public long Count { get; private set; }

    /// <summary>Counts a value: inside the grid, a few instructions (it runs for every numeric cell); else <see cref="AddOutside"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (value >= _start && value < _end)
        {
            _counts[BinOf(value)]++;
            _min = value < _min ? value : _min;
            _max = value > _max ? value : _max;
            Count++;
            return;
        }

        AddOutside(value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddOutside(double value)
    {
        // Values near the ends of the double range cannot be binned (their span overflows): such a column has no histogram.
        if (!double.IsFinite(value) || Math.Abs(value) > 1e300)
        {
            return;
        }

        if (Count == 0)
        {
            _min = _max = value;
            Count = 1;
            return;
        }

        if (_width == 0)
        {
            if (value == _min)
            {
                Count++;
                return;
            }

            // The second distinct value sets the scale: the two span at least a quarter of the bins.
            Begin(Math.Min(value, _min), Math.Max(value, _max));
        }

        while (value < _start || value >= _end)
        {
            Widen(downwards: value < _start);
        }

        Add(value);
    }

    /// <summary>The histogram with empty bins at both ends cut; one bin when every value was the same; null when none was counted.</summary>
    public Histogram? Build()
    {
        if (Count == 0)
        {
            return null;
        }

        if (_width == 0)
        {
            return new Histogram(_min, 0, [Count], _min, _max);
        }

        var first = Array.FindIndex(_counts, c => c > 0);
        var last = Array.FindLastIndex(_counts, c => c > 0);
        return new Histogram(_start + (first * _width), _width, _counts[first..(last + 1)], _min, _max);
    }

    private void Begin(double low, double high)
    {
        // The values seen so far are all equal to low or high: both go into their bins once the grid is laid.
        var repeated = Count;
        var width = Math.Pow(2, Math.Ceiling(Math.Log2((high - low) / (Bins / 4))));
        Lay(Math.Floor(low / width) * width, width);
        while (high >= _end)
        {
            Lay(Math.Floor(low / (2 * _width)) * (2 * _width), 2 * _width);
        }

        _counts[BinOf(_min)] += repeated;
    }

    // Rounding can put a value just below the end into a bin past it.
    private int BinOf(double value) => Math.Min(Bins - 1, (int)((value - _start) * _scale));

    private void Lay(double start, double width)
    {
        (_start, _width) = (start, width);
        _end = start + (Bins * width);
        _scale = 1 / width;
    }

    private void Widen(bool downwards)
    {
        // The new grid starts on a multiple of the new width, at or below the old start (upwards) or as far below as the
        // old bins allow (downwards); either way each old bin lands in exactly one new bin.
        var width = 2 * _width;
        var start = downwards
            ? Math.Ceiling((_start - (Bins * _width)) / width) * width
            : Math.Floor(_start / width) * width;
        var shift = (int)Math.Round((_start - start) / _width);
        var merged = new long[Bins];
        for (var i = 0; i < Bins; i++)
        {
            merged[(i + shift) / 2] += _counts[i];
        }

        merged.CopyTo(_counts, 0);
        Lay(start, width);
    }
}
