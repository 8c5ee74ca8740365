using System.Diagnostics.CodeAnalysis;

namespace Linguacodus.Core.Tasks;

/// <summary>The evaluation metric of a task, with the facts the pipeline needs about it.</summary>
public sealed record Metric(MetricKind Kind)
{
    // Keys are normalised (lower case, no spaces, dashes or underscores); they cover the names
    // that task descriptions and competition pages actually use.
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
        ["f1"] = MetricKind.F1,
        ["f1score"] = MetricKind.F1,
        ["fscore"] = MetricKind.F1,
        ["logloss"] = MetricKind.LogLoss,
        ["logarithmicloss"] = MetricKind.LogLoss,
        ["crossentropy"] = MetricKind.LogLoss,
        ["binarycrossentropy"] = MetricKind.LogLoss,
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
        ["meancolumnwiserootmeansquarederror"] = MetricKind.MeanColumnwiseRmse,
    };

    /// <summary>The canonical names, in <see cref="MetricKind"/> order, for messages and prompts.</summary>
    public static IReadOnlyList<string> SupportedNames { get; } =
        [.. Enum.GetValues<MetricKind>().Select(k => new Metric(k).Name)];

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
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown metric kind."),
    };

    public bool HigherIsBetter => Kind is MetricKind.RocAuc or MetricKind.Accuracy or MetricKind.F1 or MetricKind.R2;

    /// <summary>Whether submissions must hold probabilities rather than labels.</summary>
    public bool NeedsProbabilities => Kind is MetricKind.RocAuc or MetricKind.LogLoss;

    /// <summary>Reads a metric name as people write it; case, spaces, dashes and underscores do not matter.</summary>
    /// <exception cref="FormatException">The name is not a supported metric; the message lists the supported ones.</exception>
    public static Metric Parse(string loose) =>
        TryParse(loose, out var metric)
            ? metric
            : throw new FormatException($"Unknown metric '{loose}'; supported: {string.Join(", ", SupportedNames)}.");

    public static bool TryParse(string? loose, [NotNullWhen(true)] out Metric? metric)
    {
        var key = string.Concat((loose ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_'))).ToLowerInvariant();
        metric = Aliases.TryGetValue(key, out var kind) ? new Metric(kind) : null;
        return metric is not null;
    }

    public override string ToString() => Name;
}
