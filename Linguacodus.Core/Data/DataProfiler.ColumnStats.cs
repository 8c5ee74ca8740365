using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Linguacodus.Core.Data;

public static partial class DataProfiler
{
    /// <summary>Running counts for one column during the single pass over a table.</summary>
    /// <remarks>
    /// Values are counted as 64-bit hashes, not strings: on a 2,000-column table the strings of the first distinct
    /// values alone were 160 MB. Two different values share a hash with odds of about n² / 2⁶⁵ (3·10⁻⁸ for a million
    /// ids), so a count is exact in practice. Only a column that can be a target keeps its values' text.
    /// </remarks>
    private sealed class ColumnStats
    {
        private readonly List<string> _examples = [];
        private readonly HashCounter _distinct = new(countOccurrences: true);
        private readonly HashCounter? _allValues;
        private readonly HashSet<string>? _values;
        private Dictionary<ulong, string>? _labels;
        private readonly HistogramBuilder _numbersSeen = new();
        private readonly HistogramBuilder _lengths = new();
        private RowBuckets? _rows;
        private long _missing;
        private long _present;
        private long _numbers;
        private long _dates;
        private long _totalLength;
        private long _totalWords;
        private int _maxLength;

        /// <param name="trackAllValues">Count every distinct value, past the cap (an id candidate).</param>
        /// <param name="keepValues">Keep the distinct values' text (a column that may be the target).</param>
        public ColumnStats(bool trackAllValues, bool keepValues)
        {
            _allValues = trackAllValues ? new HashCounter() : null;
            _values = keepValues ? new HashSet<string>(StringComparer.Ordinal) : null;
            _labels = keepValues ? null : [];
            // A column that can be the target keeps its values in row order, for the picture of a series.
            _rows = keepValues ? new RowBuckets() : null;
        }

        /// <summary>The column's values or dates in row order; for a possible target, and for a column whose first value was a date.</summary>
        public RowBuckets? Rows => _rows;

        /// <summary>The distinct values up to the cap, for a column made with keepValues; else empty.</summary>
        public IReadOnlyCollection<string> DistinctValues => (IReadOnlyCollection<string>?)_values ?? [];

        public bool KeepsValues => _values is not null;

        public bool AllIntegers { get; private set; } = true;

        /// <summary>A value was seen twice before the distinct cap was reached (past it, repeats are not looked for).</summary>
        public bool Repeats { get; private set; }

        public void Add(ReadOnlySpan<char> value)
        {
            if (IsMissing(value))
            {
                _missing++;
                _rows?.Add(null, null);
                return;
            }

            _present++;
            _totalLength += value.Length;
            _maxLength = Math.Max(_maxLength, value.Length);
            double? number = null;
            if (IsNumber(value, out var parsed, out var whole))
            {
                number = parsed;
                _numbers++;
                _totalWords++;
                AllIntegers &= whole;
                _numbersSeen.Add(parsed);
            }
            else
            {
                AllIntegers = false;
                _totalWords += TextLength.WordsIn(value);
                _lengths.Add(value.Length);
            }

            DateTime? date = null;
            if (TryParseDate(value, out var day))
            {
                date = day;
                _dates++;
                _rows ??= _present == 1 ? new RowBuckets(_missing) : null;
            }

            _rows?.Add(number, date);

            var counting = _distinct.Count < DistinctCap;
            if (!counting && _allValues is null)
            {
                return;
            }

            var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value));
            _allValues?.Add(hash);
            if (!counting)
            {
                // Past the cap a value is no longer looked up.
            }
            else if (!_distinct.Add(hash))
            {
                Repeats = true;
            }
            else
            {
                Keep(value, hash);
            }
        }

        /// <summary>Keeps a new distinct value's text where it is needed: a possible target's values, a chart's labels, the examples.</summary>
        private void Keep(ReadOnlySpan<char> value, ulong hash)
        {
            if (_labels is not null && _labels.Count == LabelCap && _values is null)
            {
                // Too many values for bars: their counts and texts are let go, so a wide table stays small.
                _labels = null;
                _distinct.StopCounting();
            }

            if (_values is null && _labels is null && _examples.Count >= ExampleCount)
            {
                return;
            }

            var text = value.ToString();
            _values?.Add(text);
            if (_labels is { Count: < LabelCap })
            {
                _labels[HashCounter.Stored(hash)] = text;
            }

            if (_examples.Count < ExampleCount)
            {
                _examples.Add(text.Length > ExampleLength ? text[..ExampleLength] + "…" : text);
            }
        }

        /// <summary>Whether every row has a value and no two are the same; only known for id candidates.</summary>
        public bool AllDistinct(long rows) => _allValues is not null && _missing == 0 && _allValues.Count == rows;

        public ColumnProfile ToProfile(string name, long rows)
        {
            var kind = KindOf(name, rows);
            var length = kind == ColumnKind.Text
                ? new TextLength((double)_totalLength / _present, (double)_totalWords / _present, _maxLength) { Chars = _lengths.Build() }
                : null;
            // Labels and few distinct numbers (codes, counts, ratings) are drawn as bars; other numbers as a histogram.
            var counted = _distinct.CountsOccurrences && _distinct.Count < DistinctCap
                && (kind is ColumnKind.Categorical || (kind is ColumnKind.Numeric && _distinct.Count <= MaxBars));
            return new(name, kind, _missing, _distinct.Count, _examples, length)
            {
                Histogram = kind is ColumnKind.Numeric or ColumnKind.Pixel && !counted ? _numbersSeen.Build() : null,
                Counts = counted ? Counts() : null,
            };
        }

        /// <summary>The most common values, every distinct value's text known (a possible target's, or at most <see cref="LabelCap"/>).</summary>
        private ValueCounts Counts()
        {
            var labels = _values is null
                ? _labels!
                : _values.ToDictionary(v => HashCounter.Stored(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(v.AsSpan()))));
            var top = _distinct.Occurrences().OrderByDescending(o => o.Occurrences).ThenBy(o => labels[o.Hash], StringComparer.Ordinal).Take(MaxBars)
                .Select(o => new ValueCount(labels[o.Hash], o.Occurrences))
                .ToList();
            return new ValueCounts(top, _present - top.Sum(v => v.Count));
        }

        private ColumnKind KindOf(string name, long rows)
        {
            if (_present > 0 && _dates >= 0.9 * _present)
            {
                return ColumnKind.Date;
            }

            var numeric = _present > 0 && _numbers >= 0.98 * _present;
            if (numeric)
            {
                return PixelName().IsMatch(name) ? ColumnKind.Pixel : ColumnKind.Numeric;
            }

            var distinct = _distinct.Count;
            var averageLength = _present == 0 ? 0 : (double)_totalLength / _present;
            if (distinct >= DistinctCap)
            {
                // The true count is unknown past the cap, so only the length of the values can tell labels from prose.
                return averageLength < 20 ? ColumnKind.Categorical : ColumnKind.Text;
            }

            return distinct <= Math.Max(20, 0.05 * rows) || (averageLength < 20 && distinct < 0.5 * rows)
                ? ColumnKind.Categorical
                : ColumnKind.Text;
        }
    }
}
