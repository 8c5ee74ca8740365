"""What every example builder shares: where examples go, CSV writing, splitting, saving and checking."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.model_selection import train_test_split

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


def naive_score(metric, train, answers, target):
    if metric == "mean columnwise rmse":
        return float(np.mean([naive_score("rmse", train, answers, t) for t in target]))
    y = answers[target]
    if metric == "mean f1":  # the most frequent tag set for every row, F1 per row averaged
        constant = set(train[target].mode().iloc[0].split())
        return float(np.mean([2 * len(constant & set(t.split())) / (len(constant) + len(t.split())) for t in y]))
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
