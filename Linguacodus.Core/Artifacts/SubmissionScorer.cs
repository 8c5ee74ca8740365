using System.Globalization;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>Scores a submission against held-out answers, and the naive constant baseline it should beat.</summary>
/// <remarks>Both files are read whole: answer files are test-sized, and joining by id needs random access.</remarks>
public static class SubmissionScorer
{
    private const double Epsilon = 1e-15;

    /// <summary>Scores a submission against the held-out answers.</summary>
    /// <param name="submissionFile">The CSV written by the generated program.</param>
    /// <param name="answersFile">The true targets, with the id column when there is one.</param>
    /// <param name="metric">The task's metric.</param>
    /// <param name="idColumn">The column that joins the two files; null joins them by row order.</param>
    /// <exception cref="FormatException">The files are malformed, cannot be joined, or hold values the metric cannot use.</exception>
    public static double Score(string submissionFile, string answersFile, Metric metric, string? idColumn)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var answers = Table.Read(answersFile);
        if (answers.Rows.Count == 0)
        {
            throw new FormatException($"{answers.Name} has no rows to score against.");
        }

        var submission = Table.Read(submissionFile);
        var targets = TargetColumns(answers, metric, idColumn, preferred: null);
        var order = Join(submission, answers, idColumn);
        var predicted = targets
            .Select(t => PredictionColumn(submission, t, targets.Count, idColumn))
            .Select(c => (IReadOnlyList<string>)[.. order.Select(r => submission.Rows[r][c])])
            .ToList();
        return Compute(metric, answers, targets, predicted, submission.Name);
    }

    /// <summary>The score of always predicting one value learnt from train: the mean, the majority class,
    /// 0.5 for roc_auc, or the positive rate for log_loss.</summary>
    /// <exception cref="FormatException">The files are malformed or lack the target column.</exception>
    public static double Naive(string trainFile, string answersFile, Metric metric, string targetColumn, string? idColumn)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var answers = Table.Read(answersFile);
        if (answers.Rows.Count == 0)
        {
            throw new FormatException($"{answers.Name} has no rows to score against.");
        }

        var targets = TargetColumns(answers, metric, idColumn, preferred: targetColumn);
        var trainColumns = metric.Kind == MetricKind.MeanColumnwiseRmse ? targets : [targetColumn];
        var trainValues = ReadTrainValues(trainFile, trainColumns);
        var trainName = Path.GetFileName(trainFile);
        var predicted = targets
            .Select((t, i) => Constant(metric, trainValues[i], answers.Column(t), trainName))
            .Select(v => (IReadOnlyList<string>)Enumerable.Repeat(v, answers.Rows.Count).ToList())
            .ToList();
        return Compute(metric, answers, targets, predicted, "the naive prediction");
    }

    private static double Compute(
        Metric metric, Table answers, List<string> targets, List<IReadOnlyList<string>> predicted, string source)
    {
        var truth = answers.Column(targets[0]);
        return metric.Kind switch
        {
            MetricKind.RocAuc => RocAuc(truth, Numbers(predicted[0], source), answers.Name),
            MetricKind.Accuracy => Accuracy(truth, predicted[0]),
            MetricKind.F1 => F1(truth, predicted[0]),
            MetricKind.LogLoss => LogLoss(truth, Numbers(predicted[0], source), answers.Name),
            MetricKind.Rmse => Rmse(Numbers(truth, answers.Name), Numbers(predicted[0], source)),
            MetricKind.Mae => Mae(Numbers(truth, answers.Name), Numbers(predicted[0], source)),
            MetricKind.R2 => R2(Numbers(truth, answers.Name), Numbers(predicted[0], source)),
            MetricKind.MeanColumnwiseRmse => targets
                .Select((t, i) => Rmse(Numbers(answers.Column(t), answers.Name), Numbers(predicted[i], source)))
                .Average(),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Kind, "Unknown metric kind."),
        };
    }

    private static double RocAuc(IReadOnlyList<string> truth, double[] scores, string answersName)
    {
        var labels = truth.Select(Normalize).ToList();
        var classes = labels.Distinct().ToList();
        if (classes.Count != 2)
        {
            throw new FormatException($"roc_auc needs exactly two classes in {answersName}; it has {classes.Count}.");
        }

        // Mann-Whitney: AUC is the chance a positive outranks a negative, ties counting half, via average ranks.
        var positive = PositiveClass(classes);
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        double positives = labels.Count(l => l == positive);
        var negatives = labels.Count - positives;
        var positiveRanks = labels.Select((l, i) => l == positive ? ranks[i] : 0).Sum();
        return (positiveRanks - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static double Accuracy(IReadOnlyList<string> truth, IReadOnlyList<string> predicted) =>
        truth.Zip(predicted).Count(p => Normalize(p.First) == Normalize(p.Second)) / (double)truth.Count;

    /// <summary>Binary F1 on the positive class when at most two labels occur, else macro F1 as in scikit-learn.</summary>
    private static double F1(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        var pairs = truth.Zip(predicted, (t, p) => (Truth: Normalize(t), Predicted: Normalize(p))).ToList();
        var classes = pairs.SelectMany(p => new[] { p.Truth, p.Predicted }).Distinct().ToList();
        if (classes.Count <= 2)
        {
            return PositiveClass(classes) is { } positive ? F1Of(positive) : 0;
        }

        return classes.Average(F1Of);

        double F1Of(string label)
        {
            var truePositives = pairs.Count(p => p.Truth == label && p.Predicted == label);
            var wrong = pairs.Count(p => (p.Truth == label) != (p.Predicted == label));
            return truePositives == 0 ? 0 : 2.0 * truePositives / (2 * truePositives + wrong);
        }
    }

    private static double LogLoss(IReadOnlyList<string> truth, double[] probabilities, string answersName)
    {
        var labels = truth.Select(Normalize).ToList();
        var classes = labels.Distinct().ToList();
        if (classes.Count > 2)
        {
            throw new FormatException($"log_loss is scored for two classes; {answersName} has {classes.Count}.");
        }

        var positive = PositiveClass(classes);
        return -labels.Select((l, i) =>
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            return l == positive ? Math.Log(p) : Math.Log(1 - p);
        }).Average();
    }

    private static double Rmse(double[] truth, double[] predicted) =>
        Math.Sqrt(truth.Zip(predicted, (t, p) => (t - p) * (t - p)).Average());

    private static double Mae(double[] truth, double[] predicted) =>
        truth.Zip(predicted, (t, p) => Math.Abs(t - p)).Average();

    private static double R2(double[] truth, double[] predicted)
    {
        var mean = truth.Average();
        var residual = truth.Zip(predicted, (t, p) => (t - p) * (t - p)).Sum();
        var total = truth.Sum(t => (t - mean) * (t - mean));

        // A constant truth makes R² undefined; scikit-learn reports 1 for a perfect fit and 0 otherwise.
        return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
    }

    /// <summary>"1" or "true" when present, else the larger of two labels; null when only a negative-looking label occurs.</summary>
    private static string? PositiveClass(IReadOnlyCollection<string> classes)
    {
        var sorted = DataProfiler.SortLabels(classes);
        return sorted.FirstOrDefault(c => c == "1" || c.Equals("true", StringComparison.OrdinalIgnoreCase))
            ?? (sorted.Count == 2 ? sorted[1] : null);
    }

    /// <summary>Makes "1", " 1" and "1.0" the same label.</summary>
    private static string Normalize(string label)
    {
        var trimmed = label.Trim();
        return DataProfiler.TryParseNumber(trimmed, out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : trimmed;
    }

    private static double[] Numbers(IReadOnlyList<string> values, string source) =>
    [
        .. values.Select((v, i) => DataProfiler.TryParseNumber(v, out var number)
            ? number
            : throw new FormatException($"{source}: value '{v}' in row {i + 1} is not a number.")),
    ];

    private static string Constant(Metric metric, List<string> train, IReadOnlyList<string> truth, string trainName)
    {
        switch (metric.Kind)
        {
            case MetricKind.RocAuc:
                return "0.5";
            case MetricKind.Accuracy or MetricKind.F1:
                return train.Select(Normalize).CountBy(l => l)
                    .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Key).FirstOrDefault() ?? "";
            case MetricKind.LogLoss:
                var positive = PositiveClass([.. truth.Select(Normalize).Distinct()]);
                var rate = train.Count == 0 ? 0.5 : train.Count(l => Normalize(l) == positive) / (double)train.Count;
                return rate.ToString("R", CultureInfo.InvariantCulture);
            default:
                return train
                    .Select(v => DataProfiler.TryParseNumber(v, out var number)
                        ? number
                        : throw new FormatException($"{trainName}: the target value '{v}' is not a number."))
                    .DefaultIfEmpty(0)
                    .Average()
                    .ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private static List<string> TargetColumns(Table answers, Metric metric, string? idColumn, string? preferred)
    {
        var candidates = answers.Header.Where(c => c != idColumn).ToList();
        if (metric.Kind == MetricKind.MeanColumnwiseRmse && candidates.Count > 0)
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

    private static int PredictionColumn(Table submission, string target, int targetCount, string? idColumn)
    {
        var index = submission.IndexOf(target);
        if (index >= 0)
        {
            return index;
        }

        // A lone prediction column may be named differently from the answers' (e.g. "target" for "Survived").
        var others = submission.Header.Where(c => c != idColumn).ToList();
        return targetCount == 1 && others is [var only]
            ? submission.IndexOf(only)
            : throw new FormatException($"{submission.Name} has no column '{target}'.");
    }

    /// <summary>For each answers row, the index of the submission row that predicts it.</summary>
    private static int[] Join(Table submission, Table answers, string? idColumn)
    {
        if (idColumn is null)
        {
            return submission.Rows.Count == answers.Rows.Count
                ? [.. Enumerable.Range(0, answers.Rows.Count)]
                : throw new FormatException(
                    $"{submission.Name} has {submission.Rows.Count} rows but {answers.Name} has {answers.Rows.Count}; without an id they are joined by row order.");
        }

        var submissionId = submission.IndexOf(idColumn);
        var answersId = answers.IndexOf(idColumn);
        if (submissionId < 0 || answersId < 0)
        {
            throw new FormatException($"{(submissionId < 0 ? submission.Name : answers.Name)} has no id column '{idColumn}'.");
        }

        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < submission.Rows.Count; i++)
        {
            if (!byId.TryAdd(submission.Rows[i][submissionId].Trim(), i))
            {
                throw new FormatException($"{submission.Name} repeats the id '{submission.Rows[i][submissionId]}'.");
            }
        }

        var order = answers.Rows
            .Select(r => byId.TryGetValue(r[answersId].Trim(), out var i)
                ? i
                : throw new FormatException($"{submission.Name} has no row for id '{r[answersId]}'."))
            .ToArray();
        return submission.Rows.Count == answers.Rows.Count
            ? order
            : throw new FormatException(
                $"{submission.Name} has {submission.Rows.Count} rows but {answers.Name} has {answers.Rows.Count}.");
    }

    /// <summary>The non-missing values of some train columns, streamed because train files can be large.</summary>
    private static List<string>[] ReadTrainValues(string trainFile, List<string> columns) => Reading(trainFile, () =>
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

    /// <summary>Reports reader and I/O problems as <see cref="FormatException"/>, the one failure callers handle.</summary>
    private static T Reading<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (TaskFolderException e)
        {
            throw new FormatException($"{e.Message}.", e);
        }
        catch (IOException e)
        {
            throw new FormatException($"{Path.GetFileName(path)} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A CSV file read whole.</summary>
    private sealed record Table(string Name, IReadOnlyList<string> Header, List<string[]> Rows)
    {
        public static Table Read(string path) => Reading(path, () =>
        {
            using var reader = new CsvReader(path);
            var rows = new List<string[]>();
            while (reader.ReadRow() is { } row)
            {
                rows.Add(row);
            }

            return new Table(reader.FileName, reader.Header, rows);
        });

        public int IndexOf(string column) => Header.ToList().IndexOf(column);

        public IReadOnlyList<string> Column(string column)
        {
            var index = IndexOf(column);
            return [.. Rows.Select(r => r[index])];
        }
    }
}
