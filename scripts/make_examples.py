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
from statsmodels.datasets import anes96, co2, modechoice

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


SERIES_HORIZON = 60


def seattle_weather():
    """A daily series keyed by its date (no id column): the last 60 days of
    2015 are forecast from the weather of each day (python3-vega-datasets)."""
    from vega_datasets import local_data
    raw = local_data.seattle_weather()
    df = pd.DataFrame({"date": raw["date"].dt.strftime("%Y-%m-%d"),
                       "precipitation": raw["precipitation"],
                       "temp_min": raw["temp_min"], "wind": raw["wind"],
                       "weather": raw["weather"], "temp_max": raw["temp_max"]})
    train, test = df.iloc[:-SERIES_HORIZON], df.iloc[-SERIES_HORIZON:]
    slug, target = "seattle-weather", "temp_max"
    meta = {
        "title": "Seattle Daily Maximum Temperature",
        "task": (
            "One row per day of Seattle weather from 2012 to 2015. Forecast the "
            f"daily maximum temperature for each of the last {SERIES_HORIZON} days "
            f"of 2015 ({test['date'].iloc[0]} to {test['date'].iloc[-1]}). For those "
            "days the rest of the day's weather is known, as from a weather "
            "forecast: the minimum temperature, precipitation, wind and the kind "
            "of weather. Forecasts are scored by mean absolute error."),
        "data_type": "time series",
        "metrics": "mae",
        "data_card": (
            f"train.csv - date, precipitation, temp_min, wind, weather, temp_max; "
            f"{len(train)} daily rows from {train['date'].iloc[0]} to "
            f"{train['date'].iloc[-1]}.\n"
            f"test.csv - the same columns without temp_max; {len(test)} days.\n"
            "sample_submission.csv - date, temp_max.\n\n"
            "date: the day, YYYY-MM-DD; one row per day, and the key of the "
            "submission.\n"
            "precipitation: rain or snow that day in mm.\n"
            "temp_min: the day's minimum temperature in degrees Celsius.\n"
            "wind: average wind speed in m/s.\n"
            "weather: drizzle, fog, rain, snow or sun.\n"
            "temp_max: target, the day's maximum temperature in degrees Celsius.\n\n"
            "No missing values."),
        "submission": submission_text(
            ["date", target], zip(test["date"].tolist()[:3], [9.4, 10.1, 8.7]),
            "For each date in test.csv predict temp_max in degrees Celsius. The "
            "file must have a header:"),
    }
    folder = OUT / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "task.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_csv(train, folder / "train.csv")
    write_csv(test.drop(columns=[target]), folder / "test.csv")
    constant = round(float(train[target].iloc[-1]), 1)
    write_csv(test[["date"]].assign(**{target: constant}), folder / "sample_submission.csv")
    write_csv(test[["date", target]], ANSWERS / f"{slug}.csv")


def check_series(slug, target):
    """Keyed by date: consecutive days, test right after train, answers apart.
    Prints the seasonal-naive score (the last week repeated) to beat."""
    metric, train, test, answers = check(slug, target, key="date")
    days = pd.to_datetime(pd.concat([train["date"], test["date"]]))
    assert (days.diff().dropna() == pd.Timedelta(days=1)).all()
    last_week = train[target].to_numpy()[-7:]
    seasonal = np.resize(last_week, len(answers))
    print(f"{slug:22s} seasonal naive mae="
          f"{np.abs(answers[target].to_numpy() - seasonal).mean():.4f}")
    return metric, train, test, answers


