using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Linguacodus.Core.Tasks;

/// <summary>The evaluation metric of a task, with the facts the pipeline needs about it.</summary>
/// <param name="Kind">The metric's family, which decides how it is computed.</param>
public sealed partial record Metric(MetricKind Kind)
{
    // Keys are normalised (see Key): lower case; letters, digits and @ ^ ² only. They cover the names that task
    // descriptions and competition pages actually use.
    private static readonly Dictionary<string, MetricKind> Aliases = new()
    {
        ["rocauc"] = MetricKind.RocAuc,
        ["roc"] = MetricKind.RocAuc,
        ["auc"] = MetricKind.RocAuc,
        ["aucroc"] = MetricKind.RocAuc,
        ["areaundertheroccurve"] = MetricKind.RocAuc,
        ["areaunderroccurve"] = MetricKind.RocAuc,
        ["accuracy"] = MetricKind.Accuracy,
        ["acc"] = MetricKind.Accuracy,
        ["classificationaccuracy"] = MetricKind.Accuracy,
        ["f1"] = MetricKind.F1,
        ["f1score"] = MetricKind.F1,
        ["fscore"] = MetricKind.F1,
        ["logloss"] = MetricKind.LogLoss,
        ["logarithmicloss"] = MetricKind.LogLoss,
        ["crossentropy"] = MetricKind.LogLoss,
        ["binarycrossentropy"] = MetricKind.LogLoss,
        ["binarylogloss"] = MetricKind.LogLoss,
        ["rmse"] = MetricKind.Rmse,
        ["rootmeansquarederror"] = MetricKind.Rmse,
        ["rootmeansquareerror"] = MetricKind.Rmse,
        ["mae"] = MetricKind.Mae,
        ["meanabsoluteerror"] = MetricKind.Mae,
        ["r2"] = MetricKind.R2,
        ["r^2"] = MetricKind.R2,
        ["r²"] = MetricKind.R2,
        ["r2score"] = MetricKind.R2,
        ["rsquared"] = MetricKind.R2,
        ["coefficientofdetermination"] = MetricKind.R2,
        ["meancolumnwisermse"] = MetricKind.MeanColumnwiseRmse,
        ["mcrmse"] = MetricKind.MeanColumnwiseRmse,
        ["columnwisermse"] = MetricKind.MeanColumnwiseRmse,
        ["meancolumnwiserootmeansquarederror"] = MetricKind.MeanColumnwiseRmse,
        ["rmsle"] = MetricKind.Rmsle,
        ["rootmeansquaredlogarithmicerror"] = MetricKind.Rmsle,
        ["rootmeansquarelogarithmicerror"] = MetricKind.Rmsle,
        ["rootmeansquaredlogerror"] = MetricKind.Rmsle,
        ["rootmeansquarelogerror"] = MetricKind.Rmsle,
        ["qwk"] = MetricKind.QuadraticWeightedKappa,
        ["quadraticweightedkappa"] = MetricKind.QuadraticWeightedKappa,
        ["quadraticweightedcohenskappa"] = MetricKind.QuadraticWeightedKappa,
        ["quadraticweightedcohenkappa"] = MetricKind.QuadraticWeightedKappa,
        ["cohenskappaquadratic"] = MetricKind.QuadraticWeightedKappa,
        ["cohenkappaquadratic"] = MetricKind.QuadraticWeightedKappa,
        ["quadratickappa"] = MetricKind.QuadraticWeightedKappa,
        ["kappaquadratic"] = MetricKind.QuadraticWeightedKappa,
        ["multiclasslogloss"] = MetricKind.MulticlassLogLoss,
        ["multiclasslogarithmicloss"] = MetricKind.MulticlassLogLoss,
        ["multiclasscrossentropy"] = MetricKind.MulticlassLogLoss,
        ["categoricalcrossentropy"] = MetricKind.MulticlassLogLoss,
        ["mlogloss"] = MetricKind.MulticlassLogLoss,
        ["macrof1"] = MetricKind.MacroF1,
        ["f1macro"] = MetricKind.MacroF1,
        ["macrof1score"] = MetricKind.MacroF1,
        ["macroaveragedf1"] = MetricKind.MacroF1,
        ["macroaveragedf1score"] = MetricKind.MacroF1,
        ["microf1"] = MetricKind.MicroF1,
        ["f1micro"] = MetricKind.MicroF1,
        ["microf1score"] = MetricKind.MicroF1,
        ["microaveragedf1"] = MetricKind.MicroF1,
        ["microaveragedf1score"] = MetricKind.MicroF1,
        ["meancolumnwiserocauc"] = MetricKind.MeanColumnwiseRocAuc,
        ["meancolumnwiseauc"] = MetricKind.MeanColumnwiseRocAuc,
        ["columnwiseauc"] = MetricKind.MeanColumnwiseRocAuc,
        ["columnwiserocauc"] = MetricKind.MeanColumnwiseRocAuc,
        ["meancolumnwiseareaundertheroccurve"] = MetricKind.MeanColumnwiseRocAuc,
        ["meanf1"] = MetricKind.SamplesF1,
        ["meanf1score"] = MetricKind.SamplesF1,
        ["samplesf1"] = MetricKind.SamplesF1,
        ["samplef1"] = MetricKind.SamplesF1,
        ["f1samples"] = MetricKind.SamplesF1,
        ["samplesaveragedf1"] = MetricKind.SamplesF1,
        ["meanf1overrows"] = MetricKind.SamplesF1,
    };

