"""The first four examples: one table to learn from, one to predict, one target."""
import re

import numpy as np
import pandas as pd
from sklearn import datasets
from statsmodels.datasets import co2

from example_common import FIRST_ID, inject_missing, save, shuffle_with_ids, split, submission_text


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