def digit_images():
    """The digits as PNG files named by train.csv / test.csv, as an image competition ships them."""
    from PIL import Image
    rng = np.random.default_rng(44)
    raw = datasets.load_digits()
    order = rng.permutation(len(raw.target))[:800]
    df = pd.DataFrame({"image_id": [f"img_{FIRST_ID + k}" for k in range(len(order))],
                       "label": raw.target[order].astype(int)})
    train, test = train_test_split(df, test_size=200, random_state=44, stratify=df["label"])
    train, test = train.sort_values("image_id"), test.sort_values("image_id")
    folder = OUT / "digit-images"
    for name, part in (("train_images", train), ("test_images", test)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        for image_id, k in zip(part["image_id"], part.index):
            # 0 (white) .. 16 (black) -> dark ink on white, upscaled 8x8 -> 32x32 as a scan would be.
            ink = (255 - raw.images[order[k]] * 255 / 16).round().astype(np.uint8)
            Image.fromarray(ink, mode="L").resize((32, 32), Image.BILINEAR).save(
                folder / name / f"{image_id}.png")
    constant = int(train["label"].mode().iloc[0])
    meta = {
        "title": "Handwritten Digits from Image Files",
        "task": (
            "Classify scanned images of handwritten digits into the digits 0 to 9. "
            "Every image is a PNG file; train.csv names the training images and "
            "their digit, test.csv names the images to classify. Submissions are "
            "evaluated on classification accuracy."),
        "data_type": "image",
        "metrics": "accuracy",
        "data_card": (
            "train_images/ - 600 PNG files, 32x32 pixels, grayscale, dark ink on white.\n"
            "test_images/ - 200 PNG files of the same kind.\n"
            "train.csv - image_id, label (target).\n"
            "test.csv - image_id.\n"
            "sample_submission.csv - image_id, label.\n\n"
            "image_id: the image's file name without the .png extension.\n"
            "label: target, the digit 0-9; the classes are roughly balanced."),
        "submission": submission_text(
            ["image_id", "label"], zip(test["image_id"].tolist()[:3], [3, 7, 0]),
            "For each image_id in test.csv predict the digit (integer 0-9). The "
            "file must have a header:"),
    }
    (folder / "task.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    ANSWERS.mkdir(parents=True, exist_ok=True)
    write_csv(train, folder / "train.csv")
    write_csv(test[["image_id"]], folder / "test.csv")
    write_csv(test.assign(label=constant), folder / "sample_submission.csv")
    write_csv(test, ANSWERS / "digit-images.csv")
    check_digit_images()
    return train, test


def check_digit_images():
    """Every row names one file of its folder, and no file is left over."""
    folder = OUT / "digit-images"
    for name, table in (("train_images", "train.csv"), ("test_images", "test.csv")):
        files = sorted(p.stem for p in (folder / name).iterdir())
        assert files == sorted(pd.read_csv(folder / table)["image_id"]), name


def write_task(slug, meta):
    """Create examples/<slug>/ with its task.json (for layouts save() does not write); return the folder."""
    assert tuple(meta) == FIELDS
    folder = OUT / slug
    folder.mkdir(parents=True, exist_ok=True)
    ANSWERS.mkdir(parents=True, exist_ok=True)
    (folder / "task.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def read_task(slug):
    folder = OUT / slug
    meta = json.loads((folder / "task.json").read_text(encoding="utf-8"))
    assert list(meta) == list(FIELDS) and all(isinstance(v, str) and v for v in meta.values())
    return folder, meta


def wine_alcohol_imputation():
    """One data.csv whose alcohol is blank in about a quarter of the rows."""
    rng = np.random.default_rng(44)
    raw = datasets.load_wine(as_frame=True)
    df = raw.data.rename(columns=lambda c: re.sub(r"\W+", "_", c.strip().lower()).strip("_"))
    df = df.rename(columns={"od280_od315_of_diluted_wines": "od280_od315"})
    df.insert(0, "cultivar", raw.target.map({0: "barolo", 1: "grignolino", 2: "barbera"}))
    df = shuffle_with_ids(df, rng)
    blank = rng.random(len(df)) < 0.25
    answers = df.loc[blank, ["id", "alcohol"]]
    data = df.assign(alcohol=df["alcohol"].where(~blank))
    slug = "wine-alcohol-imputation"
    ids = answers["id"].tolist()[:3]
    meta = {
        "title": "Fill In the Missing Alcohol Content of Italian Wines",
        "task": (
            "A chemical analysis of wines grown in one region of Italy lost the "
            "alcohol measurement for some of the samples. Estimate the alcohol "
            "content of every wine in data.csv whose alcohol value is blank, from "
            "its cultivar and the other twelve measurements. Submissions are "
            "scored by root mean squared error."),
        "data_type": "tabular",
        "metrics": "rmse",
        "data_card": (
            "data.csv - id, cultivar, alcohol (blank in the rows to fill), "
            "malic_acid, ash, alcalinity_of_ash, magnesium, total_phenols, "
            "flavanoids, nonflavanoid_phenols, proanthocyanins, color_intensity, "
            "hue, od280_od315, proline.\n\n"
            "id: integer row identifier.\n"
            "cultivar: text, one of barolo, grignolino, barbera.\n"
            "alcohol: target, alcohol content in percent by volume; blank in about "
            "a quarter of the rows, which are the rows to predict.\n"
            "The other columns are numeric results of the chemical analysis "
            "(od280_od315 is the OD280/OD315 ratio of diluted wines).\n\n"
            "No other values are missing. Source: the UCI wine data bundled with "
            "scikit-learn."),
        "submission": submission_text(
            ["id", "alcohol"], zip(ids, [13.1, 12.4, 13.8]),
            "Predict alcohol for exactly the rows of data.csv where it is blank, "
            "one line per id. The file must have a header:"),
    }
    folder = write_task(slug, meta)
    write_csv(data, folder / "data.csv")
    write_csv(answers, ANSWERS / f"{slug}.csv")


def check_imputation(slug, target):
    folder, meta = read_task(slug)
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv", "task.json"]
    data = pd.read_csv(folder / "data.csv")
    answers = pd.read_csv(ANSWERS / f"{slug}.csv")
    blank = data[target].isna()
    assert 0.15 < blank.mean() < 0.35 and data.drop(columns=[target]).notna().all().all()
    assert data.loc[blank, "id"].tolist() == answers["id"].tolist()
    assert answers[target].notna().all()
    return meta["metrics"], data[~blank], data[blank], answers


MODES = {1: "air", 2: "train", 3: "bus", 4: "car"}


def travel_mode_choice():
    """Travellers (train/test) and their four trip options (trips.csv, several rows per traveller)."""
    rng = np.random.default_rng(55)
    raw = modechoice.load_pandas().data
    raw = raw.assign(mode=raw["mode"].map(MODES), individual=raw["individual"].astype(int))
    people = raw[raw["choice"] == 1][["individual", "hinc", "psize", "mode"]]
    people = people.rename(columns={"hinc": "household_income", "psize": "party_size", "mode": "chosen_mode"})
    people = people.astype({"household_income": int, "party_size": int})
    order = rng.permutation(len(people))
    traveller = dict(zip(people["individual"].iloc[order], range(FIRST_ID, FIRST_ID + len(people))))
    people.insert(0, "traveller_id", people["individual"].map(traveller))
    people = people.drop(columns=["individual"]).sort_values("traveller_id")
    trips = raw.assign(traveller_id=raw["individual"].map(traveller)).rename(columns={
        "ttme": "terminal_minutes", "invc": "vehicle_cost", "invt": "vehicle_minutes", "gc": "generalized_cost"})
    trips = trips[["traveller_id", "mode", "terminal_minutes", "vehicle_cost", "vehicle_minutes", "generalized_cost"]]
    trips = trips.astype({c: int for c in ["terminal_minutes", "vehicle_cost", "vehicle_minutes", "generalized_cost"]})
    # A short free-text note per option, written from the option's own fields (the data has no text of its own).
    trips["note"] = [
        f"{m} option: {w} minutes waiting at the terminal, {t} minutes travelling, fare {c} dollars"
        for m, w, t, c in zip(trips["mode"], trips["terminal_minutes"], trips["vehicle_minutes"], trips["vehicle_cost"])]
    trips = trips.sort_values(["traveller_id", "mode"]).reset_index(drop=True)
    people = people.rename(columns={"traveller_id": "id"})
    train, test = split(people, "chosen_mode", 0.25, 55, stratify=True)
    train, test = (t.rename(columns={"id": "traveller_id"}) for t in (train, test))
    slug = "travel-mode-choice"
    ids = test["traveller_id"].tolist()[:3]
    meta = {
        "title": "Which Way Will They Travel? Intercity Mode Choice",
        "task": (
            "Travellers between Sydney and Melbourne chose one of four ways to "
            "travel: air, train, bus or car. For each traveller in test.csv predict "
            "the chosen mode, using the traveller's household income and party size "
            "and the four options each traveller had, described in trips.csv "
            "(waiting time, travel time and cost of each option). Submissions are "
            "scored by accuracy."),
        "data_type": "tabular",
        "metrics": "accuracy",
        "data_card": (
            "train.csv - traveller_id, household_income, party_size, chosen_mode "
            "(target).\n"
            "test.csv - the same columns without chosen_mode.\n"
            "trips.csv - traveller_id, mode, terminal_minutes, vehicle_cost, "
            "vehicle_minutes, generalized_cost, note: one row per option a "
            "traveller had (four rows per traveller), joined to train.csv and "
            "test.csv by traveller_id.\n"
            "sample_submission.csv - traveller_id, chosen_mode.\n\n"
            "traveller_id: integer identifier of a traveller.\n"
            "household_income: in thousands of dollars. party_size: people "
            "travelling together.\n"
            "chosen_mode: target, one of air, train, bus, car.\n"
            "mode: the option described by a row of trips.csv. terminal_minutes: "
            "waiting time at the terminal (0 for car). vehicle_cost: fare or cost "
            "in dollars. vehicle_minutes: time in the vehicle. generalized_cost: "
            "a combined measure of cost and time.\n"
            "note: a short free-text description of the option, written from the "
            "row's own mode, times and fare (the source data has no text).\n\n"
            "No missing values. Source: the travel mode choice data (Greene) "
            "bundled with statsmodels."),
        "submission": submission_text(
            ["traveller_id", "chosen_mode"], zip(ids, ["car", "air", "train"]),
            "For each traveller_id in test.csv predict the chosen mode. The file "
            "must have a header:"),
    }
    folder = write_task(slug, meta)
    constant = train["chosen_mode"].mode().iloc[0]
    write_csv(train, folder / "train.csv")
    write_csv(test.drop(columns=["chosen_mode"]), folder / "test.csv")
    write_csv(test[["traveller_id"]].assign(chosen_mode=constant), folder / "sample_submission.csv")
    write_csv(trips, folder / "trips.csv")
    write_csv(test[["traveller_id", "chosen_mode"]], ANSWERS / f"{slug}.csv")


def check_related(slug, target):
    folder, meta = read_task(slug)
    train = pd.read_csv(folder / "train.csv")
    test = pd.read_csv(folder / "test.csv")
    trips = pd.read_csv(folder / "trips.csv")
    answers = pd.read_csv(ANSWERS / f"{slug}.csv")
    assert test["traveller_id"].tolist() == answers["traveller_id"].tolist()
    assert not set(train["traveller_id"]) & set(test["traveller_id"])
    assert set(trips["traveller_id"]) == set(train["traveller_id"]) | set(test["traveller_id"])
    assert (trips.groupby("traveller_id").size() == 4).all()
    return meta["metrics"], train, test, answers


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
    if metric == "mean columnwise rmse":
        return float(np.mean([naive_score("rmse", train, answers, t) for t in target]))
    y = answers[target]
    if metric == "roc":
        return roc_auc_score(y, np.full(len(y), 0.5))
    if metric == "mae":
        return float(np.abs(y - train[target].mean()).mean())
    if metric == "rmse":
        mean = train[target].mean()
        return float(np.sqrt(mean_squared_error(y, np.full(len(y), mean))))
    return accuracy_score(y, np.full(len(y), train[target].mode().iloc[0]))


def check(slug, target, key=None):
    folder = OUT / slug
    meta = json.loads((folder / "task.json").read_text(encoding="utf-8"))
    assert list(meta) == list(FIELDS), meta.keys()
    assert all(isinstance(v, str) and v for v in meta.values())
    train = pd.read_csv(folder / "train.csv")
    test = pd.read_csv(folder / "test.csv")
    sample = pd.read_csv(folder / "sample_submission.csv")
    answers = pd.read_csv(ANSWERS / f"{slug}.csv")
    key = key or sample.columns[0]  # "id", or "image_id" where the table names image files
    targets = target if isinstance(target, list) else [target]
    assert list(sample.columns) == list(answers.columns) == [key, *targets]
    assert test[key].tolist() == sample[key].tolist() == answers[key].tolist()
    assert not set(targets) & set(test.columns) and answers[targets].notna().all().all()
    assert not set(train[key]) & set(test[key])
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
            (co2_forecast, "co2-forecast", "co2"),
            (seattle_weather, "seattle-weather", "temp_max", check_series),
            (digit_images, "digit-images", "label"),
            (wine_alcohol_imputation, "wine-alcohol-imputation", "alcohol", check_imputation),
            (travel_mode_choice, "travel-mode-choice", "chosen_mode", check_related),
            (candidate_placement, "candidate-placement", ["clinton_placement", "dole_placement"])]

# Examples whose files differ from the one-target layout that check() expects: (build, its own check).
OWN_CHECK = [(wine_cultivar, check_wine_cultivar)]


def main():
    for build, *_ in EXAMPLES:
        build()
    for _, slug, target, *own_check in EXAMPLES:
        metric, train, test, answers = (own_check or [check])[0](slug, target)
        score = naive_score(metric, train, answers, target)
        print(f"{slug:22s} train={len(train):5d} test={len(test):4d} "
              f"naive {metric}={score:.4f}")
    for build, own_check in OWN_CHECK:
        build()
        own_check()


if __name__ == "__main__":
    main()
