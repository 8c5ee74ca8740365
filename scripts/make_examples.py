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
from example_classic import breast_cancer, co2_forecast, diabetes_progression, digits
from example_common import check, naive_score
from example_labels import digit_tags
from example_series_images import check_series, digit_images, seattle_weather
from example_tables_targets import (candidate_placement, check_imputation, check_related, check_wine_cultivar,
                                    travel_mode_choice, wine_alcohol_imputation, wine_cultivar)


EXAMPLES = [(breast_cancer, "breast-cancer", "diagnosis"),
            (diabetes_progression, "diabetes-progression", "progression"),
            (digits, "digits", "label"),
            (co2_forecast, "co2-forecast", "co2"),
            (seattle_weather, "seattle-weather", "temp_max", check_series),
            (digit_images, "digit-images", "label"),
            (wine_alcohol_imputation, "wine-alcohol-imputation", "alcohol", check_imputation),
            (travel_mode_choice, "travel-mode-choice", "chosen_mode", check_related),
            (candidate_placement, "candidate-placement", ["clinton_placement", "dole_placement"]),
            (digit_tags, "digit-tags", "tags")]

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
