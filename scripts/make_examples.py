"""Build the example task folders under examples/ from datasets bundled with
scikit-learn and statsmodels (no network needed).

Run:  /usr/bin/python3 scripts/make_examples.py
(writes examples/ relative to the repository root, whatever the cwd).

Each examples/<slug>/ holds task.json (title, task, data_type, metrics,
data_card, submission), train.csv, test.csv and sample_submission.csv.
The true test answers go to examples/answers/<slug>.csv (same columns as
sample_submission.csv) and never inside a task folder. Output is
deterministic: fixed seeds, floats written with 6 significant digits.
"""
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.model_selection import train_test_split
from statsmodels.datasets import co2

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples"
ANSWERS = OUT / "answers"
FIRST_ID = 1000
FIELDS = ("title", "task", "data_type", "metrics", "data_card", "submission")


# ---------------------------------------------------------------- helpers
def write_csv(df, path):
    df.to_csv(path, index=False, float_format="%.6g", lineterminator="\n")


def submission_text(header, example_rows, note):
    lines = [",".join(header)] + [",".join(map(str, r)) for r in example_rows]
    return note + "\n\n" + "\n".join(lines)


def shuffle_with_ids(df, rng):
    """Shuffle rows and put an integer id column first (ids start at FIRST_ID)."""
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "id", np.arange(FIRST_ID, FIRST_ID + len(df)))
    return df


def split(df, target, test_size, seed, stratify):
    tr, te = train_test_split(df, test_size=test_size, random_state=seed,
                              stratify=df[target] if stratify else None)
    return tr.sort_values("id"), te.sort_values("id")


def inject_missing(df, cols, frac, rng):
    for c in cols:
        df.loc[rng.random(len(df)) < frac, c] = np.nan
    return df


