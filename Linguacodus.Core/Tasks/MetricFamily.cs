namespace Linguacodus.Core.Tasks;

/// <summary>
/// The nearest known metric to a name Linguacodus does not know, read from the name's words (error, loss, score,
/// accuracy, kappa ...), so a task with an unfamiliar metric still runs, scored by a metric of the same direction.
/// </summary>
internal static class MetricFamily
{
    // First match wins: specific families before the generic "error" and "score" words.
    private static readonly (string[] Words, MetricKind Kind)[] Rules =
    [
        (["columnwise", "column"], MetricKind.MeanColumnwiseRocAuc), // only with auc/roc, see Matches
        (["auc", "roc", "gini"], MetricKind.RocAuc),
        (["kappa"], MetricKind.QuadraticWeightedKappa),
        (["deviance", "likelihood"], MetricKind.LogLoss),
        (["f1", "fscore", "dice", "jaccard", "iou", "precision", "recall", "sensitivity"], MetricKind.F1),
        (["accuracy", "correct", "match", "matches", "exact"], MetricKind.Accuracy),
        (["correlation", "pearson", "spearman", "determination", "explained", "variance"], MetricKind.R2),
        (["msle"], MetricKind.Rmsle),
        (["absolute", "median", "mape", "smape", "wmape", "pinball", "quantile"], MetricKind.Mae),
        (["error", "loss", "deviation", "distance", "residual", "cost", "mse", "lower", "minimize", "smaller"], MetricKind.Rmse),
    ];

    public static Metric Assume(string loose)
    {
        var words = new string([.. loose.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet();
        var (kind, word) = Nearest(words);
        var metric = new Metric(kind);
        var reason = word is null
            ? "nothing in its name says how it is scored"
            : $"its name mentions '{word}'";
        return metric with
        {
            Note = $"'{loose.Trim()}' is not a metric Linguacodus knows; it is scored as {metric.Name} "
                + $"({(metric.HigherIsBetter ? "higher" : "lower")} is better), the nearest family, because {reason}.",
        };
    }

    private static (MetricKind Kind, string? Word) Nearest(HashSet<string> words)
    {
        var logarithmic = words.Overlaps(["log", "logarithmic", "logarithm"]);
        if (words.Overlaps(["entropy", "logloss"]) || (logarithmic && words.Contains("loss")))
        {
            return (words.Overlaps(["multiclass", "multi", "categorical"]) ? MetricKind.MulticlassLogLoss : MetricKind.LogLoss, "log loss");
        }
        if (logarithmic && words.Overlaps(["error", "squared", "square"]))
        {
            return (MetricKind.Rmsle, "logarithmic error");
        }
        if (words.Contains("precision") && words.Overlaps(["average", "mean", "ranking", "ranked"]))
        {
            return (MetricKind.MapAtK, "average precision");
        }
        foreach (var (ruleWords, kind) in Rules)
        {
            var word = ruleWords.FirstOrDefault(words.Contains);
            var applies = kind == MetricKind.MeanColumnwiseRocAuc ? word is not null && words.Overlaps(["auc", "roc"]) : word is not null;
            if (applies)
            {
                return (kind, word);
            }
        }

        // "score", "rate" and other words of a quality to maximise, or no hint at all.
        return (MetricKind.Accuracy, words.FirstOrDefault(w => w is "score" or "rate" or "higher" or "maximize" or "larger"));
    }
}
