using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The baseline's code for a multi-label target (space-separated labels per row): the labels become one 0/1 column
/// each (MultiLabelBinarizer) and one binary classifier per label learns them (one-vs-rest). A row's answer is its
/// labels with a probability over the threshold, at least its most probable one; under MAP@k it is the k most
/// probable labels, best first.
/// </summary>
internal static class LabelListCode
{
    /// <summary>The labels as the instructions and prompts name them.</summary>
    public static string Phrase(LabelList list) => $"each answer is {list.Describe()}";

    public static string Architecture(BaselineRecipe recipe)
    {
        var (import, estimator) = recipe switch
        {
            BaselineRecipe.GradientBoosting => ("from sklearn.ensemble import HistGradientBoostingClassifier", "HistGradientBoostingClassifier(learning_rate=0.06, max_iter=200, random_state=42)"),
            BaselineRecipe.RandomForest => ("from sklearn.ensemble import RandomForestClassifier", "RandomForestClassifier(n_estimators=300, n_jobs=2, random_state=42)"),
            BaselineRecipe.KernelSvm => ("from sklearn.svm import SVC", "SVC(C=10, gamma=\"scale\", probability=True, random_state=42)"),
            _ => ("from sklearn.linear_model import LogisticRegression", "LogisticRegression(C=1.0, max_iter=2000)"),
        };
        return $$"""
            {{import}}
            from sklearn.multiclass import OneVsRestClassifier
            from sklearn.preprocessing import MultiLabelBinarizer

            # Each row's space-separated labels as one 0/1 column per label; one binary classifier learns each label.
            binarizer = MultiLabelBinarizer()
            Y = binarizer.fit_transform(y.astype(str).str.split())
            print(f"{Y.shape[1]} labels, {Y.sum(axis=1).mean():.2f} per row on average")
            model = make_pipeline(preprocessor, OneVsRestClassifier({{estimator}}))
            print(model)

            """;
    }

    /// <summary>A random hold-out scored with the task's metric on label lists, then a refit on every row.</summary>
    public static string Training(LabelList list, Metric metric) => $$""""
        from sklearn import metrics
        from sklearn.model_selection import train_test_split

        K = {{list.K}}  # labels per answer under MAP@k, best first; 0: every label over the threshold
        THRESHOLD = 0.5


        def to_labels(probabilities):
            # Each row's answer: its k most probable labels, else those over the threshold and at least the most probable.
            order = np.argsort(-probabilities, axis=1)
            if K > 0:
                return [list(binarizer.classes_[row[:K]]) for row in order]
            return [list(binarizer.classes_[(p >= THRESHOLD) | (np.arange(len(p)) == row[0])]) for p, row in zip(probabilities, order)]


        def average_precision(actual, ranked):
            hits, total = 0, 0.0
            for rank, label in enumerate(ranked, start=1):
                if label in actual and label not in ranked[:rank - 1]:
                    hits += 1
                    total += hits / rank
            return total / min(len(actual), K) if len(actual) and K else 0.0


        def score_of(predicted, probabilities=None):
            """The metric of some answers (label lists) on the validation rows: the model's or the naive ones."""
            return {{Score(metric)}}


        {{DiagnosticsCode.Definitions}}
        X_train, X_valid, Y_train, Y_valid = train_test_split(X, Y, test_size=0.2, random_state=42)
        model.fit(X_train, Y_train)
        probabilities_valid = model.predict_proba(X_valid)
        predicted_valid = to_labels(probabilities_valid)
        score = score_of(predicted_valid)
        # Naive: every label's training frequency as its probability, turned into answers as the model's are.
        naive_score = naive_score_of(score_of, Y_train, len(Y_valid), naive=lambda: (to_labels(np.tile(Y_train.mean(axis=0), (len(Y_valid), 1))), None))
        {{ScoreLine.Python(metric.Name, "score", "naive_score")}}
        # The pictures of the first label only, present or not (its model's weights too): one set per label would crowd the run page.
        first_label = str(binarizer.classes_[0])
        save_diagnostics("classification", np.where(Y_valid[:, 0] == 1, first_label, "not " + first_label),
                         np.where(binarizer.transform(predicted_valid)[:, 0] == 1, first_label, "not " + first_label),
                         scores=probabilities_valid[:, 0], positive=first_label, model=model, label=f"label {first_label}, the first of {len(binarizer.classes_)}")

        # Refit on every training row before predicting the test set.
        model.fit(X, Y)

        """";

    /// <summary>The test answers as <c>predictions</c>: one space-separated string per test row.</summary>
    public const string Predictions = "predictions = [\" \".join(str(label) for label in labels) for labels in to_labels(model.predict_proba(X_test))]";

    // The same computation the scorer applies to the submission: MAP@k, exact-match accuracy, else F1 per row averaged.
    private static string Score(Metric metric) => metric.Kind switch
    {
        MetricKind.MapAtK => "float(np.mean([average_precision(set(binarizer.classes_[truth == 1]), ranked) for truth, ranked in zip(Y_valid, predicted)]))",
        MetricKind.Accuracy => "metrics.accuracy_score(Y_valid, binarizer.transform(predicted))",
        _ => "metrics.f1_score(Y_valid, binarizer.transform(predicted), average=\"samples\", zero_division=1)",
    };
}
