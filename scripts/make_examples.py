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
from statsmodels.datasets import anes96, co2

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
    """Write one task folder plus its answers file; return (test, answers).

    target may be a list of targets predicted together, constant then a dict of
    each one's sample value."""
    assert tuple(meta) == FIELDS
    folder = OUT / slug
    folder.mkdir(parents=True, exist_ok=True)
    ANSWERS.mkdir(parents=True, exist_ok=True)
    targets = target if isinstance(target, list) else [target]
    answers = test[["id", *targets]]
    sample = answers.assign(**(constant if isinstance(constant, dict) else {target: constant}))
    (folder / "task.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_csv(train, folder / "train.csv")
    write_csv(test.drop(columns=targets), folder / "test.csv")
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


PARTIES = ["strong democrat", "weak democrat", "independent democrat", "independent",
           "independent republican", "weak republican", "strong republican"]


def candidate_placement():
    """Two targets predicted together (mean columnwise RMSE): where a survey respondent places each candidate."""
    rng = np.random.default_rng(44)
    raw = anes96.load_pandas().data
    df = pd.DataFrame({
        "population": raw["popul"].round(1),
        "tv_news_days": raw["TVnews"].astype(int),
        "self_placement": raw["selfLR"].astype(int),
        "party": raw["PID"].astype(int).map(dict(enumerate(PARTIES))),
        "age": raw["age"].astype(int),
        "education": raw["educ"].astype(int),
        "income": raw["income"].astype(int),
        "vote": raw["vote"].map({0.0: "clinton", 1.0: "dole"}),
        "clinton_placement": raw["ClinLR"].astype(int),
        "dole_placement": raw["DoleLR"].astype(int),
    })
    targets = ["clinton_placement", "dole_placement"]
    df = shuffle_with_ids(df, rng)
    train, test = split(df, targets[0], 0.25, 44, stratify=False)
    ids = test["id"].tolist()[:3]
    meta = {
        "title": "Where Voters Place the 1996 Presidential Candidates",
        "task": (
            "In the 1996 American National Election Study each respondent placed "
            "themselves, Bill Clinton and Bob Dole on a seven-point scale from "
            "extremely liberal (1) to extremely conservative (7). From a "
            "respondent's own placement, party identification, news habits, age, "
            "education, income and vote, predict both placements: where they put "
            "Clinton and where they put Dole. Submissions are scored by the mean "
            "columnwise root mean squared error: the RMSE of each of the two "
            "columns, averaged."),
        "data_type": "tabular",
        "metrics": "mean columnwise rmse",
        "data_card": (
            "train.csv - id, population, tv_news_days, self_placement, party, age, "
            "education, income, vote, clinton_placement, dole_placement.\n"
            "test.csv - the same columns without clinton_placement and "
            "dole_placement.\n"
            "sample_submission.csv - id, clinton_placement, dole_placement.\n\n"
            "id: integer row identifier.\n"
            "population: population of the respondent's place of residence, in "
            "thousands.\n"
            "tv_news_days: days in the past week the respondent watched TV news "
            "(0-7).\n"
            "self_placement: the respondent's own placement, 1 (extremely liberal) "
            "to 7 (extremely conservative).\n"
            f"party: party identification, one of {', '.join(PARTIES)}.\n"
            "age: age in years. education: 1 (grade school) to 7 (graduate degree). "
            "income: household income in 24 ordered brackets.\n"
            "vote: the candidate the respondent voted for (clinton or dole).\n"
            "clinton_placement, dole_placement: the two targets, where the "
            "respondent placed Clinton and Dole on the same 1-7 scale.\n\n"
            "No missing values."),
        "submission": submission_text(
            ["id", *targets], zip(ids, [2.8, 3.1, 2.5], [5.4, 5.9, 5.1]),
            "For each id in test.csv predict both placements (numbers from 1 to 7), "
            "one column each. The file must have a header:"),
    }
    means = {t: round(float(train[t].mean()), 2) for t in targets}
    return save("candidate-placement", meta, train, test, targets, means)


# ---------------------------------------------------------------- checks
def naive_score(metric, train, answers, target):
    if metric == "mean columnwise rmse":
        return float(np.mean([naive_score("rmse", train, answers, t) for t in target]))
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
    targets = target if isinstance(target, list) else [target]
    assert list(sample.columns) == list(answers.columns) == ["id", *targets]
    assert test["id"].tolist() == sample["id"].tolist() == answers["id"].tolist()
    assert not set(targets) & set(test.columns) and answers[targets].notna().all().all()
    assert not set(train["id"]) & set(test["id"])
    assert not any(p.name.startswith("answer") for p in folder.iterdir())
    return meta["metrics"], train, test, answers


EXAMPLES = [(breast_cancer, "breast-cancer", "diagnosis"),
            (diabetes_progression, "diabetes-progression", "progression"),
            (digits, "digits", "label"),
            (co2_forecast, "co2-forecast", "co2"),
            (candidate_placement, "candidate-placement", ["clinton_placement", "dole_placement"])]


def main():
    for build, _, _ in EXAMPLES:
        build()
    for _, slug, target in EXAMPLES:
        metric, train, test, answers = check(slug, target)
        score = naive_score(metric, train, answers, target)
        print(f"{slug:22s} train={len(train):5d} test={len(test):4d} "
              f"naive {metric}={score:.4f}")


if __name__ == "__main__":
    main()