def save(slug, meta, train, test, target, constant):
    """Write one task folder plus its answers file; return (test, answers)."""
    assert tuple(meta) == FIELDS
    folder = OUT / slug
    folder.mkdir(parents=True, exist_ok=True)
    ANSWERS.mkdir(parents=True, exist_ok=True)
    answers = test[["id", target]]
    sample = answers.assign(**{target: constant})
    (folder / "task.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_csv(train, folder / "train.csv")
    write_csv(test.drop(columns=[target]), folder / "test.csv")
    write_csv(sample, folder / "sample_submission.csv")
    write_csv(answers, ANSWERS / f"{slug}.csv")
    return train, answers


# ---------------------------------------------------------------- examples
def breast_cancer():
    rng = np.random.default_rng(11)
    raw = datasets.load_breast_cancer(as_frame=True)
    X = raw.data.rename(columns=lambda c: re.sub(r"\W+", "_", c.strip().lower()))
    df = X.assign(diagnosis=1 - raw.target.astype(int))  # sklearn: 1 = benign
    df.insert(0, "clinic", rng.choice(["north", "south", "east", "west"], len(df)))
    gaps = ["mean_smoothness", "mean_concavity", "texture_error", "worst_symmetry"]
    df = inject_missing(df, gaps, 0.04, rng)
    df = shuffle_with_ids(df, rng)
    train, test = split(df, "diagnosis", 0.25, 11, stratify=True)
    ids = test["id"].tolist()[:3]
    meta = {
        "title": "Breast Cancer Diagnosis from Cell Nuclei Measurements",
        "task": (
            "Predict whether a breast mass is malignant from measurements of cell "
            "nuclei taken from a digitized fine needle aspirate image. Each row is one "
            "patient sample; the features describe radius, texture, perimeter, area, "
            "smoothness and other shape properties of the nuclei. Submissions are "
            "evaluated on area under the ROC curve between the predicted probability "
            "of malignancy and the observed diagnosis."),
        "data_type": "tabular",
        "metrics": "roc",
        "data_card": (
            "train.csv - id, clinic, 30 numeric features, diagnosis (target).\n"
            "test.csv - the same columns without diagnosis.\n"
            "sample_submission.csv - id, diagnosis.\n\n"
            "id: integer row identifier.\n"
            "clinic: text category (north, south, east, west), the clinic that "
            "collected the sample.\n"
            "Features: for each of radius, texture, perimeter, area, smoothness, "
            "compactness, concavity, concave_points, symmetry and fractal_dimension "
            "there is a mean_<x>, <x>_error (standard error) and worst_<x> (mean of "
            "the three largest values) column, all floats.\n"
            "diagnosis: target, 1 = malignant, 0 = benign (about 37% malignant).\n\n"
            "Missing values: about 4% of values are empty in mean_smoothness, "
            "mean_concavity, texture_error and worst_symmetry (gaps in the "
            "measurements). Other columns are complete."),
        "submission": submission_text(
            ["id", "diagnosis"], zip(ids, [0.92, 0.08, 0.5]),
            "For each id in test.csv predict the probability that the mass is "
            "malignant (diagnosis = 1). The file must have a header:"),
    }
    return save("breast-cancer", meta, train, test, "diagnosis", 0.5)


def diabetes_progression():
    rng = np.random.default_rng(22)
    raw = datasets.load_diabetes(scaled=False, as_frame=True)
    names = dict(zip(["s1", "s2", "s3", "s4", "s5", "s6"],
                     ["tc", "ldl", "hdl", "tch", "ltg", "glu"]))
    df = raw.data.rename(columns=names)
    df["age"] = df["age"].astype(int)
    df["sex"] = df["sex"].map({1.0: "female", 2.0: "male"})
    df = df.assign(progression=raw.target.astype(int))
    df = inject_missing(df, ["bmi", "bp"], 0.05, rng)
    df = shuffle_with_ids(df, rng)
    train, test = split(df, "progression", 0.2, 22, stratify=False)
    ids = test["id"].tolist()[:3]
    constant = int(round(train["progression"].mean()))
    meta = {
        "title": "Diabetes Disease Progression",
        "task": (
            "Predict a quantitative measure of diabetes disease progression one year "
            "after baseline for each patient. At baseline the age, sex, body mass "
            "index, average blood pressure and six blood serum measurements were "
            "recorded. Submissions are scored by root mean squared error between the "
            "predicted and the observed progression."),
        "data_type": "tabular",
        "metrics": "rmse",
        "data_card": (
            "train.csv - id, age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu, "
            "progression (target).\n"
            "test.csv - the same columns without progression.\n"
            "sample_submission.csv - id, progression.\n\n"
            "id: integer row identifier.\n"
            "age: age in years (integer).\n"
            "sex: text, female or male.\n"
            "bmi: body mass index. bp: average blood pressure.\n"
            "tc: total serum cholesterol. ldl: low-density lipoproteins. "
            "hdl: high-density lipoproteins. tch: total cholesterol / HDL. "
            "ltg: log of serum triglycerides level. glu: blood sugar level.\n"
            "progression: target, integer disease progression score one year after "
            "baseline (roughly 25 to 346).\n\n"
            "Missing values: about 5% of values are empty in bmi and in bp; other "
            "columns are complete."),
        "submission": submission_text(
            ["id", "progression"], zip(ids, [140.5, 87.0, 212.3]),
            "For each id in test.csv predict progression (a number). The file must "
            "have a header:"),
    }
    return save("diabetes-progression", meta, train, test, "progression", constant)


def digits():
    rng = np.random.default_rng(33)
    raw = datasets.load_digits(as_frame=True)
    df = raw.data.astype(int)
    df.columns = [f"pixel{k}" for k in range(df.shape[1])]
    df = df.assign(label=raw.target.astype(int))
    df = shuffle_with_ids(df, rng)
    train, test = split(df, "label", 0.25, 33, stratify=True)
    ids = test["id"].tolist()[:3]
    constant = int(train["label"].mode().iloc[0])
    meta = {
        "title": "Handwritten Digit Recognition (8x8 images)",
        "task": (
            "Classify small grayscale images of handwritten digits into the digits "
            "0 to 9. Each image is 8x8 pixels and is given as one row of 64 pixel "
            "intensities. Predict the digit shown in every test image; submissions "
            "are evaluated on classification accuracy."),
        "data_type": "image",
        "metrics": "accuracy",
        "data_card": (
            "train.csv - id, pixel0 ... pixel63, label (target).\n"
            "test.csv - id, pixel0 ... pixel63.\n"
            "sample_submission.csv - id, label.\n\n"
            "id: integer row identifier.\n"
            "pixel0 ... pixel63: integer intensities from 0 (white) to 16 (black) of "
            "an 8x8 image, row by row: pixel k sits at row k // 8, column k % 8.\n"
            "label: target, the digit 0-9; the classes are roughly balanced.\n\n"
            "No missing values."),
        "submission": submission_text(
            ["id", "label"], zip(ids, [3, 7, 0]),
            "For each id in test.csv predict the digit (integer 0-9). The file must "
            "have a header:"),
    }
    return save("digits", meta, train, test, "label", constant)


def co2_forecast():
    weekly = co2.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean().loc[:"2001-12-01"]
    df = pd.DataFrame({"date": monthly.index.strftime("%Y-%m-%d"),
                       "co2": monthly.to_numpy()})
    df.insert(0, "id", np.arange(FIRST_ID, FIRST_ID + len(df)))
    is_test = df["date"] >= "1998-01-01"
    train, test = df[~is_test], df[is_test]
    assert test["co2"].notna().all()
    n_nan = int(train["co2"].isna().sum())
    nan_note = (f"{n_nan} months in train.csv have an empty co2 value (no weekly "
                "readings in that month)." if n_nan else "No missing values remain "
                "after the monthly averaging.")
    ids = test["id"].tolist()[:3]
    constant = round(float(train["co2"].dropna().iloc[-1]), 2)
    meta = {
        "title": "Mauna Loa Monthly CO2 Forecast",
        "task": (
            "Atmospheric CO2 concentration has been measured at the Mauna Loa "
            "Observatory in Hawaii since 1958. Using the monthly averages up to the "
            "end of 1997, forecast the monthly mean CO2 concentration for every month "
            "from January 1998 to December 2001. The series has a strong upward trend "
            "and a yearly seasonal cycle. Forecasts are scored by root mean squared "
            "error."),
        "data_type": "time series",
        "metrics": "rmse",
        "data_card": (
            f"train.csv - id, date, co2; {len(train)} monthly rows from "
            f"{train['date'].iloc[0]} to {train['date'].iloc[-1]}.\n"
            f"test.csv - id, date; {len(test)} months from {test['date'].iloc[0]} to "
            f"{test['date'].iloc[-1]} to forecast.\n"
            "sample_submission.csv - id, co2.\n\n"
            "id: integer row identifier, increasing with date.\n"
            "date: first day of the month, YYYY-MM-DD.\n"
            "co2: target, monthly mean of the weekly atmospheric CO2 readings in "
            "parts per million (ppm).\n\n"
            f"Missing values: {nan_note} The weekly source series itself has gaps, "
            "so some monthly means are built from fewer weeks."),
        "submission": submission_text(
            ["id", "co2"], zip(ids, [364.12, 364.87, 365.51]),
            "For each id in test.csv predict the monthly mean co2 in ppm. The file "
            "must have a header:"),
    }
    return save("co2-forecast", meta, train, test, "co2", constant)


def wine_cultivar():
    """Binary with text labels: the class asked for (barolo) sorts before the other one, and the submission's column
    is named after it, so taking the last label in sort order as the positive class would be wrong."""
    rng = np.random.default_rng(44)
    raw = datasets.load_wine(as_frame=True)
    df = raw.data.rename(columns=lambda c: re.sub(r"\W+", "_", c.strip().lower()))
    # scikit-learn's class_0 is the Barolo cultivar of the original data (59 of 178 wines).
    df = df.assign(cultivar=np.where(raw.target == 0, "barolo", "other"))
    df = inject_missing(df, ["magnesium", "color_intensity"], 0.05, rng)
    df = shuffle_with_ids(df, rng)
    train, test = split(df, "cultivar", 0.3, 44, stratify=True)
    ids = test["id"].tolist()[:3]
    meta = {
        "title": "Barolo or Not: Wine Cultivar from Chemical Analysis",
        "task": (
            "A chemical analysis of wines grown in one region of Italy from three "
            "cultivars: one of them is Barolo. From the 13 measured constituents, "
            "predict for each test wine the probability that it is a barolo. "
            "Submissions are evaluated on area under the ROC curve."),
        "data_type": "tabular",
        "metrics": "roc auc",
        "data_card": (
            "train.csv - id, 13 numeric constituents, cultivar (target).\n"
            "test.csv - the same columns without cultivar.\n"
            "sample_submission.csv - id, barolo.\n\n"
            "id: integer row identifier.\n"
            "alcohol, malic_acid, ash, alcalinity_of_ash, magnesium, total_phenols, "
            "flavanoids, nonflavanoid_phenols, proanthocyanins, color_intensity, hue, "
            "od280_od315_of_diluted_wines, proline: floats from the chemical analysis.\n"
            "cultivar: target, text: barolo, or other for the two other cultivars "
            "(about a third are barolo).\n\n"
            "Missing values: about 5% of values are empty in magnesium and "
            "color_intensity; other columns are complete."),
        "submission": submission_text(
            ["id", "barolo"], zip(ids, [0.91, 0.05, 0.5]),
            "For each id in test.csv give in the column barolo the probability that "
            "the wine is a barolo. The file must have a header:"),
    }
    folder = OUT / "wine-cultivar"
    train, answers = save("wine-cultivar", meta, train, test, "cultivar", 0.5)
    # The submission's column is the class's name, not the target's: rewrite the sample with it.
    write_csv(answers[["id"]].assign(barolo=0.5), folder / "sample_submission.csv")
    return train, answers


# ---------------------------------------------------------------- checks
def naive_score(metric, train, answers, target):
    y = answers[target]
    if metric == "roc":
        return roc_auc_score(y, np.full(len(y), 0.5))
    if metric == "rmse":
        mean = train[target].mean()
        return float(np.sqrt(mean_squared_error(y, np.full(len(y), mean))))
    return accuracy_score(y, np.full(len(y), train[target].mode().iloc[0]))


def check(slug, target):
    folder = OUT / slug
    meta = json.loads((folder / "task.json").read_text(encoding="utf-8"))
    assert list(meta) == list(FIELDS), meta.keys()
    assert all(isinstance(v, str) and v for v in meta.values())
    train = pd.read_csv(folder / "train.csv")
    test = pd.read_csv(folder / "test.csv")
    sample = pd.read_csv(folder / "sample_submission.csv")
    answers = pd.read_csv(ANSWERS / f"{slug}.csv")
    assert list(sample.columns) == list(answers.columns) == ["id", target]
    assert test["id"].tolist() == sample["id"].tolist() == answers["id"].tolist()
    assert target not in test.columns and answers[target].notna().all()
    assert not set(train["id"]) & set(test["id"])
    assert not any(p.name.startswith("answer") for p in folder.iterdir())
    return meta["metrics"], train, test, answers


def check_wine_cultivar():
    """The sample submission names the class asked for; the answers hold the labels."""
    folder = OUT / "wine-cultivar"
    sample = pd.read_csv(folder / "sample_submission.csv")
    answers = pd.read_csv(ANSWERS / "wine-cultivar.csv")
    train = pd.read_csv(folder / "train.csv")
    assert list(sample.columns) == ["id", "barolo"], sample.columns
    assert list(answers.columns) == ["id", "cultivar"], answers.columns
    assert sample["id"].tolist() == answers["id"].tolist()
    labels = sorted(train["cultivar"].unique())
    assert labels == ["barolo", "other"] and labels[-1] != "barolo", labels
    assert set(answers["cultivar"]) == {"barolo", "other"}


EXAMPLES = [(breast_cancer, "breast-cancer", "diagnosis"),
            (diabetes_progression, "diabetes-progression", "progression"),
            (digits, "digits", "label"),
            (co2_forecast, "co2-forecast", "co2")]

# Examples whose files differ from the one-target layout that check() expects: (build, its own check).
OWN_CHECK = [(wine_cultivar, check_wine_cultivar)]


def main():
    for build, _, _ in EXAMPLES:
        build()
    for _, slug, target in EXAMPLES:
        metric, train, test, answers = check(slug, target)
        score = naive_score(metric, train, answers, target)
        print(f"{slug:22s} train={len(train):5d} test={len(test):4d} "
              f"naive {metric}={score:.4f}")
    for build, own_check in OWN_CHECK:
        build()
        own_check()


if __name__ == "__main__":
    main()
