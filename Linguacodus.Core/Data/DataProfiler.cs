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

    /// <summary>
    /// A column with at most this many distinct values has them counted for its bars; past it they are not (a possible
    /// target's are, up to the distinct cap).
    /// </summary>
    public const int LabelCap = 64;

    /// <summary>Bars in a value chart; a numeric column with at most this many distinct values is drawn as bars.</summary>
    public const int MaxBars = 12;

    private static readonly string[] MissingMarkers = ["NA", "NaN", "null", "None"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy/MM/dd", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM",
    ];

    /// <summary>Profiles the folder's data.</summary>
    /// <param name="folder">A loaded task folder.</param>
    /// <param name="targets">Train columns the user named as the targets; they win over every guess, as task.json's hint does.</param>
    /// <exception cref="TaskFolderException">A file is malformed or empty, or the target cannot be told.</exception>
    public static DataProfile Profile(TaskFolder folder, IReadOnlyList<string>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        // An imputation task fills one column.
        var main = folder.TestFile is { } testFile ? ProfileTrainTest(folder, testFile, targets) : ProfileData(folder, targets is [var named, ..] ? named : null);
        return main with { Tables = ProfileTables(folder, main) };
    }

    /// <param name="keepEveryColumn">
    /// Keep every column's distinct values. Otherwise only the columns that can be a target keep them: those test
    /// lacks and those named; a target found among the others (the data card's word) has train read again.
    /// </param>
    private static DataProfile ProfileTrainTest(TaskFolder folder, string testFile, IReadOnlyList<string>? targets, bool keepEveryColumn = false)
    {
        var sampleColumns = folder.SampleSubmissionFile is { } sample ? ReadHeader(sample) : null;
        // Test's rows are counted on a thread of their own while train is profiled.
        var testColumns = ReadHeader(testFile);
        var testRows = Task.Run(() => CountRows(testFile));

        using var train = new CsvReader(folder.TrainFile);
        var names = train.Header;
        var idCandidates = names.Where(n => IdName().IsMatch(n) && testColumns.Contains(n)).ToHashSet();
        IReadOnlyList<string> named = targets is { Count: > 0 } ? targets : folder.Hints.Targets;
        var stats = names.Select(n => new ColumnStats(
            trackAllValues: idCandidates.Contains(n),
            keepValues: keepEveryColumn || !testColumns.Contains(n) || named.Contains(n))).ToArray();
        // Fields stay spans: a string is only made for a value a column keeps (a new distinct value of a column
        // that can be the target, an example). Rows are taken a block at a time and profiled column by column, so
        // on a wide file a column's statistics stay in the cache for a whole block instead of being pushed out by
        // the other columns of every row.
        var trainRows = CsvRowBlock.ReadAll(train, stats.Length, (block, column) =>
        {
            for (var row = 0; row < block.Count; row++)
            {
                stats[column].Add(block.Field(row, column));
            }
        });

        if (trainRows == 0)
        {
            throw new TaskFolderException(train.FileName, "has a header but no rows");
        }

        var columns = names.Select((n, i) => stats[i].ToProfile(n, trainRows)).ToList();
        // A series' time axis keys its rows but is never an id: the calendar features come from it. A column seen
        // to repeat a value cannot be one, so its dates are not read again.
        var series = SeriesAxis.Detect(folder.TrainFile, testFile, columns.Where((_, i) => !stats[i].Repeats), testColumns);
        var idColumn = names.Where((n, i) => idCandidates.Contains(n) && n != series?.Column && stats[i].AllDistinct(trainRows)).FirstOrDefault()
            ?? (sampleColumns is [var first, ..] && testColumns.Contains(first) && first != series?.Column ? first : null);
        var (allTargets, source) = TargetFinder.Find(folder, names, testColumns, sampleColumns, idColumn, targets);
        if (allTargets.Any(t => !stats[names.ToList().IndexOf(t)].KeepsValues))
        {
            return ProfileTrainTest(folder, testFile, targets, keepEveryColumn: true);
        }

        var target = allTargets[0];
        var targetIndex = names.ToList().IndexOf(target);
        var targetProfile = columns[targetIndex];

        var dateColumn = series?.Column ?? columns.FirstOrDefault(
            c => c.Kind == ColumnKind.Date && c.Name != target && c.Name != idColumn && testColumns.Contains(c.Name))?.Name;
        var kind = series is not null && folder.Metric.IsRegression && targetProfile.Kind == ColumnKind.Numeric
            ? TaskKind.Forecast
            : TaskKindOf(folder, targetProfile, stats[targetIndex], dateColumn);
        IReadOnlyList<string> classes = kind is TaskKind.Binary or TaskKind.Multiclass
            ? SortLabels(stats[targetIndex].DistinctValues)
            : [];
        var axis = kind == TaskKind.Forecast ? series : null;
        var seriesChart = axis is null ? null : SeriesChartOf(stats[names.ToList().IndexOf(axis.Column)].Rows, stats[targetIndex].Rows);
        IReadOnlyList<string> submissionColumns = sampleColumns ?? ((idColumn ?? axis?.Column) is { } key ? [key, .. allTargets] : allTargets);

        var facts = PositiveClasses.Find(folder, kind, target, classes, [.. submissionColumns.Where(c => c != idColumn)]);

        return new DataProfile(
            trainRows, testRows.GetAwaiter().GetResult(), columns, testColumns, idColumn, target, source, dateColumn, kind, classes, submissionColumns,
            axis, Targets: allTargets, PositiveClass: facts.PositiveClass, PositiveClassSource: facts.Source,
            PositiveClassEvidence: facts.Evidence, PositiveClassNotes: facts.Conflicts, ClassColumns: facts.ClassColumns,
            TargetPositiveClasses: PositiveClasses.PerTarget(allTargets, facts, t => SortLabels(stats[names.ToList().IndexOf(t)].DistinctValues)))
        {
            ImageFolders = ImageFolderProfiler.Profile(folder, target),
            SeriesChart = seriesChart,
            LabelList = allTargets.Count == 1 ? LabelList.Detect(stats[targetIndex].DistinctValues, classes, folder.Metric) : null,
        };
    }

    /// <summary>The target's means beside the dates that start them; null when the rows are not in date order.</summary>
    private static SeriesChart? SeriesChartOf(RowBuckets? dates, RowBuckets? target)
    {
        if (dates is not { InDateOrder: true } || target is null || dates.RowsPerBucket != target.RowsPerBucket)
        {
            return null;
        }

        var points = Enumerable.Range(0, target.Buckets)
            .Where(b => dates.Start(b) is not null)
            .Select(b => new SeriesPoint(dates.Start(b)!.Value, target.Mean(b)))
            .ToList();
        return new SeriesChart(points, target.RowsPerBucket);
    }

    /// <summary>Empty, whitespace and the usual NA spellings of pandas and R count as missing.</summary>
    internal static bool IsMissing(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }

        foreach (var marker in MissingMarkers)
        {
            if (trimmed.Equals(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool TryParseNumber(ReadOnlySpan<char> value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>Sorts labels numerically when they are all numbers, else ordinally.</summary>
    internal static IReadOnlyList<string> SortLabels(IEnumerable<string> labels)
    {
        var list = labels.ToList();
        return list.All(l => TryParseNumber(l, out _))
            ? [.. list.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal)]
            : [.. list.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether <see cref="TryParseNumber"/> takes the value, its number, and whether the number is whole.</summary>
    internal static bool IsNumber(ReadOnlySpan<char> value, out double number, out bool whole)
    {
        if (IsPlainDecimal(value, out number, out whole))
        {
            return true;
        }

        var parsed = TryParseNumber(value, out number);
        whole = parsed && Math.Floor(number) == number;
        return parsed;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// An optional sign, digits and an optional point, 15 digits at most: such a decimal is exact in a double, so it
    /// is whole exactly when its fraction is all zeros, and its digits over a power of ten, one correctly rounded
    /// division of two exact doubles, is the number the costly parse would give; most numeric cells skip that parse.
    /// </summary>
    private static bool IsPlainDecimal(ReadOnlySpan<char> value, out double number, out bool whole)
    {
        number = 0;
        whole = true;
        var digits = 0;
        var decimals = 0;
        var point = false;
        long mantissa = 0;
        var start = value.Length > 0 && value[0] is '+' or '-' ? 1 : 0;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (c - '0');
                decimals += point ? 1 : 0;
                whole &= !point || c == '0';
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        number = (start == 1 && value[0] == '-' ? -mantissa : mantissa) / PowersOfTen[decimals];
        return digits > 0;
    }

    internal static bool TryParseDate(ReadOnlySpan<char> value, out DateTime date)
    {
        date = default;
        return value.Length >= 7 && char.IsAsciiDigit(value[0]) && (value[4] is '-' or '/')
            && DateTime.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static IReadOnlyList<string> ReadHeader(string file)
    {
        using var reader = new CsvReader(file);
        return reader.Header;
    }

    private static long CountRows(string file)
    {
        using var reader = new CsvReader(file);
        long rows = 0;
        while (reader.MoveNext())
        {
            rows++;
        }

        return rows == 0 ? throw new TaskFolderException(reader.FileName, "has a header but no rows") : rows;
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
}
