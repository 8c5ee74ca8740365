namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// The Python every baseline training stage defines to look at its validation split: <c>save_diagnostics</c> draws the
/// standard pictures into the working folder (the run's work/ folder, whose images the run page, the notebook and the
/// zip carry), and <c>naive_score_of</c> scores a naive prediction on the same rows with the same metric.
/// </summary>
/// <remarks>
/// Both only read predictions the stage has already made: neither refits nor changes the model, the score or the
/// submission, and neither can fail the run (a picture that cannot be drawn is named on one line). matplotlib is
/// imported inside the function, so its import cost (about half a second) is paid only where pictures are drawn.
/// </remarks>
internal static class DiagnosticsCode
{
    /// <summary>The names the UI and the tests rely on; every one starts with <see cref="Prefix"/>.</summary>
    public const string Prefix = Artifacts.NotebookImages.Prefix;

    public const string ConfusionMatrix = "validation_confusion_matrix.png";
    public const string RocCurve = "validation_roc_curve.png";
    public const string PredictedVsActual = "validation_predicted_vs_actual.png";
    public const string Residuals = "validation_residuals.png";
    public const string Forecast = "validation_forecast.png";
    public const string FeatureImportances = "validation_feature_importances.png";

    /// <summary>At most this many classes in a confusion matrix and features in an importance chart: the most frequent, the largest.</summary>
    public const int Top = 20;

    /// <summary>The definitions of <c>save_diagnostics</c> and <c>naive_score_of</c> (the program imports numpy as np and pandas as pd).</summary>
    public static readonly string Definitions = $$""""
        def naive_score_of(score_of, y_train, rows, classes=None, median=False, naive=None):
            """The metric of a naive prediction on the validation rows; None when it cannot be computed.

