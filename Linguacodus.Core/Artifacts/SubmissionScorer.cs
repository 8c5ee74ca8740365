using System.Globalization;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// Scores a submission against the held-apart answers, and the naive constant baseline it should beat: the files are
/// aligned here (<see cref="SubmissionAlignment"/>), the metric is computed by scikit-learn (<see cref="SklearnMetric"/>).
/// </summary>
public static class SubmissionScorer
{
    /// <summary>Scores a submission against the held-out answers.</summary>
    /// <param name="submissionFile">The CSV written by the generated program.</param>
    /// <param name="answersFile">The true targets, with the id column when there is one.</param>
    /// <param name="metric">The task's metric.</param>
    /// <param name="idColumn">The column that joins the two files; null joins them by row order.</param>
    /// <param name="positiveClass">The class a binary probability or F1 is about, when the task names it; else a lone
    /// prediction column named after a class holds that class's probability, and otherwise the conventional class is taken.</param>
    /// <exception cref="FormatException">The files are malformed, cannot be joined, or hold values the metric cannot use.</exception>
    /// <exception cref="InvalidOperationException">Python could not run the scoring script.</exception>
    public static double Score(string submissionFile, string answersFile, Metric metric, string? idColumn, string? positiveClass = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var answers = ReadAnswers(answersFile);
        var submission = CsvTable.Read(submissionFile);
        var targets = TargetColumns(answers, metric, idColumn, preferred: null);
        var predictionColumns = ClassColumns(metric, targets, submission.Header.Where(c => c != idColumn).ToList()) ?? targets;
        var expected = new ExpectedRows(answers.Name, answers.Rows.Count, idColumn is null ? null : Ids(answers, idColumn));
        IReadOnlyList<string> columns = idColumn is null ? predictionColumns : [idColumn, .. predictionColumns];
        var alignment = SubmissionAlignment.Align(submission, expected, idColumn, columns, ColumnMatch.ByName);
        if (alignment.Problems.Count > 0)
        {
            throw new FormatException(string.Join(" ", alignment.Problems));
        }

        var predicted = predictionColumns.Select(c => alignment.Values(submission, c)).ToList();
        var positive = positiveClass ?? (predictionColumns is [var lone] && ReferenceEquals(predictionColumns, targets)
            ? PositiveClasses.MatchColumn(submission.Header[alignment.Columns[lone]], MetricInput.Labels(answers.Column(answers.IndexOf(lone))).Distinct().ToList())
            : null);
        return MetricInput.Score(metric, answers, targets, predictionColumns, predicted, submission.Name, positive);
    }

    /// <summary>The score of always predicting what train alone suggests: the mean, the majority class (the most
    /// frequent labels for map@k), 0.5 for ROC AUC, or the class frequencies for log loss.</summary>
    /// <exception cref="FormatException">The files are malformed or lack the target column.</exception>
    /// <exception cref="InvalidOperationException">Python could not run the scoring script.</exception>
    public static double Naive(string trainFile, string answersFile, Metric metric, string targetColumn, string? idColumn)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var answers = ReadAnswers(answersFile);
        var targets = TargetColumns(answers, metric, idColumn, preferred: targetColumn);
        var trainColumns = IsColumnwise(metric) ? targets : [targetColumn];
        var train = ReadTrainValues(trainFile, trainColumns);
        var rows = answers.Rows.Count;
        var truth = answers.Column(answers.IndexOf(targets[0]));
        var severalClasses = MetricInput.Labels(truth).Distinct().Count() > 2;
        if (metric.Kind == MetricKind.MulticlassLogLoss || (metric.Kind == MetricKind.LogLoss && severalClasses))
        {
            // One probability column per class, each its train frequency.
            var labels = MetricInput.Labels(train[0]);
            var classes = DataProfiler.SortLabels(labels.Union(MetricInput.Labels(truth)));
            var frequencies = classes.Select(c => Repeat(labels.Count(l => l == c) / (double)Math.Max(1, labels.Count), rows)).ToList();
            return MetricInput.Score(metric, answers, targets, [.. classes], frequencies, "the naive prediction");
        }

