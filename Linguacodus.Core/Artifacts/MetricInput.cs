using System.Globalization;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Artifacts;

/// <summary>
/// Turns aligned answer and prediction columns into what score_metric.py reads for a metric: labels spelled one way,
/// numbers checked, the positive class chosen, probability columns gathered per class.
/// </summary>
internal static class MetricInput
{
    /// <param name="metric">The metric to compute.</param>
    /// <param name="answers">The answers file.</param>
    /// <param name="targets">The answers' target columns.</param>
    /// <param name="predictionColumns">The prediction columns' names: the targets, or the classes for per-class probabilities.</param>
    /// <param name="predicted">The prediction columns' values, in answer-row order.</param>
    /// <param name="source">Where the predictions come from, for messages.</param>
    /// <param name="positiveClass">The class a binary probability or F1 is about; null takes the conventional one.</param>
    /// <exception cref="FormatException">The values do not suit the metric, or scikit-learn refused them.</exception>
    public static double Score(
        Metric metric, CsvTable answers, List<string> targets, IReadOnlyList<string> predictionColumns,
        IReadOnlyList<IReadOnlyList<string>> predicted, string source, string? positiveClass = null)
    {
        var input = new Dictionary<string, object?> { ["kind"] = metric.Kind.ToString(), ["metric"] = metric.Name };
        var truth = answers.Column(answers.IndexOf(targets[0]));
        switch (metric.Kind)
        {
            case MetricKind.RocAuc or MetricKind.LogLoss or MetricKind.MulticlassLogLoss when predictionColumns.Count > 1:
                var labels = Labels(predictionColumns);
                var truthLabels = Labels(truth);
                if (truthLabels.FirstOrDefault(l => !labels.Contains(l)) is { } unknown)
                {
                    throw new FormatException($"{answers.Name} has the class '{unknown}', which {source} has no probability column for.");
                }

                var columns = predicted.Select(c => Numbers(c, source)).ToList();
                input["truth"] = truthLabels;
                input["labels"] = labels;
                input["predicted"] = Enumerable.Range(0, truth.Count).Select(r => columns.Select(c => c[r]).ToArray()).ToList();
                break;
            case MetricKind.RocAuc or MetricKind.LogLoss or MetricKind.MulticlassLogLoss:
                var classes = Labels(truth).Distinct().ToList();
                if (metric.Kind == MetricKind.RocAuc ? classes.Count != 2 : classes.Count > 2)
                {
                    throw new FormatException(
                        $"{metric.Name} with one probability column needs two classes in {answers.Name}; it has {classes.Count} "
                        + "(for more classes the submission holds one probability column per class).");
                }

                input["truth"] = Binary(truth, Positive(positiveClass, classes, answers.Name));
                input["predicted"] = Numbers(predicted[0], source);
                break;
            case MetricKind.MeanColumnwiseRocAuc:
                input["truth"] = targets.Select(t => answers.Column(answers.IndexOf(t)))
                    .Select(c => Binary(c, PositiveClass([.. Labels(c).Distinct()]))).ToList();
                input["predicted"] = predicted.Select(c => Numbers(c, source)).ToList();
                break;
            case MetricKind.Accuracy when IsLabelListAnswer(truth, metric):
                // Exact-match accuracy of label sets: "b a" answers "a b", as the baseline's own validation counts it.
                input["truth"] = LabelSets(truth);
                input["predicted"] = LabelSets(predicted[0]);
                break;
            case MetricKind.Accuracy or MetricKind.MacroF1 or MetricKind.MicroF1:
                input["truth"] = Labels(truth);
                input["predicted"] = Labels(predicted[0]);
                break;
            case MetricKind.F1:
                // Binary F1 on the positive class when at most two labels occur, else macro F1, as scikit-learn's default.
                var all = Labels(truth).Union(Labels(predicted[0])).ToList();
                input["truth"] = Labels(truth);
                input["predicted"] = Labels(predicted[0]);
                input["binary"] = all.Count <= 2;
                input["positive"] = all.Count <= 2 ? Positive(positiveClass, all, answers.Name) : null;
                break;
            case MetricKind.MapAtK or MetricKind.SamplesF1:
                input["truth"] = truth.Select(t => t.Trim()).ToList();
                input["predicted"] = predicted[0].Select(p => p.Trim()).ToList();
                input["k"] = metric.K;
                break;
            case MetricKind.MeanColumnwiseRmse:
                input["truth"] = targets.Select(t => Numbers(answers.Column(answers.IndexOf(t)), answers.Name)).ToList();
                input["predicted"] = predicted.Select(c => Numbers(c, source)).ToList();
                break;
            default:
                // Rmse, Mae, R2, Rmsle and quadratic weighted kappa, whose ratings are ordered numbers.
                input["truth"] = Numbers(truth, answers.Name);
                input["predicted"] = Numbers(predicted[0], source);
                break;
        }

        return SklearnMetric.Score(input);
    }

    /// <summary>Whether the answers are multi-label lists, told as the profiler tells them from train.csv.</summary>
    private static bool IsLabelListAnswer(IReadOnlyList<string> truth, Metric metric) =>
        LabelList.Detect([.. truth.Distinct()], [], metric) is { SeveralPerRow: true };

    /// <summary>Each label list spelled one way: its labels once each, in one order.</summary>
    private static List<string> LabelSets(IEnumerable<string> values) =>
        [.. values.Select(v => string.Join(' ', LabelList.Split(v).Select(Normalize).Distinct().Order(StringComparer.Ordinal)))];

    /// <summary>Labels spelled one way, so "1", " 1" and "1.0" are the same label.</summary>
    public static List<string> Labels(IEnumerable<string> values) => [.. values.Select(Normalize)];

    /// <summary>The conventional positive class (<see cref="PositiveClasses.Conventional"/>) of labels spelled one way.</summary>
    public static string? PositiveClass(IReadOnlyCollection<string> classes) => PositiveClasses.Conventional(classes);

    /// <summary>The named positive class as the labels spell it, else the conventional one.</summary>
    /// <exception cref="FormatException">The named class is none of the labels.</exception>
    private static string? Positive(string? named, List<string> labels, string answersName) => named is null
        ? PositiveClass(labels)
        : PositiveClasses.MatchLabel(named, labels)
            ?? throw new FormatException($"the positive class '{named}' is not a label in {answersName} (its labels are {string.Join(", ", labels)}).");

    /// <exception cref="FormatException">A value is not a finite number.</exception>
    public static double[] Numbers(IReadOnlyList<string> values, string source) =>
    [
        .. values.Select((v, i) => DataProfiler.TryParseNumber(v, out var number) && double.IsFinite(number)
            ? number
            : throw new FormatException($"{source}: value '{v}' in row {i + 1} is not a number.")),
    ];

    private static int[] Binary(IReadOnlyList<string> labels, string? positive) => [.. Labels(labels).Select(l => l == positive ? 1 : 0)];

    private static string Normalize(string label)
    {
        var trimmed = label.Trim();
        return DataProfiler.TryParseNumber(trimmed, out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : trimmed;
    }
}
