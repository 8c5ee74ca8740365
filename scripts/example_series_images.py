"""Examples of a dated series and of image files."""
import json

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.model_selection import train_test_split

from example_common import ANSWERS, FIRST_ID, OUT, check, submission_text, write_csv


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
