"""Scores predictions against the truth with scikit-learn, for Linguacodus's SubmissionScorer.

Reads one JSON object on stdin, already aligned row by row: "kind" (a MetricKind name), "truth", "predicted" and the
extras a kind needs ("labels", "binary", "positive", "k"). Prints {"score": x}. A problem with the values (for
instance scikit-learn refusing them) prints {"error": "..."} and exits with 3; anything else is a crash.
Metrics scikit-learn has no function for (RMSLE, MAP@k, mean column-wise ROC AUC, samples F1 of label lists) are built here from its pieces.
"""
import json
import sys

import numpy as np
from sklearn import metrics
from sklearn.preprocessing import MultiLabelBinarizer

# Kaggle's log-loss convention: probabilities clipped to [1e-15, 1 - 1e-15]; log_loss renormalises each row.
EPSILON = 1e-15


def rmse(truth, predicted):
    return float(np.sqrt(metrics.mean_squared_error(truth, predicted)))


def average_precision_at_k(actual, ranked, k):
    """Precision at each rank that finds a new actual label, averaged over min(len(actual), k) (k = 0: no cut)."""
    ranked = ranked if k == 0 else ranked[:k]
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked, start=1):
        if label in actual and label not in ranked[:rank - 1]:
            hits += 1
            total += hits / rank
    denominator = len(actual) if k == 0 else min(len(actual), k)
    return total / denominator if denominator else 0.0


def samples_f1(truth, predicted):
    """F1 of each row's predicted label set against its true set, averaged over rows; two empty sets agree."""
    actual, guessed = [t.split() for t in truth], [p.split() for p in predicted]
    binarizer = MultiLabelBinarizer().fit(actual + guessed)
    return metrics.f1_score(binarizer.transform(actual), binarizer.transform(guessed), average="samples", zero_division=1)


def probabilities(values):
    return np.clip(np.asarray(values, dtype=float), EPSILON, 1 - EPSILON)


def score(data):
    kind, truth, predicted = data["kind"], data["truth"], data["predicted"]
    if kind in ("RocAuc", "LogLoss", "MulticlassLogLoss") and data.get("labels") is not None:
        # One probability column per class, named by the class labels; scikit-learn wants them in sorted order.
        order = np.argsort(data["labels"])
        labels = [data["labels"][i] for i in order]
        scores = np.asarray(predicted, dtype=float)[:, order]
        if kind == "RocAuc":
            return metrics.roc_auc_score(truth, scores, multi_class="ovr", labels=labels)
        return metrics.log_loss(truth, probabilities(scores), labels=labels)
    if kind == "RocAuc":
        return metrics.roc_auc_score(truth, predicted)
    if kind in ("LogLoss", "MulticlassLogLoss"):
        return metrics.log_loss(truth, probabilities(predicted), labels=[0, 1])
    if kind == "MeanColumnwiseRocAuc":
        return float(np.mean([metrics.roc_auc_score(t, p) for t, p in zip(truth, predicted)]))
    if kind == "Accuracy":
        return metrics.accuracy_score(truth, predicted)
    if kind == "F1" and data["binary"]:
        positive = data["positive"]
        return metrics.f1_score(np.asarray(truth) == positive, np.asarray(predicted) == positive, zero_division=0)
    if kind in ("F1", "MacroF1"):
        return metrics.f1_score(truth, predicted, average="macro", zero_division=0)
    if kind == "MicroF1":
        return metrics.f1_score(truth, predicted, average="micro", zero_division=0)
    if kind == "QuadraticWeightedKappa":
        return metrics.cohen_kappa_score(truth, predicted, weights="quadratic")
    if kind == "Rmse":
        return rmse(truth, predicted)
    if kind == "Mae":
        return metrics.mean_absolute_error(truth, predicted)
    if kind == "R2":
        return metrics.r2_score(truth, predicted)
    if kind == "Rmsle":
        return float(np.sqrt(metrics.mean_squared_log_error(truth, predicted)))
    if kind == "MeanColumnwiseRmse":
        return float(np.mean([rmse(t, p) for t, p in zip(truth, predicted)]))
    if kind == "MapAtK":
        k = data["k"]
        return float(np.mean([average_precision_at_k(t.split(), p.split(), k) for t, p in zip(truth, predicted)]))
    if kind == "SamplesF1":
        return samples_f1(truth, predicted)
    raise ValueError(f"no scorer for the metric kind {kind}")


def main():
    data = json.load(sys.stdin)
    try:
        value = float(score(data))
    except ValueError as error:
        print(json.dumps({"error": str(error)}))
        sys.exit(3)
    if not np.isfinite(value):
        print(json.dumps({"error": f"{data['kind']} is undefined for these values (it came out as {value})"}))
        sys.exit(3)
    print(json.dumps({"score": value}))


main()
