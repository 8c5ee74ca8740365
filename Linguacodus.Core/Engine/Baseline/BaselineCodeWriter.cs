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
        var plan = new Plan(request, BaselineRecipes.Detect(request.Instruction), robust);
        return stage switch
        {
            CodeStage.Preprocessing => plan.Profile.TaskKind == TaskKind.Forecast ? plan.ForecastPreprocessing() : plan.TabularPreprocessing(),
            CodeStage.Architecture => plan.Profile.TaskKind == TaskKind.Forecast ? plan.ForecastArchitecture() : plan.TabularArchitecture(),
            CodeStage.Training => plan.Training(),
            _ => plan.Submission(),
        };
    }

    private sealed class Plan(CodeRequest request, BaselineRecipe recipe, bool robust)
    {
        public DataProfile Profile { get; } = request.Profile;

        private Metric Metric => request.Folder.Metric;

        private bool Classify => Profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass;

        private List<ColumnProfile> Features => [.. Profile.Features.Where(c => c.Name != Profile.DateColumn)];

        private List<string> Numeric => [.. Features.Where(c => c.Kind is ColumnKind.Numeric or ColumnKind.Pixel).Select(c => c.Name)];

        // HistGradientBoosting accepts at most 255 categories per column; the robust variant pools the rest.
        private List<string> Categorical => [.. Features.Where(c => c.Kind == ColumnKind.Categorical || (c.Kind == ColumnKind.Text && robust)).Select(c => c.Name)];

        private List<string> Text => robust ? [] : [.. Features.Where(c => c.Kind == ColumnKind.Text).Select(c => c.Name)];

        private bool Pixels => BaselineInstructionWriter.IsPixelTask(Profile);

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
                .AppendLine($"TARGET = {Py.Str(Profile.TargetColumn)}")
                .AppendLine($"ID = {Py.Str(Profile.IdColumn)}")
                .AppendLine($"NUMERIC = {Py.List(Numeric)}")
                .AppendLine($"CATEGORICAL = {Py.List(Categorical)}")
                .AppendLine($"TEXT = {Py.List(Text)}")
                .AppendLine("FEATURES = NUMERIC + CATEGORICAL + TEXT")
                .AppendLine()
                .AppendLine("train = pd.read_csv(\"train.csv\")")
                .AppendLine("test = pd.read_csv(\"test.csv\")")
                .AppendLine("train = train.dropna(subset=[TARGET]).reset_index(drop=True)")
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
                .AppendLine("y = train[TARGET]")
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

        public string ForecastPreprocessing()
        {
            var exogenous = Numeric;
            return $$"""
                import json
                import numpy as np
                import pandas as pd

                TARGET = {{Py.Str(Profile.TargetColumn)}}
                ID = {{Py.Str(Profile.IdColumn)}}
                DATE = {{Py.Str(Profile.DateColumn)}}
                EXOGENOUS = {{Py.List(exogenous)}}

                train = pd.read_csv("train.csv")
                test = pd.read_csv("test.csv")
                for frame in (train, test):
                    frame[DATE] = pd.to_datetime(frame[DATE], errors="coerce")
                train = train.dropna(subset=[DATE, TARGET]).sort_values(DATE).reset_index(drop=True)
                ORIGIN = train[DATE].min()


                def time_features(frame):
                    dates = frame[DATE]
                    features = pd.DataFrame({
                        "t": (dates - ORIGIN).dt.days / 365.25,
                        "month": dates.dt.month,
                        "doy_sin": np.sin(2 * np.pi * dates.dt.dayofyear / 365.25),
                        "doy_cos": np.cos(2 * np.pi * dates.dt.dayofyear / 365.25),
                        "dayofweek": dates.dt.dayofweek,
                    }, index=frame.index)
                    for column in EXOGENOUS:
                        features[column] = pd.to_numeric(frame[column], errors="coerce").fillna(train[column].median())
                    return features


                X = time_features(train)
                y = train[TARGET].astype(float)
                X_test = time_features(test)
                SEASONAL = ["month", "doy_sin", "doy_cos", "dayofweek"] + EXOGENOUS
                print(f"train: {len(X)} dated rows from {train[DATE].min():%Y-%m-%d} to {train[DATE].max():%Y-%m-%d}; test: {len(X_test)} rows")

                """;
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
            var code = new StringBuilder().AppendLine(import);
            if (recipe == BaselineRecipe.GradientBoosting)
            {
                // The encoder's output puts numeric columns first, then categorical codes, then text terms.
                code.AppendLine("# Only the ordinal-coded columns are categorical; they come after the numeric block.")
                    .AppendLine("CATEGORICAL_MASK = [False] * len(NUMERIC) + [True] * len(CATEGORICAL)")
                    .AppendLine("CATEGORICAL_MASK = [m and X[c].nunique() < 250 for m, c in zip(CATEGORICAL_MASK, NUMERIC + CATEGORICAL)]")
                    .AppendLine("CATEGORICAL_MASK = (CATEGORICAL_MASK + [False] * 300 * len(TEXT)) if any(CATEGORICAL_MASK) else None");
            }
            var steps = recipe == BaselineRecipe.KernelSvm
                ? $"preprocessor, PCA(n_components=min(40, len(FEATURES)), {seed}), {estimator}"
                : $"preprocessor, {estimator}";
            code.AppendLine()
                .AppendLine($"model = make_pipeline({steps})")
                .AppendLine("print(model)");
            return code.ToString();
        }

        public string ForecastArchitecture()
        {
            var (import, degree, season) = recipe switch
            {
                BaselineRecipe.GradientBoosting => ("from sklearn.ensemble import HistGradientBoostingRegressor", 2,
                    "HistGradientBoostingRegressor(learning_rate=0.05, max_iter=200, random_state=42)"),
                BaselineRecipe.RandomForest => ("from sklearn.ensemble import RandomForestRegressor", 1,
                    "RandomForestRegressor(n_estimators=300, min_samples_leaf=3, n_jobs=2, random_state=42)"),
                _ => ("from sklearn.compose import ColumnTransformer\nfrom sklearn.linear_model import Ridge\nfrom sklearn.preprocessing import OneHotEncoder", 2,
                    "make_pipeline(ColumnTransformer([(\"month\", OneHotEncoder(handle_unknown=\"ignore\"), [\"month\"])], remainder=\"passthrough\"), Ridge(alpha=1.0))"),
            };
            return $$""""
                {{import}}
                from sklearn.base import BaseEstimator, RegressorMixin
                from sklearn.linear_model import LinearRegression
                from sklearn.pipeline import make_pipeline
                from sklearn.preprocessing import PolynomialFeatures


                class TrendPlusSeason(BaseEstimator, RegressorMixin):
                    """A polynomial trend in time, plus a model of the seasonal remainder (trees cannot extrapolate a trend)."""

                    def __init__(self, season_model, degree=2):
                        self.season_model = season_model
                        self.degree = degree

                    def fit(self, X, y):
                        self.trend_ = make_pipeline(PolynomialFeatures(self.degree), LinearRegression()).fit(X[["t"]], y)
                        self.season_model.fit(X[SEASONAL], y - self.trend_.predict(X[["t"]]))
                        return self

                    def predict(self, X):
                        return self.trend_.predict(X[["t"]]) + self.season_model.predict(X[SEASONAL])


                model = TrendPlusSeason({{season}}, degree={{degree}})
                print(model)

                """";
        }

        public string Training()
        {
            var code = new StringBuilder()
                .AppendLine("from sklearn import metrics")
                .AppendLine("from sklearn.model_selection import train_test_split")
                .AppendLine();
            if (Classify)
            {
                code.AppendLine(ClassCode.Definitions(Profile));
            }
            code.AppendLine(Profile.TaskKind switch
            {
                TaskKind.Forecast => """
                    # Validation period after the training period: no shuffling for a series.
                    split = int(len(X) * 0.8)
                    X_train, X_valid, y_train, y_valid = X.iloc[:split], X.iloc[split:], y.iloc[:split], y.iloc[split:]
                    """,
                _ when Classify => """
                    stratify = y if y.value_counts().min() >= 2 else None
                    X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42, stratify=stratify)
                    """,
                _ => "X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=42)",
            });
            code.AppendLine("model.fit(X_train, y_train)")
                .Append(Profile.TaskKind == TaskKind.Binary ? "positive_column = class_index(model.classes_, POSITIVE)\n" : "")
                .AppendLine($"score = {ScoreExpression()}")
                .AppendLine(ScoreLine.Python(Metric.Name))
                .AppendLine()
                .AppendLine("# Refit on every training row before predicting the test set.")
                .AppendLine("model.fit(X, y)");
            return code.ToString();
        }

        // The same scikit-learn computation the scorer applies to the submission, so validation and answer agree.
        private string ScoreExpression() => Metric.Kind switch
        {
            MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc when Profile.TaskKind == TaskKind.Binary => "metrics.roc_auc_score(y_valid == model.classes_[positive_column], model.predict_proba(X_valid)[:, positive_column])",
            MetricKind.RocAuc or MetricKind.MeanColumnwiseRocAuc when Classify => "metrics.roc_auc_score(y_valid, model.predict_proba(X_valid), multi_class=\"ovr\", labels=model.classes_)",
            MetricKind.LogLoss or MetricKind.MulticlassLogLoss when Classify => "metrics.log_loss(y_valid, model.predict_proba(X_valid), labels=model.classes_)",
            MetricKind.F1 when Profile.TaskKind == TaskKind.Binary => "metrics.f1_score(y_valid, model.predict(X_valid), pos_label=model.classes_[positive_column])",
            MetricKind.F1 or MetricKind.MacroF1 => "metrics.f1_score(y_valid, model.predict(X_valid), average=\"macro\")",
            MetricKind.MicroF1 => "metrics.f1_score(y_valid, model.predict(X_valid), average=\"micro\")",
            MetricKind.QuadraticWeightedKappa when Classify => "metrics.cohen_kappa_score(y_valid, model.predict(X_valid), weights=\"quadratic\")",
            MetricKind.QuadraticWeightedKappa => "metrics.cohen_kappa_score(np.rint(y_valid), np.rint(model.predict(X_valid)), weights=\"quadratic\")",
            // One true label per row: its average precision is 1 / its rank among the top k, 0 when not among them.
            MetricKind.MapAtK when Classify => $"np.mean([1.0 / (list(ranked).index(truth) + 1) if truth in ranked else 0.0 for truth, ranked in zip(y_valid, {RankedClasses("X_valid")})])",
            MetricKind.Accuracy => "metrics.accuracy_score(y_valid, model.predict(X_valid))",
            MetricKind.Mae => "metrics.mean_absolute_error(y_valid, model.predict(X_valid))",
            MetricKind.R2 => "metrics.r2_score(y_valid, model.predict(X_valid))",
            MetricKind.Rmsle => "metrics.mean_squared_log_error(y_valid, np.clip(model.predict(X_valid), 0, None)) ** 0.5",
            _ when Classify => "metrics.accuracy_score(y_valid, model.predict(X_valid))",
            _ => "metrics.mean_squared_error(y_valid, model.predict(X_valid)) ** 0.5",
        };

        /// <summary>Each row's classes, most probable first, cut at the metric's k (all of them when k is 0).</summary>
        private string RankedClasses(string rows) =>
            $"model.classes_[np.argsort(-model.predict_proba({rows}), axis=1)[:, :{(Metric.K > 0 ? $"{Metric.K}" : "None")}]]";

        private bool RanksClasses => Classify && Metric.Kind == MetricKind.MapAtK;

        public string Submission()
        {
            var targets = Profile.SubmissionColumns.Where(c => c != Profile.IdColumn).ToList();
            var classColumns = Classify ? ClassCode.Columns(Profile, targets) : null;
            var probability = Classify && Metric.NeedsProbabilities;
            var code = new StringBuilder();
            code.AppendLine(request.Folder.SampleSubmissionFile is null
                ? $"submission = pd.DataFrame({{{Py.Str(Profile.IdColumn ?? "id")}: {(Profile.IdColumn is null ? "range(len(test))" : "test[ID]")}}})"
                : "submission = pd.read_csv(\"sample_submission.csv\")");
            if (classColumns is not null)
            {
                // Each column by its class's name: the sample submission's column order need not be model.classes_'.
                code.AppendLine("probabilities = model.predict_proba(X_test)")
                    .AppendLine($"for column, label in [{string.Join(", ", classColumns.Select(c => $"({Py.Str(c.Column)}, {Py.Str(c.Label)})"))}]:")
                    .AppendLine("    values = probabilities[:, class_index(model.classes_, label)]")
                    .AppendLine(Assign("column", "values", indent: "    "));
            }
            else
            {
                code.AppendLine(probability && Profile.TaskKind == TaskKind.Binary ? "predictions = model.predict_proba(X_test)[:, class_index(model.classes_, POSITIVE)]"
                        : RanksClasses ? $"predictions = [\" \".join(str(c) for c in ranked) for ranked in {RankedClasses("X_test")}]"
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

        // Match predictions to the submission's rows by id, whatever order sample_submission lists them in.
        private string Assign(string column, string values, string indent) =>
            Profile.IdColumn is null || request.Folder.SampleSubmissionFile is null
                ? $"{indent}submission[{column}] = {values}"
                : $"{indent}submission[{column}] = submission[ID].map(pd.Series({values}, index=test[ID].to_numpy()))";
    }
}
