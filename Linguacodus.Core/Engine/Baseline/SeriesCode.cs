using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The baseline's code for a dated series: calendar features that fit the series' frequency, a trend, the exogenous
/// columns, a validation period at the end of training, and the seasonal-naive forecast (the last season repeated) as
/// the baseline the model must beat on that period, else it is what the program submits. Several targets each get
/// their own choice (trend degree, model or seasonal naive), scored on their own and averaged.
/// </summary>
internal sealed class SeriesCode(CodeRequest request, BaselineRecipe recipe)
{
    private DataProfile Profile => request.Profile;

    private Metric Metric => request.Folder.Metric;

    private List<ColumnProfile> Exogenous => [.. Profile.Features.Where(c => c.Name != Profile.DateColumn)];

    private bool Several => Profile.Targets.Count > 1;

    public string Preprocessing()
    {
        var axis = Profile.Series;
        var numeric = Exogenous.Where(c => c.Kind is ColumnKind.Numeric or ColumnKind.Pixel).Select(c => c.Name);
        var categorical = Exogenous.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name);
        return $$"""
            import json
            import numpy as np
            import pandas as pd

            {{(Several ? $"TARGETS = {Py.List(Profile.Targets)}" : $"TARGET = {Py.Str(Profile.TargetColumn)}")}}
            ID = {{Py.Str(Profile.SubmissionKey)}}
            DATE = {{Py.Str(Profile.DateColumn)}}
            EXOGENOUS = {{Py.List(numeric)}}
            CATEGORICAL = {{Py.List(categorical)}}
            # {{(axis is null ? "No regular time axis was found: every calendar feature is tried." : $"A {axis.FrequencyText} series: a season is {axis.SeasonLength} periods.")}}
            SEASON = {{axis?.SeasonLength ?? 0}}
            CALENDAR = {{Py.List(CalendarFeatures(axis))}}

            train = pd.read_csv("train.csv")
            test = pd.read_csv("test.csv")


            def dates_of(frame):
                return pd.to_datetime(frame[DATE], errors="coerce")


            # The date column keeps its text (it may key the submission); features come from the parsed dates.
            train = train[dates_of(train).notna() & {{(Several ? "train[TARGETS].notna().all(axis=1)" : "train[TARGET].notna()")}}]
            train = train.iloc[np.argsort(dates_of(train).to_numpy(), kind="stable")].reset_index(drop=True)
            ORIGIN = dates_of(train).min()
            LEVELS = {column: train[column].astype(str).value_counts().index[:20].tolist() for column in CATEGORICAL}


            def period_index(dates):
                {{PeriodIndex(axis?.Frequency)}}


            def time_features(frame):
                dates = dates_of(frame)
                calendar = {
                    "month": dates.dt.month,
                    "doy_sin": np.sin(2 * np.pi * dates.dt.dayofyear / 365.25),
                    "doy_cos": np.cos(2 * np.pi * dates.dt.dayofyear / 365.25),
                    "dayofweek": dates.dt.dayofweek,
                    "hour": dates.dt.hour,
                }
                features = pd.DataFrame({"t": (dates - ORIGIN).dt.days / 365.25, "step": period_index(dates)}, index=frame.index)
                for name in CALENDAR:
                    features[name] = calendar[name]
                for column in EXOGENOUS:
                    features[column] = pd.to_numeric(frame[column], errors="coerce").fillna(pd.to_numeric(train[column], errors="coerce").median())
                for column, levels in LEVELS.items():
                    for level in levels:
                        features[f"{column}={level}"] = (frame[column].astype(str) == level).astype(float)
                return features


            X = time_features(train)
            y = train[{{(Several ? "TARGETS" : "TARGET")}}].astype(float)
            X_test = time_features(test)
            SEASONAL = CALENDAR + [c for c in X.columns if c not in ("t", "step") and c not in CALENDAR]
            print(f"train: {len(X)} dated rows from {dates_of(train).min():%Y-%m-%d} to {dates_of(train).max():%Y-%m-%d}; "
                  f"test: {len(X_test)} rows; calendar features {CALENDAR}, exogenous {SEASONAL[len(CALENDAR):]}")

            """;
    }

    public string Architecture()
    {
        var (import, degree, season) = recipe switch
        {
            BaselineRecipe.GradientBoosting => ("from sklearn.ensemble import HistGradientBoostingRegressor", 2,
                "HistGradientBoostingRegressor(learning_rate=0.05, max_iter=200, random_state=42)"),
            BaselineRecipe.RandomForest => ("from sklearn.ensemble import RandomForestRegressor", 1,
                "RandomForestRegressor(n_estimators=300, min_samples_leaf=3, n_jobs=2, random_state=42)"),
            _ => ("from sklearn.compose import ColumnTransformer\nfrom sklearn.linear_model import Ridge\nfrom sklearn.preprocessing import OneHotEncoder", 2,
                "make_pipeline(ColumnTransformer([(\"calendar\", OneHotEncoder(handle_unknown=\"ignore\"), "
                    + "[c for c in (\"month\", \"dayofweek\", \"hour\") if c in CALENDAR])], remainder=\"passthrough\"), Ridge(alpha=1.0))"),
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


            class SeasonalNaive(BaseEstimator, RegressorMixin):
                """Repeats the last season of training: each later period takes the value whole seasons before it."""

                def __init__(self, season=1):
                    self.season = season

                def fit(self, X, y):
                    history = pd.Series(np.asarray(y, dtype=float), index=X["step"].to_numpy()).groupby(level=0).last()
                    self.last_ = int(history.index.max())
                    # A gap in training takes the last value before it.
                    self.history_ = history.reindex(range(int(history.index.min()), self.last_ + 1)).ffill()
                    return self

                def predict(self, X):
                    steps = X["step"].to_numpy()
                    back = np.ceil(np.maximum(steps - self.last_, 0) / self.season).astype(int) * self.season
                    return self.history_.reindex(steps - back).fillna(self.history_.iloc[-1]).to_numpy()


            {{(Several ? ByTarget : "")}}model = TrendPlusSeason({{season}}, degree={{degree}})
            print(model)

            """";
    }

    public string Training()
    {
        var better = Metric.HigherIsBetter ? ">" : "<";
        return $$""""
            from types import SimpleNamespace

            from sklearn import metrics
            from sklearn.base import clone

            # Validation period: the last rows of training, as long as the test period when training is long enough.
            # Rows are in time order and never shuffled: a series is validated on its future.
            horizon = len(X_test) if len(X_test) <= len(X) // 3 else max(1, len(X) // 5)
            split = len(X) - horizon
            X_train, X_valid, y_train, y_valid = X.iloc[:split], X.iloc[split:], y.iloc[:split], y.iloc[split:]


            def score_of(truth, predicted):
                return {{ScoreExpression("truth", "predicted")}}


            {{DiagnosticsCode.Definitions}}
            def choose(y_train, y_valid, label=""):
                """The trend's degree, then the model or the seasonal-naive forecast, by the validation period.

                Gives the forecaster to refit, its validation score and forecast, the fitted model, and the naive score: the
                seasonal-naive forecast's, or without a regular time axis the last training value's.
                """
                # A fitted slope or curve extrapolates badly on a series that has none.
                trend_scores, forecasts, fitted = {}, {}, {}
                for degree in (0, 1, 2):
                    fitted[degree] = clone(model).set_params(degree=degree).fit(X_train, y_train)
                    forecasts[degree] = fitted[degree].predict(X_valid)
                    trend_scores[degree] = score_of(y_valid, forecasts[degree])
                degree = {{(Metric.HigherIsBetter ? "max" : "min")}}(trend_scores, key=trend_scores.get)
                chosen = SimpleNamespace(model=clone(model).set_params(degree=degree), score=trend_scores[degree],
                                         forecast=forecasts[degree], fitted=fitted[degree])
                print(f"{label}trend degree by validation {{Metric.Name}}: " + ", ".join(f"{d}: {s:.4f}" for d, s in trend_scores.items()) + f"; chosen {degree}")
                if not SEASON:
                    chosen.naive = score_of(y_valid, np.full(len(y_valid), float(y_train.iloc[-1])))
                    print(f"{label}no regular time axis, so no seasonal-naive baseline: submitting the model")
                    return chosen
                naive = SeasonalNaive(SEASON).fit(X_train, y_train)
                naive_forecast = naive.predict(X_valid)
                chosen.naive = score_of(y_valid, naive_forecast)
                print(f"{label}validation {{Metric.Name}} on the last {horizon} periods: model {chosen.score:.4f}, "
                      f"seasonal naive (the last {SEASON} periods repeated) {chosen.naive:.4f}")
                if chosen.score {{better}} chosen.naive:
                    print(f"{label}submitting the model: it beats the seasonal-naive forecast on the validation period")
                    return chosen
                print(f"{label}submitting the seasonal-naive forecast: the model does not beat it on the validation period")
                return SimpleNamespace(model=SeasonalNaive(SEASON), score=chosen.naive, forecast=naive_forecast, fitted=naive, naive=chosen.naive)


            {{(Several
                ? "chosen = [choose(y_train[target], y_valid[target], f\"{target}: \") for target in TARGETS]\nmodel = ByTarget([c.model for c in chosen])\n# Each target scored on its own, averaged over the targets; the naive score alike.\nscore = float(np.mean([c.score for c in chosen]))\nnaive_score = float(np.mean([c.naive for c in chosen]))"
                : "chosen = [choose(y_train, y_valid)]\nmodel, score, naive_score = chosen[0].model, chosen[0].score, chosen[0].naive")}}
            {{ScoreLine.Python(Metric.Name, "score", "naive_score")}}
            # The forecast of the {{(Several ? "first target (one picture per target would crowd the run page)" : "target")}} against the held-out tail.
            save_diagnostics("forecast", {{(Several ? "y_valid[TARGETS[0]]" : "y_valid")}}, chosen[0].forecast, model=chosen[0].fitted,
                             history=(dates_of(train).iloc[:split], {{(Several ? "y_train[TARGETS[0]]" : "y_train")}}), dates=dates_of(train).iloc[split:]{{(Several ? ", label=f\"{TARGETS[0]}, the first of {len(TARGETS)} targets\"" : "")}})

            # Refit on every training row before forecasting the test period.
            model.fit(X, y)
            """";
    }

    // One forecaster per target column, each as its validation chose; predictions side by side in TARGETS order.
    private const string ByTarget = """"
        class ByTarget(BaseEstimator, RegressorMixin):
            """Each target's own chosen forecaster, predicting the targets side by side."""

            def __init__(self, models):
                self.models = models

            def fit(self, X, y):
                for forecaster, target in zip(self.models, TARGETS):
                    forecaster.fit(X, y[target])
                return self

            def predict(self, X):
                return np.column_stack([forecaster.predict(X) for forecaster in self.models])


        """";

    /// <summary>The calendar features a frequency can use: the day of the week only for daily or finer rows.</summary>
    private static List<string> CalendarFeatures(SeriesAxis? axis) => axis?.Frequency switch
    {
        null => ["month", "doy_sin", "doy_cos", "dayofweek"],
        SeriesFrequency.Hourly => ["month", "doy_sin", "doy_cos", "dayofweek", "hour"],
        SeriesFrequency.Daily => ["month", "doy_sin", "doy_cos", "dayofweek"],
        SeriesFrequency.Yearly => [],
        _ => ["month", "doy_sin", "doy_cos"],
    };

    /// <summary>The Python body that numbers each date's period from the first training date.</summary>
    private static string PeriodIndex(SeriesFrequency? frequency) => frequency switch
    {
        SeriesFrequency.Hourly => "return ((dates - ORIGIN) / pd.Timedelta(hours=1)).round()",
        SeriesFrequency.Weekly => "return ((dates - ORIGIN) / pd.Timedelta(weeks=1)).round()",
        SeriesFrequency.Monthly => "return (dates.dt.year - ORIGIN.year) * 12 + dates.dt.month - ORIGIN.month",
        SeriesFrequency.Quarterly => "return (((dates.dt.year - ORIGIN.year) * 12 + dates.dt.month - ORIGIN.month) / 3).round()",
        SeriesFrequency.Yearly => "return dates.dt.year - ORIGIN.year",
        _ => "return ((dates - ORIGIN) / pd.Timedelta(days=1)).round()",
    };

    // Forecasts are scored as regressions, with the same scikit-learn computation the scorer applies.
    private string ScoreExpression(string truth, string predicted) => Metric.Kind switch
    {
        MetricKind.Mae => $"metrics.mean_absolute_error({truth}, {predicted})",
        MetricKind.R2 => $"metrics.r2_score({truth}, {predicted})",
        MetricKind.Rmsle => $"metrics.mean_squared_log_error({truth}, np.clip({predicted}, 0, None)) ** 0.5",
        _ => $"metrics.mean_squared_error({truth}, {predicted}) ** 0.5",
    };
}
