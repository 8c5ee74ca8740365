using System.Globalization;
using System.Text.RegularExpressions;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Data;

/// <summary>Reads a task folder's CSV files once and works out column kinds, the id, the target and the task kind.</summary>
public static partial class DataProfiler
{
    /// <summary>Distinct values are counted up to this many per column, which bounds memory on wide, long files.</summary>
    public const int DistinctCap = 1000;

    private const int ExampleCount = 5;
    private const int ExampleLength = 200;

    private static readonly string[] MissingMarkers = ["NA", "NaN", "null", "None"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy/MM/dd", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM",
    ];

    /// <summary>Profiles the folder's data.</summary>
    /// <param name="folder">A loaded task folder.</param>
    /// <param name="targetOverride">A train column the user named as the target; it wins over every guess.</param>
    /// <exception cref="TaskFolderException">A file is malformed or empty, or the target cannot be told.</exception>
    public static DataProfile Profile(TaskFolder folder, string? targetOverride = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var sampleColumns = ReadSampleHeader(folder.SampleSubmissionFile);
        var (testColumns, testRows) = ReadTestShape(folder.TestFile);

        using var train = new CsvReader(folder.TrainFile);
        var names = train.Header;
        var idCandidates = names.Where(n => IdName().IsMatch(n) && testColumns.Contains(n)).ToHashSet();
        var stats = names.Select(n => new ColumnStats(trackAllValues: idCandidates.Contains(n))).ToArray();
        long trainRows = 0;
        while (train.ReadRow() is { } row)
        {
            trainRows++;
            for (var i = 0; i < row.Length; i++)
            {
                stats[i].Add(row[i]);
            }
        }

        if (trainRows == 0)
        {
            throw new TaskFolderException(train.FileName, "has a header but no rows");
        }

        var columns = names.Select((n, i) => stats[i].ToProfile(n, trainRows)).ToList();
        var idColumn = names.Where((n, i) => idCandidates.Contains(n) && stats[i].AllDistinct(trainRows)).FirstOrDefault()
            ?? (sampleColumns is [var first, ..] && testColumns.Contains(first) ? first : null);
        var (target, source) = FindTarget(folder, names, testColumns, sampleColumns, idColumn, targetOverride);
        var targetIndex = names.ToList().IndexOf(target);
        var targetProfile = columns[targetIndex];

        var dateColumn = columns.FirstOrDefault(
            c => c.Kind == ColumnKind.Date && c.Name != target && c.Name != idColumn && testColumns.Contains(c.Name))?.Name;
        var kind = TaskKindOf(folder, targetProfile, stats[targetIndex], dateColumn);
        IReadOnlyList<string> classes = kind is TaskKind.Binary or TaskKind.Multiclass
            ? SortLabels(stats[targetIndex].DistinctValues)
            : [];
        IReadOnlyList<string> submissionColumns = sampleColumns ?? (idColumn is null ? [target] : [idColumn, target]);

        return new DataProfile(
            trainRows, testRows, columns, testColumns, idColumn, target, source, dateColumn, kind, classes, submissionColumns);
    }

    /// <summary>Empty, whitespace and the usual NA spellings of pandas and R count as missing.</summary>
    internal static bool IsMissing(string value) =>
        string.IsNullOrWhiteSpace(value) || MissingMarkers.Any(m => value.Trim().Equals(m, StringComparison.OrdinalIgnoreCase));

    internal static bool TryParseNumber(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>Sorts labels numerically when they are all numbers, else ordinally.</summary>
    internal static IReadOnlyList<string> SortLabels(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        return list.All(l => TryParseNumber(l, out _))
            ? [.. list.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal)]
            : [.. list.Order(StringComparer.Ordinal)];
    }

    private static bool IsDate(string value) =>
        value.Length >= 7 && char.IsAsciiDigit(value[0]) && (value[4] is '-' or '/')
        && DateTime.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static IReadOnlyList<string>? ReadSampleHeader(string? file)
    {
        if (file is null)
        {
            return null;
        }

        using var sample = new CsvReader(file);
        return sample.Header;
    }

    private static (IReadOnlyList<string> Columns, long Rows) ReadTestShape(string file)
    {
        using var test = new CsvReader(file);
        long rows = 0;
        while (test.ReadRow() is not null)
        {
            rows++;
        }

        return rows == 0 ? throw new TaskFolderException(test.FileName, "has a header but no rows") : (test.Header, rows);
    }

