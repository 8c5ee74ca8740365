using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The baseline's code for several targets predicted together (one submission column each): one model per target
/// behind the shared preprocessing, validated with the task's metric on each target and averaged over them, as
/// mean column-wise RMSE and mean column-wise ROC AUC are defined.
/// </summary>
/// <remarks>
/// One model per target (scikit-learn's MultiOutput wrappers) rather than one joint model: every recipe supports it
/// (gradient boosting and SVMs have no joint form), each target gets its own fit (RidgeCV picks its penalty per
/// target), and on the survey example it scored as well as a joint random forest.
/// </remarks>
internal static class MultiTargetCode
{
    /// <summary>The targets as the instructions name them.</summary>
    public static string Phrase(DataProfile profile) => profile.Targets.Count == 1
        ? $"the target is '{profile.TargetColumn}'"
        : $"the {profile.Targets.Count} targets {string.Join(", ", profile.Targets.Select(t => $"'{t}'"))} are predicted together, one submission column each";

    /// <summary>The instruction's sentence on how several targets are modelled.</summary>
    public static string Sentence(DataProfile profile) =>
        $"Fit one such model per target ({profile.Targets.Count} in all) on the shared features, and score each target on its own, averaging over the targets.";

    /// <summary>The estimator wrapped so that it fits one copy per target column of y.</summary>
    public static (string Import, string Estimator) Wrap(string import, string estimator, bool classify) => classify
        ? ($"{import}\nfrom sklearn.multioutput import MultiOutputClassifier", $"MultiOutputClassifier({estimator})")
        : ($"{import}\nfrom sklearn.multioutput import MultiOutputRegressor", $"MultiOutputRegressor({estimator})");

    /// <summary>
    /// The training stage: a random hold-out, the metric per target averaged (for the model and for the naive
    /// prediction), the first target's diagnostics, then a refit on every row.
    /// </summary>
    public static string Training(DataProfile profile, Metric metric) => $$""""
        from sklearn import metrics
        from sklearn.model_selection import train_test_split

        {{(Probabilities(profile, metric) ? ClassCode.Definitions(profile) + PositiveColumn : "")}}
        {{DiagnosticsCode.Definitions}}
        def score_of(predicted, probabilities=None):
            """The metric of each target on its own, averaged over the targets: the model's predictions or the naive ones."""
            return float(np.mean([{{ColumnScore(profile, metric)}} for i, target in enumerate(TARGETS)]))


