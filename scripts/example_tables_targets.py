"""Examples of one data file to fill in, related tables, several targets and a named positive class."""
import re

import numpy as np
import pandas as pd
from sklearn import datasets
from statsmodels.datasets import anes96, modechoice

from example_common import (ANSWERS, FIRST_ID, OUT, inject_missing, read_task, save, shuffle_with_ids, split,
                            submission_text, write_csv, write_task)


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
