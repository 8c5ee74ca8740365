using System.Runtime.CompilerServices;
using System.Text;
using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// Writes runnable pandas/scikit-learn code for the model family the instruction names, fitted to the data profile:
/// tabular classification and regression (gaps, text categories), dated series and pixel tables.
/// </summary>
internal sealed class BaselineCodeWriter : ICodeWriter
{
    public async IAsyncEnumerable<string> WriteStageAsync(
        CodeRequest request, CodeStage stage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in Write(request, stage, robust: false).Split('\n'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return line + "\n";
        }
        await Task.Yield();
    }

    /// <summary>
    /// The baseline cannot reason about an arbitrary traceback. It offers one repair for its own code: the robust
    /// variant (numbers coerced, every gap imputed, rare categories pooled). Hand-edited code is left to the analyst.
    /// </summary>
    public Task<IReadOnlyDictionary<CodeStage, string>?> FixAsync(
        CodeRequest request, IReadOnlyDictionary<CodeStage, string> stages, string errorOutput, CancellationToken cancellationToken)
    {
        var generated = CodeStages.All.All(s => stages.GetValueOrDefault(s)?.TrimEnd() == Write(request, s, robust: false).TrimEnd());
        IReadOnlyDictionary<CodeStage, string>? fixedStages = generated
            ? CodeStages.All.ToDictionary(s => s, s => Write(request, s, robust: true))
            : null;
        return Task.FromResult(fixedStages);
    }

    internal static string Write(CodeRequest request, CodeStage stage, bool robust)
    {
        var recipe = BaselineRecipes.Detect(request.Instruction);
        var plan = new Plan(request, recipe, robust);
        var series = request.Profile.TaskKind == TaskKind.Forecast ? new SeriesCode(request, recipe) : null;
        var images = ImageCode.PlanFor(request.Profile);
        var labels = request.Profile.LabelList is { SeveralPerRow: true } list ? list : null;
        return stage switch
        {
            CodeStage.Architecture when labels is not null => LabelListCode.Architecture(recipe),
            CodeStage.Training when labels is not null => LabelListCode.Training(labels, request.Folder.Metric),
            CodeStage.Preprocessing when images is not null => ImageCode.Preprocessing(images, request.Profile),
            CodeStage.Architecture when images is not null => plan.TabularArchitecture() + ImageCode.WrapModel,
            CodeStage.Preprocessing => series?.Preprocessing() ?? plan.TabularPreprocessing(),
            CodeStage.Architecture => series?.Architecture() ?? plan.TabularArchitecture(),
            CodeStage.Training => series?.Training() ?? plan.Training(),
            _ => plan.Submission(),
        };
    }

    private sealed class Plan(CodeRequest request, BaselineRecipe recipe, bool robust)
    {
        public DataProfile Profile { get; } = request.Profile;

        private Metric Metric => request.Folder.Metric;

        private bool Classify => Profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass;

        private List<ColumnProfile> Features => [.. Profile.Features.Where(c => c.Name != Profile.DateColumn), .. TableCode.Features(Profile)];

        private List<string> Numeric => [.. Features.Where(c => c.Kind is ColumnKind.Numeric or ColumnKind.Pixel).Select(c => c.Name)];

        // HistGradientBoosting accepts at most 255 categories per column; the robust variant pools the rest.
        private List<string> Categorical => [.. Features.Where(c => c.Kind == ColumnKind.Categorical || (c.Kind == ColumnKind.Text && robust)).Select(c => c.Name)];

        private List<string> Text => robust ? [] : [.. Features.Where(c => c.Kind == ColumnKind.Text).Select(c => c.Name)];

        private bool Pixels => BaselineInstructionWriter.IsPixelTask(Profile);

        // Several targets predicted together: y is a frame of TARGETS, one model per target (MultiTargetCode).
        private bool Several => Profile.Targets.Count > 1;