        X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42)
        model.fit(X_train, y_train)
        predicted_valid = {{Predictions(profile, metric, "X_valid")}}
        score = score_of(predicted_valid)
        # Naive: {{NaiveWords(profile, metric)}} of each target's training values, side by side like the predictions.
        naive_score = naive_score_of(score_of, y_train, len(y_valid), naive=lambda: ({{NaiveColumns(profile, metric)}}, None))
        {{ScoreLine.Python(metric.Name, "score", "naive_score")}}
        # The pictures of the first target only: one set per target would crowd the run page.
        {{Diagnostics(profile, metric)}}

        # Refit on every training row before predicting the test set.
        model.fit(X, y)

        """";

    private static string NaiveWords(DataProfile profile, Metric metric) =>
        Probabilities(profile, metric) ? "the positive class's frequency"
        : profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass ? "the most frequent class"
        : metric.Kind == MetricKind.Mae ? "the median" : "the mean";

    /// <summary>The naive predictions of the validation rows, one column per target as <see cref="Predictions"/> gives them.</summary>
    private static string NaiveColumns(DataProfile profile, Metric metric) =>
        "np.column_stack([" + (Probabilities(profile, metric) ? "np.full(len(y_valid), np.mean(is_positive(y_train[target], i)))"
            : profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass ? "np.repeat(y_train[target].value_counts().index[:1].to_numpy(), len(y_valid))"
            : $"np.full(len(y_valid), float(y_train[target].{(metric.Kind == MetricKind.Mae ? "median" : "mean")}()))")
        + " for i, target in enumerate(TARGETS)])";

    /// <summary>The first target's pictures: its classes (and with probabilities its ROC curve) or its values, and its model's weights.</summary>
    private static string Diagnostics(DataProfile profile, Metric metric)
    {
        const string Label = "label=f\"{TARGETS[0]}, the first of {len(TARGETS)} targets\"";
        return Probabilities(profile, metric)
            ? "save_diagnostics(\"classification\", y_valid[TARGETS[0]].to_numpy(), np.asarray(model.predict(X_valid))[:, 0], scores=predicted_valid[:, 0],\n"
                + $"                 positive=model[-1].estimators_[0].classes_[positive_column(0)], model=model, {Label})"
            : profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass
                ? $"save_diagnostics(\"classification\", y_valid[TARGETS[0]].to_numpy(), predicted_valid[:, 0], model=model, {Label})"
                : $"save_diagnostics(\"regression\", y_valid[TARGETS[0]].to_numpy(), predicted_valid[:, 0], model=model, {Label})";
    }

    /// <summary>The test predictions, one column per target in <c>TARGETS</c> order, as <c>predicted</c>.</summary>
    public static string TestPredictions(DataProfile profile, Metric metric) => $"predicted = {Predictions(profile, metric, "X_test")}";

    // Each target has its own model, and its classes_ its own order: the positive class is looked up per target by label.
    private const string PositiveColumn = """
        def positive_column(i):
            return class_index(model[-1].estimators_[i].classes_, POSITIVE[TARGETS[i]])


        def is_positive(values, i):
            return np.asarray(values) == model[-1].estimators_[i].classes_[positive_column(i)]


        """;

    /// <summary>A 2-D array of predictions for some rows, one column per target: each target's probability of its
    /// positive class (<see cref="DataProfile.TargetPositiveClasses"/>) when the metric wants probabilities.</summary>
    private static string Predictions(DataProfile profile, Metric metric, string rows) =>
        Probabilities(profile, metric) ? $"np.column_stack([p[:, positive_column(i)] for i, p in enumerate(model.predict_proba({rows}))])"
        : metric.Kind == MetricKind.Rmsle ? $"np.clip(np.asarray(model.predict({rows})), 0, None)  # a logarithmic error needs predictions of at least 0"
        : $"np.asarray(model.predict({rows}))";

    private static bool Probabilities(DataProfile profile, Metric metric) =>
        metric.NeedsProbabilities && profile.TaskKind == TaskKind.Binary;

    /// <summary>The score of target <c>i</c>: the same scikit-learn computation the scorer applies to that column.</summary>
    private static string ColumnScore(DataProfile profile, Metric metric)
    {
        const string Truth = "y_valid[target]";
        const string Predicted = "predicted[:, i]";
        var classify = profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass;
        return metric.Kind switch
        {
            MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc when Probabilities(profile, metric) => $"metrics.roc_auc_score(is_positive({Truth}, i), {Predicted})",
            MetricKind.LogLoss or MetricKind.MulticlassLogLoss when Probabilities(profile, metric) => $"metrics.log_loss(is_positive({Truth}, i), {Predicted}, labels=[False, True])",
            MetricKind.F1 or MetricKind.MacroF1 when classify => $"metrics.f1_score({Truth}, {Predicted}, average=\"macro\")",
            MetricKind.MicroF1 when classify => $"metrics.f1_score({Truth}, {Predicted}, average=\"micro\")",
            _ when classify => $"metrics.accuracy_score({Truth}, {Predicted})",
            MetricKind.Mae => $"metrics.mean_absolute_error({Truth}, {Predicted})",
            MetricKind.R2 => $"metrics.r2_score({Truth}, {Predicted})",
            MetricKind.Rmsle => $"metrics.mean_squared_log_error({Truth}, {Predicted}) ** 0.5",
            _ => $"metrics.mean_squared_error({Truth}, {Predicted}) ** 0.5",
        };
    }
}
