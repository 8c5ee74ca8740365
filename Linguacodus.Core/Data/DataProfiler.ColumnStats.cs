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
        private readonly HashCounter _distinct = new();
        private readonly HashCounter? _allValues;
        private readonly HashSet<string>? _values;
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
        }

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
                return;
            }

            _present++;
            _totalLength += value.Length;
            _maxLength = Math.Max(_maxLength, value.Length);
            if (IsNumber(value, out var whole))
            {
                _numbers++;
                _totalWords++;
                AllIntegers &= whole;
            }
            else
            {
                AllIntegers = false;
                _totalWords += TextLength.WordsIn(value);
            }

            if (IsDate(value))
            {
                _dates++;
            }

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
            else if (_values is not null || _examples.Count < ExampleCount)
            {
                var text = value.ToString();
                _values?.Add(text);
                if (_examples.Count < ExampleCount)
                {
                    _examples.Add(text.Length > ExampleLength ? text[..ExampleLength] + "…" : text);
                }
            }
        }

        /// <summary>Whether every row has a value and no two are the same; only known for id candidates.</summary>
        public bool AllDistinct(long rows) => _allValues is not null && _missing == 0 && _allValues.Count == rows;

        public ColumnProfile ToProfile(string name, long rows)
        {
            var kind = KindOf(name, rows);
            var length = kind == ColumnKind.Text ? new TextLength((double)_totalLength / _present, (double)_totalWords / _present, _maxLength) : null;
            return new(name, kind, _missing, _distinct.Count, _examples, length);
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