        public string TabularPreprocessing()
        {
            var code = new StringBuilder();
            code.AppendLine("import json")
                .AppendLine("import numpy as np")
                .AppendLine("import pandas as pd")
                .AppendLine("from sklearn.compose import ColumnTransformer")
                .AppendLine("from sklearn.impute import SimpleImputer")
                .AppendLine("from sklearn.pipeline import make_pipeline")
                .AppendLine("from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler");
            if (Text.Count > 0)
            {
                code.AppendLine("from sklearn.feature_extraction.text import TfidfVectorizer");
            }
            code.AppendLine()
                .AppendLine(Several ? $"TARGETS = {Py.List(Profile.Targets)}" : $"TARGET = {Py.Str(Profile.TargetColumn)}")
                .AppendLine($"ID = {Py.Str(Profile.IdColumn)}")
                .AppendLine($"NUMERIC = {Py.List(Numeric)}")
                .AppendLine($"CATEGORICAL = {Py.List(Categorical)}")
                .AppendLine($"TEXT = {Py.List(Text)}")
                .AppendLine("FEATURES = NUMERIC + CATEGORICAL + TEXT")
                .AppendLine()
                .Append(TableCode.Load(request.Folder, Profile))
                .AppendLine($"train = train.dropna(subset={(Several ? "TARGETS" : "[TARGET]")}).reset_index(drop=True)")
                .AppendLine("for frame in (train, test):")
                .AppendLine("    for column in NUMERIC:")
                .AppendLine("        frame[column] = pd.to_numeric(frame[column], errors=\"coerce\")")
                .AppendLine("    for column in CATEGORICAL + TEXT:")
                .AppendLine("        frame[column] = frame[column].fillna(\"missing\").astype(str)");
            if (robust)
            {
                code.AppendLine("# Pool rare categories so every encoder sees a small, fixed set of values.")
                    .AppendLine("for column in CATEGORICAL:")
                    .AppendLine("    frequent = set(train[column].value_counts().index[:50])")
                    .AppendLine("    for frame in (train, test):")
                    .AppendLine("        frame[column] = frame[column].where(frame[column].isin(frequent), \"other\")");
            }
            code.AppendLine()
                .AppendLine("X = train[FEATURES]")
                .AppendLine(Several && Classify
                    // One label type for every target: pandas may read one as booleans and another as text.
                    ? "y = train[TARGETS].astype(str)"
                    : $"y = train[{(Several ? "TARGETS" : "TARGET")}]")
                .AppendLine("X_test = test[FEATURES]");
            if (Pixels)
            {
                code.AppendLine("# Pixel intensities on a common [0, 1] scale.")
                    .AppendLine("PIXEL_SCALE = float(max(X[NUMERIC].max().max(), 1.0))")
                    .AppendLine("X = X.assign(**{c: X[c] / PIXEL_SCALE for c in NUMERIC})")
                    .AppendLine("X_test = X_test.assign(**{c: X_test[c] / PIXEL_SCALE for c in NUMERIC})");
            }
            code.AppendLine()
                .AppendLine("preprocessor = ColumnTransformer([");
            var scaled = recipe is BaselineRecipe.Linear or BaselineRecipe.KernelSvm;
            var impute = recipe != BaselineRecipe.GradientBoosting || robust;
            if (Numeric.Count > 0)
            {
                var numeric = (impute, scaled) switch
                {
                    (_, true) => "make_pipeline(SimpleImputer(strategy=\"median\", add_indicator=True), StandardScaler())",
                    (true, false) => "SimpleImputer(strategy=\"median\")",
                    _ => "\"passthrough\"",
                };
                code.AppendLine($"    (\"numeric\", {numeric}, NUMERIC),");
            }
            if (Categorical.Count > 0)
            {
                code.AppendLine(recipe == BaselineRecipe.Linear
                    ? "    (\"categorical\", OneHotEncoder(handle_unknown=\"ignore\"), CATEGORICAL),"
                    : "    (\"categorical\", OrdinalEncoder(handle_unknown=\"use_encoded_value\", unknown_value=-1), CATEGORICAL),");
            }
            foreach (var (column, i) in Text.Select((c, i) => (c, i)))
            {
                code.AppendLine($"    (\"text_{i}\", TfidfVectorizer(max_features=300), {Py.Str(column)}),");
            }
            code.AppendLine($"], sparse_threshold={(recipe == BaselineRecipe.Linear ? "0.3" : "0")})")
                .AppendLine("print(f\"train: {len(X)} rows, test: {len(X_test)} rows, features: {len(FEATURES)} \"")
                .AppendLine("      f\"({len(NUMERIC)} numeric, {len(CATEGORICAL)} categorical, {len(TEXT)} text)\")");
            return code.ToString();
        }