            With classes (a classifier's classes_, in its order): the most frequent training class for every row, and the
            training class frequencies as every row's probabilities. Else the training mean (the median for MAE) for every row.
            naive() may give the naive (predicted, probabilities) instead. score_of(predicted, probabilities) is the stage's
            own metric computation.
            """
            import math
            import warnings

            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # a constant prediction makes some metrics warn (no positive predicted)
                    values = pd.Series(np.asarray(y_train)) if naive is None else None
                    if naive is not None:
                        result = score_of(*naive())
                    elif classes is None:
                        constant = float(values.median() if median else values.mean())
                        result = score_of(np.full(rows, constant), None)
                    else:
                        majority = values[values == values.value_counts().index[0]].to_numpy()[:1]
                        frequencies = values.value_counts(normalize=True).reindex(classes).fillna(0).to_numpy()
                        result = score_of(np.repeat(majority, rows), np.tile(frequencies, (rows, 1)))
                result = float(result)
                return result if math.isfinite(result) else None
            except Exception as error:
                print(f"naive score skipped: {type(error).__name__}: {error}"[:200])
                return None


        def save_diagnostics(kind, truth, predicted, scores=None, positive=None, model=None, history=None, dates=None, label=""):
            """Saves the validation split's standard pictures as {{Prefix}}*.png in the working folder; never raises.

            kind "classification": the confusion matrix of truth against predicted labels (the {{Top}} most frequent
            classes), and with scores (the positive class's probability per row) the ROC curve. kind "regression":
            predicted against actual, and the residuals. kind "forecast": the forecast against the held-out tail (dates),
            after the end of the training series, history = (dates, values). With a fitted model that has
            feature_importances_ or coef_: its {{Top}} largest. label names what is drawn (e.g. the first of several targets).
            """
            import warnings

            saved, skipped = [], []
            try:
                import matplotlib
                matplotlib.use("Agg")
                import matplotlib.pyplot as plt
            except Exception as error:
                print(f"diagnostics skipped: {type(error).__name__}: {error}"[:200])
                return
            title_end = f" ({label})" if label else ""

            def figure(title, width=5, height=4):
                fig, ax = plt.subplots(figsize=(width, height), dpi=100, facecolor="white")
                ax.set_facecolor("white")
                ax.set_title(title + title_end, fontsize=10)
                return fig, ax

            def some(*arrays, most=5000):
                # A scatter of every row of a large split takes seconds; a fixed sample of rows draws the same picture.
                n = len(arrays[0])
                keep = np.sort(np.random.default_rng(0).choice(n, most, replace=False)) if n > most else np.arange(n)
                return [np.asarray(a)[keep] for a in arrays]

            def confusion():
                from sklearn.metrics import confusion_matrix
                actual = pd.Series(np.asarray(truth))
                counts = actual.value_counts()
                labels = list(counts.index[:{{Top}}])
                try:
                    labels = sorted(labels)
                except TypeError:
                    pass
                matrix = confusion_matrix(actual.to_numpy(), np.asarray(predicted), labels=labels)
                many = len(counts) > {{Top}}
                fig, ax = figure(f"Confusion matrix, {len(actual)} validation rows" + (f"\nthe {{Top}} most frequent of {len(counts)} classes" if many else ""))
                ax.imshow(matrix, cmap="Blues")
                names = [str(l)[:14] for l in labels]
                size = 8 if len(labels) <= 10 else 5
                ax.set_xticks(range(len(labels)), names, rotation=90 if len(labels) > 6 or max(map(len, names)) > 6 else 0, fontsize=size)
                ax.set_yticks(range(len(labels)), names, fontsize=size)
                ax.set_xlabel("Predicted")
                ax.set_ylabel("Actual")
                for (i, j), count in np.ndenumerate(matrix):
                    ax.text(j, i, str(count), ha="center", va="center", fontsize=size,
                            color="white" if count > matrix.max() / 2 else "black")
                return fig

            def roc():
                from sklearn.metrics import auc, roc_curve
                actual = np.asarray(truth) == positive
                if actual.all() or not actual.any():
                    return None  # one class only: no curve to draw
                false_positive, true_positive, _ = roc_curve(actual, np.asarray(scores, dtype=float))
                fig, ax = figure(f"ROC curve, positive class {str(positive)[:20]}")
                ax.plot(false_positive, true_positive, color="tab:blue", label=f"AUC = {auc(false_positive, true_positive):.4f}")
                ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="chance")
                ax.set_xlabel("False positive rate")
                ax.set_ylabel("True positive rate")
                ax.legend(loc="lower right")
                return fig

            def predicted_vs_actual():
                actual, guess = some(np.asarray(truth, dtype=float), np.asarray(predicted, dtype=float))
                fig, ax = figure(f"Predicted vs actual, {len(truth)} validation rows")
                ax.scatter(actual, guess, s=8, alpha=0.5, color="tab:blue")
                low, high = float(min(actual.min(), guess.min())), float(max(actual.max(), guess.max()))
                ax.plot([low, high], [low, high], color="grey", linestyle="--", label="perfect")
                ax.set_xlabel("Actual")
                ax.set_ylabel("Predicted")
                ax.legend(loc="upper left")
                return fig

            def residuals():
                actual, guess = some(np.asarray(truth, dtype=float), np.asarray(predicted, dtype=float))
                fig, ax = figure("Residuals (actual - predicted)")
                ax.scatter(guess, actual - guess, s=8, alpha=0.5, color="tab:blue")
                ax.axhline(0, color="grey", linestyle="--")
                ax.set_xlabel("Predicted")
                ax.set_ylabel("Residual")
                return fig

            def forecast():
                past_dates, past = history
                # The end of the training series: three held-out periods' worth, so the tail stays readable.
                window = max(3 * len(truth), 50)
                past = np.asarray(past, dtype=float)[-window:]
                # By date where the rows have dates, else by position, the held-out periods right after training.
                before = pd.to_datetime(pd.Series(past_dates)).to_numpy()[-window:] if past_dates is not None else np.arange(-len(past), 0)
                tail = pd.to_datetime(pd.Series(dates)).to_numpy() if dates is not None else np.arange(len(truth))
                fig, ax = figure(f"Forecast of the last {len(truth)} periods")
                ax.plot(before, past, color="grey", label="training")
                ax.plot(tail, np.asarray(truth, dtype=float), color="black", label="actual (held out)")
                ax.plot(tail, np.asarray(predicted, dtype=float), color="tab:orange", linestyle="--", label="forecast")
                ax.legend(loc="best", fontsize=8)
                fig.autofmt_xdate()
                return fig

            def weights():
                # Unwrap pipelines and wrappers down to the estimator with weights; the steps before it name its inputs.
                estimator, names = model, None
                for _ in range(8):
                    values = getattr(estimator, "feature_importances_", None)
                    coefficients = getattr(estimator, "coef_", None) if values is None else None
                    if coefficients is not None:
                        values = np.abs(np.atleast_2d(np.asarray(coefficients, dtype=float))).mean(axis=0)
                    if values is not None:
                        break
                    if hasattr(estimator, "steps"):
                        try:
                            names = list(estimator[:-1].get_feature_names_out())
                        except Exception:
                            names = None
                        estimator = estimator.steps[-1][1]
                    elif hasattr(estimator, "season_model"):
                        estimator = estimator.season_model
                    elif hasattr(estimator, "estimators_"):
                        estimator = estimator.estimators_[0]  # several targets or labels: the first one's model
                    elif hasattr(estimator, "model"):
                        estimator = estimator.model
                    else:
                        return None
                else:
                    return None
                values = np.ravel(values)
                if names is None or len(names) != len(values):
                    names = list(getattr(estimator, "feature_names_in_", [])) or [f"feature {i}" for i in range(len(values))]
                if len(names) != len(values):
                    names = [f"feature {i}" for i in range(len(values))]
                order = np.argsort(-values)[:{{Top}}][::-1]
                fig, ax = figure("Feature importances" if coefficients is None else "Largest coefficients (absolute)", height=4.5)
                ax.barh(range(len(order)), values[order], color="tab:blue")
                ax.set_yticks(range(len(order)), [str(names[i])[:32] for i in order], fontsize=6)
                ax.set_xlabel("importance" if coefficients is None else "|coefficient|")
                return fig

            pictures = {
                "classification": ([("{{ConfusionMatrix}}", confusion)] if predicted is not None else []) + ([("{{RocCurve}}", roc)] if scores is not None else []),
                "regression": [("{{PredictedVsActual}}", predicted_vs_actual), ("{{Residuals}}", residuals)],
                "forecast": [("{{Forecast}}", forecast)],
            }.get(kind, []) + ([("{{FeatureImportances}}", weights)] if model is not None else [])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for name, draw in pictures:
                    try:
                        fig = draw()
                        if fig is not None:
                            fig.tight_layout()
                            fig.savefig(name, dpi=100, facecolor="white")
                            saved.append(name)
                    except Exception as error:
                        skipped.append(f"{name} ({type(error).__name__}: {error})"[:160])
                    finally:
                        plt.close("all")
            if saved:
                print(f"diagnostics saved: {', '.join(saved)}")
            if skipped:
                print(f"diagnostics skipped: {'; '.join(skipped)}"[:300])


        """";
}