    private static (string Column, string Source) FindTarget(
        TaskFolder folder,
        IReadOnlyList<string> trainColumns,
        IReadOnlyList<string> testColumns,
        IReadOnlyList<string>? sampleColumns,
        string? idColumn,
        string? targetOverride)
    {
        var trainFile = Path.GetFileName(folder.TrainFile);
        if (targetOverride is not null)
        {
            return trainColumns.Contains(targetOverride)
                ? (targetOverride, "user")
                : throw new TaskFolderException(trainFile, $"has no column '{targetOverride}' to use as the target");
        }

        var fromSample = sampleColumns?.Where(c => c != idColumn).ToList();
        if (fromSample is [var sampleTarget] && trainColumns.Contains(sampleTarget))
        {
            return (sampleTarget, "sample_submission");
        }

        var card = folder.Task.DataCard;
        var named = trainColumns.Where(c => c != idColumn && Mentions(card, c)).ToList();
        var namedNotInTest = named.Where(c => !testColumns.Contains(c)).ToList();
        if (namedNotInTest is [var cardTarget])
        {
            return (cardTarget, "data card");
        }

        var flagged = named.Where(c => Flags(card, c)).ToList();
        if (flagged is [var flaggedTarget])
        {
            return (flaggedTarget, "data card");
        }

        var difference = trainColumns.Where(c => c != idColumn && !testColumns.Contains(c)).ToList();
        return difference is [var onlyExtra]
            ? (onlyExtra, "train/test difference")
            : throw new TaskFolderException(
                trainFile,
                $"cannot tell the target column: sample_submission.csv does not name one, the data card does not single one out, "
                + $"and {difference.Count} train columns are not in test.csv ({string.Join(", ", difference)}); choose the target by hand");
    }

    private static bool Mentions(string text, string column) =>
        Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(column)}(?!\w)", RegexOptions.IgnoreCase);

    private static bool Flags(string text, string column)
    {
        var name = Regex.Escape(column);
        return Regex.IsMatch(text, $@"(?<!\w){name}\W*(column\s+)?(is|as)\s+(the\s+)?target", RegexOptions.IgnoreCase)
            || Regex.IsMatch(text, $@"predict(s|ed|ing)?\s+(the\s+)?\W?{name}(?!\w)", RegexOptions.IgnoreCase);
    }

    private static TaskKind TaskKindOf(TaskFolder folder, ColumnProfile target, ColumnStats targetStats, string? dateColumn)
    {
        var task = folder.Task;
        if (dateColumn is not null
            && (task.DataType.Contains("time", StringComparison.OrdinalIgnoreCase)
                || task.DataType.Contains("forecast", StringComparison.OrdinalIgnoreCase)
                || task.Task.Contains("forecast", StringComparison.OrdinalIgnoreCase)))
        {
            return TaskKind.Forecast;
        }

        // The metric says how the task is scored, which settles numeric targets whatever their values look like.
        if (folder.Metric.IsRegression)
        {
            return TaskKind.Regression;
        }

        if (target.Distinct == 2)
        {
            return TaskKind.Binary;
        }

        return target.Kind != ColumnKind.Numeric || targetStats.AllIntegers ? TaskKind.Multiclass : TaskKind.Regression;
    }

    // "id", "row_id", "customer ID", "PassengerId", "customerID"; not "paid" or "UUID".
    [GeneratedRegex(@"(^|[_\s.-])(id|Id|ID)$|[a-z0-9](Id|ID)$", RegexOptions.CultureInvariant)]
    private static partial Regex IdName();

    [GeneratedRegex(@"^(pixel|px)_?\d+$|^p\d+_\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PixelName();

    /// <summary>Running counts for one column during the single pass over train.csv.</summary>
    private sealed class ColumnStats(bool trackAllValues)
    {
        private readonly List<string> _examples = [];
        private readonly HashSet<string>? _allValues = trackAllValues ? new(StringComparer.Ordinal) : null;
        private long _missing;
        private long _present;
        private long _numbers;
        private long _dates;
        private long _totalLength;

        public HashSet<string> DistinctValues { get; } = new(StringComparer.Ordinal);

        public bool AllIntegers { get; private set; } = true;

        public void Add(string value)
        {
            if (IsMissing(value))
            {
                _missing++;
                return;
            }

            _present++;
            _totalLength += value.Length;
            if (TryParseNumber(value, out var number))
            {
                _numbers++;
                AllIntegers &= Math.Floor(number) == number;
            }
            else
            {
                AllIntegers = false;
            }

            if (IsDate(value))
            {
                _dates++;
            }

            if (DistinctValues.Count < DistinctCap && DistinctValues.Add(value) && _examples.Count < ExampleCount)
            {
                _examples.Add(value.Length > ExampleLength ? value[..ExampleLength] + "…" : value);
            }

            _allValues?.Add(value);
        }

        /// <summary>Whether every row has a value and no two are the same; only known for id candidates.</summary>
        public bool AllDistinct(long rows) => _allValues is not null && _missing == 0 && _allValues.Count == rows;

        public ColumnProfile ToProfile(string name, long rows) =>
            new(name, KindOf(name, rows), _missing, DistinctValues.Count, _examples);

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

            var distinct = DistinctValues.Count;
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