        public string TabularArchitecture()
        {
            var kind = Classify ? "Classifier" : "Regressor";
            var seed = "random_state=42";
            var (import, estimator) = recipe switch
            {
                BaselineRecipe.GradientBoosting => (
                    $"from sklearn.ensemble import HistGradientBoosting{kind}",
                    $"HistGradientBoosting{kind}(learning_rate=0.06, max_iter=300, l2_regularization=1.0, "
                        + $"categorical_features=CATEGORICAL_MASK, {seed})"),
                BaselineRecipe.RandomForest => (
                    $"from sklearn.ensemble import RandomForest{kind}",
                    $"RandomForest{kind}(n_estimators=400, n_jobs=2, {seed})"),
                BaselineRecipe.KernelSvm => (
                    $"from sklearn.decomposition import PCA\nfrom sklearn.svm import {(Classify ? "SVC" : "SVR")}",
                    Classify
                        ? $"SVC(C=10, gamma=\"scale\", probability={Py.Bool(Metric.NeedsProbabilities || RanksClasses)}, {seed})"
                        : "SVR(C=10, gamma=\"scale\")"),
                _ => Classify
                    ? ("from sklearn.linear_model import LogisticRegression", "LogisticRegression(C=1.0, max_iter=2000)")
                    : ("from sklearn.linear_model import RidgeCV", "RidgeCV(alphas=np.logspace(-3, 3, 13))"),
            };
            if (Several)
            {
                (import, estimator) = MultiTargetCode.Wrap(import, estimator, Classify);
            }
            var code = new StringBuilder().AppendLine(import);
            if (recipe == BaselineRecipe.GradientBoosting)
            {
                // The encoder's output puts numeric columns first, then categorical codes, then text terms.
                // By position, not by a mask: a TF-IDF block after them keeps fewer than 300 terms on a small vocabulary.
                code.AppendLine("# Only the ordinal-coded columns are categorical; they come right after the numeric block.")
                    .AppendLine("CATEGORICAL_MASK = [len(NUMERIC) + i for i, c in enumerate(CATEGORICAL) if X[c].nunique() < 250] or None");
            }
            var steps = recipe == BaselineRecipe.KernelSvm
                ? $"preprocessor, PCA(n_components=min(40, len(FEATURES)), {seed}), {estimator}"
                : $"preprocessor, {estimator}";
            code.AppendLine()
                .AppendLine($"model = make_pipeline({steps})")
                .AppendLine("print(model)");
            return code.ToString();
        }