    /// <summary>The canonical names, in <see cref="MetricKind"/> order, for messages and prompts.</summary>
    public static IReadOnlyList<string> SupportedNames { get; } =
        [.. Enum.GetValues<MetricKind>().Select(k => k == MetricKind.MapAtK ? "map@k" : new Metric(k).Name)];

    /// <summary>For <see cref="MetricKind.MapAtK"/>, how many ranked labels count; 0 counts all of them.</summary>
    public int K { get; init; }

    /// <summary>
    /// Set when the task named a metric Linguacodus does not know: which family was assumed instead, and why, in
    /// words for the analyst. Null when the name was recognised.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>Canonical lower-case name, as scikit-learn and Kaggle spell it.</summary>
    public string Name => Kind switch
    {
        MetricKind.RocAuc => "roc_auc",
        MetricKind.Accuracy => "accuracy",
        MetricKind.F1 => "f1",
        MetricKind.LogLoss => "log_loss",
        MetricKind.Rmse => "rmse",
        MetricKind.Mae => "mae",
        MetricKind.R2 => "r2",
        MetricKind.MeanColumnwiseRmse => "mean_columnwise_rmse",
        MetricKind.Rmsle => "rmsle",
        MetricKind.QuadraticWeightedKappa => "quadratic_weighted_kappa",
        MetricKind.MulticlassLogLoss => "multiclass_log_loss",
        MetricKind.MacroF1 => "macro_f1",
        MetricKind.MicroF1 => "micro_f1",
        MetricKind.MapAtK => K > 0 ? $"map@{K}" : "map",
        MetricKind.MeanColumnwiseRocAuc => "mean_columnwise_roc_auc",
        MetricKind.SamplesF1 => "samples_f1",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown metric kind."),
    };

    public bool HigherIsBetter => Kind is MetricKind.RocAuc or MetricKind.Accuracy or MetricKind.F1 or MetricKind.R2
        or MetricKind.QuadraticWeightedKappa or MetricKind.MacroF1 or MetricKind.MicroF1 or MetricKind.MapAtK
        or MetricKind.MeanColumnwiseRocAuc or MetricKind.SamplesF1;

    /// <summary>Whether submissions must hold probabilities rather than labels.</summary>
    public bool NeedsProbabilities => Kind is MetricKind.RocAuc or MetricKind.LogLoss or MetricKind.MulticlassLogLoss
        or MetricKind.MeanColumnwiseRocAuc;

    /// <summary>Whether the metric scores numeric predictions of a numeric target, which makes the task a regression.</summary>
    public bool IsRegression => Kind is MetricKind.Rmse or MetricKind.Mae or MetricKind.R2 or MetricKind.MeanColumnwiseRmse
        or MetricKind.Rmsle;

    /// <summary>
    /// Reads a metric name as people write it; case, spaces and punctuation do not matter. A name Linguacodus does not
    /// know still gives a metric: the nearest family its words suggest, with a <see cref="Note"/> saying so.
    /// </summary>
    public static Metric Parse(string? loose) =>
        TryParse(loose, out var metric) ? metric : MetricFamily.Assume(loose ?? "");

    /// <summary>Reads a metric name Linguacodus knows; false (and no guess) for any other.</summary>
    public static bool TryParse(string? loose, [NotNullWhen(true)] out Metric? metric)
    {
        var key = Key(loose ?? "");
        metric = Aliases.TryGetValue(key, out var kind) ? new Metric(kind)
            : MapAtKName().Match(key) is { Success: true } map ? new Metric(MetricKind.MapAtK) { K = RankCut(map.Groups["k"].Value) }
            : null;
        return metric is not null;
    }

    public override string ToString() => Name;

    private static string Key(string loose) =>
        string.Concat(loose.Where(c => char.IsLetterOrDigit(c) || c is '@' or '^' or '²')).ToLowerInvariant();

    /// <summary>"k", nothing, or a number too large to be a cut-off means every ranked label counts.</summary>
    private static int RankCut(string k) => int.TryParse(k, out var cut) && cut is > 0 and <= 1_000 ? cut : 0;

    // "map@5", "MAP@K", "mean average precision @ 5", "mapk", "map at 3", "mean average precision".
    [GeneratedRegex(@"^(map|meanaverageprecision)(@|at)?(?<k>\d+|k)?$")]
    private static partial Regex MapAtKName();
}