        var constants = targets
            .Select((t, i) => Repeat(Constant(metric, train[i], answers.Column(answers.IndexOf(t)), Path.GetFileName(trainFile)), rows))
            .ToList();
        return MetricInput.Score(metric, answers, targets, targets, constants, "the naive prediction");
    }

    private static bool IsColumnwise(Metric metric) => metric.Kind is MetricKind.MeanColumnwiseRmse or MetricKind.MeanColumnwiseRocAuc;

    private static List<string> Repeat(string value, int rows) => [.. Enumerable.Repeat(value, rows)];

    private static List<string> Repeat(double value, int rows) => Repeat(value.ToString("R", CultureInfo.InvariantCulture), rows);

    private static CsvTable ReadAnswers(string answersFile)
    {
        var answers = CsvTable.Read(answersFile);
        return answers.Rows.Count > 0 ? answers : throw new FormatException($"{answers.Name} has no rows to score against.");
    }

    private static List<string> Ids(CsvTable answers, string idColumn) => answers.IndexOf(idColumn) is var index and >= 0
        ? [.. answers.Column(index).Select(id => id.Trim())]
        : throw new FormatException($"{answers.Name} has no id column '{idColumn}'.");

    /// <summary>
    /// For a probability metric whose answers hold one label column while the submission holds several columns, those
    /// columns: one probability per class, named by the class. Null for every other layout.
    /// </summary>
    private static List<string>? ClassColumns(Metric metric, List<string> targets, List<string> submitted) =>
        metric.Kind is MetricKind.RocAuc or MetricKind.LogLoss or MetricKind.MulticlassLogLoss
            && targets is [var target] && submitted.Count > 1 && !submitted.Contains(target)
            ? submitted
            : null;

    private static string Constant(Metric metric, List<string> train, IReadOnlyList<string> truth, string trainName)
    {
        switch (metric.Kind)
        {
            case MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc:
                return "0.5";
            case MetricKind.Accuracy or MetricKind.F1 or MetricKind.MacroF1 or MetricKind.MicroF1 or MetricKind.QuadraticWeightedKappa:
                return ByFrequency(MetricInput.Labels(train)).FirstOrDefault() ?? "";
            case MetricKind.MapAtK:
                var ranked = ByFrequency([.. train.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))]);
                return string.Join(' ', metric.K > 0 ? ranked.Take(metric.K) : ranked);
            case MetricKind.SamplesF1:
                // The most frequent label set of train, its labels in one order.
                return ByFrequency([.. train.Select(v => string.Join(' ', LabelList.Split(v).Order(StringComparer.Ordinal)))]).FirstOrDefault() ?? "";
            case MetricKind.LogLoss:
                var positive = MetricInput.PositiveClass([.. MetricInput.Labels(truth).Distinct()]);
                var rate = train.Count == 0 ? 0.5 : MetricInput.Labels(train).Count(l => l == positive) / (double)train.Count;
                return rate.ToString("R", CultureInfo.InvariantCulture);
            default:
                return MetricInput.Numbers(train, trainName).DefaultIfEmpty(0).Average().ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private static IEnumerable<string> ByFrequency(IReadOnlyList<string> labels) =>
        labels.CountBy(l => l).OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key);

    private static List<string> TargetColumns(CsvTable answers, Metric metric, string? idColumn, string? preferred)
    {
        var candidates = answers.Header.Where(c => c != idColumn).ToList();
        if (IsColumnwise(metric) && candidates.Count > 0)
        {
            return candidates;
        }

        if (preferred is not null && candidates.Contains(preferred))
        {
            return [preferred];
        }

        return candidates is [var only]
            ? [only]
            : throw new FormatException(
                $"{answers.Name} should hold one target column besides the id; it has {string.Join(", ", candidates)}.");
    }

    /// <summary>The non-missing values of some train columns, streamed because train files can be large.</summary>
    private static List<string>[] ReadTrainValues(string trainFile, List<string> columns) => CsvTable.Reading(trainFile, () =>
    {
        using var reader = new CsvReader(trainFile);
        var header = reader.Header.ToList();
        var indexes = columns
            .Select(c => header.IndexOf(c) is var i and >= 0
                ? i
                : throw new FormatException($"{reader.FileName} has no column '{c}'."))
            .ToArray();
        var values = columns.Select(_ => new List<string>()).ToArray();
        while (reader.ReadRow() is { } row)
        {
            for (var k = 0; k < indexes.Length; k++)
            {
                if (!DataProfiler.IsMissing(row[indexes[k]]))
                {
                    values[k].Add(row[indexes[k]]);
                }
            }
        }

        return values;
    });
}