        public string Training()
        {
            if (Several)
            {
                return MultiTargetCode.Training(Profile, Metric);
            }
            var code = new StringBuilder()
                .AppendLine("from sklearn import metrics")
                .AppendLine("from sklearn.model_selection import train_test_split")
                .AppendLine();
            if (Classify)
            {
                code.AppendLine(ClassCode.Definitions(Profile));
            }
            code.Append(DiagnosticsCode.Definitions)
                .AppendLine("def score_of(predicted, probabilities):")
                .AppendLine("    \"\"\"The validation metric of some predictions (labels or values, and class probabilities): the model's or the naive ones.\"\"\"")
                .AppendLine($"    return {ScoreExpression()}")
                .AppendLine()
                .AppendLine()
                .AppendLine(Classify
                ? """
                    stratify = y if y.value_counts().min() >= 2 else None
                    X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42, stratify=stratify)
                    """
                : "X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42)");
            var binary = Profile.TaskKind == TaskKind.Binary;
            code.AppendLine("model.fit(X_train, y_train)")
                .Append(binary ? "positive_column = class_index(model.classes_, POSITIVE)\n" : "")
                .AppendLine("predicted_valid = model.predict(X_valid)")
                .AppendLine(ValidationProbabilities())
                .AppendLine("score = score_of(predicted_valid, probabilities_valid)")
                .AppendLine($"naive_score = naive_score_of(score_of, y_train, len(y_valid){(Classify ? ", classes=model.classes_" : "")}{(Metric.Kind == MetricKind.Mae ? ", median=True" : "")})")
                .AppendLine(ScoreLine.Python(Metric.Name, "score", "naive_score"))
                .AppendLine(!Classify ? "save_diagnostics(\"regression\", y_valid, predicted_valid, model=model)"
                    : binary ? "save_diagnostics(\"classification\", y_valid, predicted_valid, model=model, positive=model.classes_[positive_column],\n"
                        + "                 scores=None if probabilities_valid is None else probabilities_valid[:, positive_column])"
                    : "save_diagnostics(\"classification\", y_valid, predicted_valid, model=model)")
                .AppendLine()
                .AppendLine("# Refit on every training row before predicting the test set.")
                .AppendLine("model.fit(X, y)");
            return code.ToString();
        }

        /// <summary>
        /// The validation rows' class probabilities as <c>probabilities_valid</c>: required when the metric scores them;
        /// for a binary task otherwise only if the model gives them (for the ROC curve); else None.
        /// </summary>
        private string ValidationProbabilities() => Classify && (Metric.NeedsProbabilities || RanksClasses)
            ? "probabilities_valid = model.predict_proba(X_valid)"
            : Profile.TaskKind == TaskKind.Binary
                ? """
                    try:
                        probabilities_valid = model.predict_proba(X_valid)  # only for the ROC curve
                    except Exception:
                        probabilities_valid = None  # a model without probabilities (an SVM without them) draws no curve
                    """
                : "probabilities_valid = None";

        // The same scikit-learn computation the scorer applies to the submission, so validation and answer agree.
        // In terms of score_of's arguments, so the naive predictions are scored by the very same expression.
        private string ScoreExpression() => Metric.Kind switch
        {
            MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc when Profile.TaskKind == TaskKind.Binary => "metrics.roc_auc_score(y_valid == model.classes_[positive_column], probabilities[:, positive_column])",
            MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc when Classify => "metrics.roc_auc_score(y_valid, probabilities, multi_class=\"ovr\", labels=model.classes_)",
            MetricKind.LogLoss or MetricKind.MulticlassLogLoss when Classify => "metrics.log_loss(y_valid, probabilities, labels=model.classes_)",
            MetricKind.F1 when Profile.TaskKind == TaskKind.Binary => "metrics.f1_score(y_valid, predicted, pos_label=model.classes_[positive_column])",
            MetricKind.F1 or MetricKind.MacroF1 => "metrics.f1_score(y_valid, predicted, average=\"macro\")",
            MetricKind.MicroF1 => "metrics.f1_score(y_valid, predicted, average=\"micro\")",
            MetricKind.QuadraticWeightedKappa when Classify => "metrics.cohen_kappa_score(y_valid, predicted, weights=\"quadratic\")",
            MetricKind.QuadraticWeightedKappa => "metrics.cohen_kappa_score(np.rint(y_valid), np.rint(predicted), weights=\"quadratic\")",
            // One true label per row: its average precision is 1 / its rank among the top k, 0 when not among them.
            MetricKind.MapAtK when Classify => $"np.mean([1.0 / (list(ranked).index(truth) + 1) if truth in ranked else 0.0 for truth, ranked in zip(y_valid, {RankedClasses("probabilities")})])",
            MetricKind.Accuracy => "metrics.accuracy_score(y_valid, predicted)",
            MetricKind.Mae => "metrics.mean_absolute_error(y_valid, predicted)",
            MetricKind.R2 => "metrics.r2_score(y_valid, predicted)",
            MetricKind.Rmsle => "metrics.mean_squared_log_error(y_valid, np.clip(predicted, 0, None)) ** 0.5",
            _ when Classify => "metrics.accuracy_score(y_valid, predicted)",
            _ => "metrics.mean_squared_error(y_valid, predicted) ** 0.5",
        };

