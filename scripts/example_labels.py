"""Examples whose answer is a space-separated label list (multi-label tasks)."""
import numpy as np
from sklearn import datasets

from example_common import save, shuffle_with_ids, split, submission_text

# Facts about each digit 0-9, read off the digit itself: its parity, whether it is prime, whether its usual
# handwritten shape has a closed loop, and whether it is 5 or more.
TAGS = {0: "even loop", 1: "odd", 2: "even prime", 3: "odd prime", 4: "even",
        5: "odd prime large", 6: "even loop large", 7: "odd prime large", 8: "even loop large", 9: "odd loop large"}


def digit_tags():
    rng = np.random.default_rng(44)
    raw = datasets.load_digits(as_frame=True)
    df = raw.data.astype(int)
    df.columns = [f"pixel{k}" for k in range(df.shape[1])]
    df = df.assign(tags=raw.target.astype(int).map(TAGS))
    df = shuffle_with_ids(df, rng)
    train, test = split(df, "tags", 0.25, 44, stratify=True)
    ids = test["id"].tolist()[:3]
    constant = train["tags"].mode().iloc[0]
    meta = {
        "title": "Handwritten Digit Tags (multi-label, 8x8 images)",
        "task": (
            "Tag small grayscale images of handwritten digits with every tag that applies to the digit shown: "
            "even or odd, prime (2, 3, 5, 7), loop (the digit's shape has a closed loop: 0, 6, 8, 9) and large "
            "(5 or more). The digit itself is not given; each image is 8x8 pixels, one row of 64 pixel "
            "intensities. Submissions are scored by the mean F1 over samples: for each test row the F1 of the "
            "predicted tag set against the true one, averaged over the rows."),
        "data_type": "image",
        "metrics": "mean f1",
        "data_card": (
            "train.csv - id, pixel0 ... pixel63, tags (target).\n"
            "test.csv - id, pixel0 ... pixel63.\n"
            "sample_submission.csv - id, tags.\n\n"
            "id: integer row identifier.\n"
            "pixel0 ... pixel63: integer intensities from 0 (white) to 16 (black) of an 8x8 image, row by row.\n"
            "tags: target, one to three space-separated tags from even, odd, prime, loop, large.\n\n"
            "No missing values."),
        "submission": submission_text(
            ["id", "tags"], zip(ids, ["odd prime", "even loop large", "even"]),
            "For each id in test.csv predict the tags of the digit, separated by spaces. The file must have a "
            "header:"),
    }
    return save("digit-tags", meta, train, test, "tags", constant)