        /// <summary>Each row's classes, most probable first, cut at the metric's k (all of them when k is 0).</summary>
        private string RankedClasses(string probabilities) =>
            $"model.classes_[np.argsort(-{probabilities}, axis=1)[:, :{(Metric.K > 0 ? $"{Metric.K}" : "None")}]]";

        private bool RanksClasses => Classify && Metric.Kind == MetricKind.MapAtK;

        public string Submission()
        {
            var targets = Profile.SubmissionColumns.Where(c => c != Profile.SubmissionKey).ToList();
            var classColumns = Classify ? ClassCode.Columns(Profile, targets) : null;
            var probability = Classify && Metric.NeedsProbabilities;
            var code = new StringBuilder();
            code.AppendLine(request.Folder.SampleSubmissionFile is null
                ? $"submission = pd.DataFrame({{{Py.Str(Profile.SubmissionKey ?? "id")}: {(Profile.SubmissionKey is null ? "range(len(test))" : "test[ID]")}}})"
                : "submission = pd.read_csv(\"sample_submission.csv\")");
            if (Several)
            {
                code.AppendLine(MultiTargetCode.TestPredictions(Profile, Metric))
                    .AppendLine("for i, target in enumerate(TARGETS):")
                    .AppendLine("    values = predicted[:, i]")
                    .AppendLine(Assign("target", "values", indent: "    "));
            }
            else if (classColumns is not null)
            {
                // Each column by its class's name: the sample submission's column order need not be model.classes_'.
                code.AppendLine("probabilities = model.predict_proba(X_test)")
                    .AppendLine($"for column, label in [{string.Join(", ", classColumns.Select(c => $"({Py.Str(c.Column)}, {Py.Str(c.Label)})"))}]:")
                    .AppendLine("    values = probabilities[:, class_index(model.classes_, label)]")
                    .AppendLine(Assign("column", "values", indent: "    "));
            }
            else
            {
                code.AppendLine(Profile.LabelList is { SeveralPerRow: true } ? LabelListCode.Predictions
                        : probability && Profile.TaskKind == TaskKind.Binary ? "predictions = model.predict_proba(X_test)[:, class_index(model.classes_, POSITIVE)]"
                        : RanksClasses ? $"predictions = [\" \".join(str(c) for c in ranked) for ranked in {RankedClasses("model.predict_proba(X_test)")}]"
                        : "predictions = model.predict(X_test)");
                if (Metric.Kind == MetricKind.Rmsle)
                {
                    code.AppendLine("predictions = np.clip(predictions, 0, None)  # a logarithmic error needs predictions of at least 0");
                }
                code.AppendLine(Assign(Py.Str(targets.FirstOrDefault() ?? Profile.TargetColumn), "predictions", indent: ""));
            }
            code.AppendLine("submission.to_csv(\"submission.csv\", index=False)")
                .AppendLine("print(f\"wrote submission.csv: {len(submission)} rows, columns {list(submission.columns)}\")");
            return code.ToString();
        }

        // Match predictions to the submission's rows by id (or date), whatever order sample_submission lists them in.
        private string Assign(string column, string values, string indent) =>
            Profile.SubmissionKey is null || request.Folder.SampleSubmissionFile is null
                ? $"{indent}submission[{column}] = {values}"
                : $"{indent}submission[{column}] = submission[ID].map(pd.Series({values}, index=test[ID].to_numpy()))";
    }
}
