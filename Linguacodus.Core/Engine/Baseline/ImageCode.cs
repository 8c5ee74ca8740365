using Linguacodus.Core.Data;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Core.Engine.Baseline;

/// <summary>
/// Code for a task whose rows are image files: the files a table column names are loaded with Pillow, resized to a
/// small common size and turned into pixel and gradient-histogram features, which the tabular models then learn from
/// beside the tables' own numeric columns.
/// An image that cannot be read is skipped in training and predicted with the majority class, with a warning.
/// </summary>
internal static class ImageCode
{
    /// <summary>The common side images are resized to: small enough for 2 CPU cores, large enough for shapes.</summary>
    public const int Side = 32;

    /// <summary>The train and test tables' columns that name image files, or null when the task has no such column.</summary>
    public static ImagePlan? PlanFor(DataProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (ImageFolderProfiler.LinkOf(profile.ImageFolders, FileRole.Train) is not var (trainFolder, trainLink)
            || ImageFolderProfiler.LinkOf(profile.ImageFolders, FileRole.Test) is not var (testFolder, testLink))
        {
            return null;
        }

        var folders = profile.ImageFolders!.Select(f => f.Folder).ToList();
        // Colour when any image read has colour (or none could be sized); grayscale images stay one channel.
        var shapes = profile.ImageFolders!.SelectMany(f => f.Shapes).ToList();
        return new ImagePlan(
            trainLink.Table, trainLink.Column, [trainFolder.Folder, .. folders.Where(f => f != trainFolder.Folder)],
            testLink.Table, testLink.Column, [testFolder.Folder, .. folders.Where(f => f != testFolder.Folder)],
            Colour: shapes.Count == 0 || shapes.Any(s => s.Channels >= 3),
            TableNumeric: [.. profile.Features.Where(c => c.Kind == ColumnKind.Numeric && c.Name != trainLink.Column && c.Name != testLink.Column).Select(c => c.Name)]);
    }

    /// <summary>The instruction's preprocessing steps for an image task.</summary>
    public static IEnumerable<string> Steps(ImagePlan plan)
    {
        yield return $"Load the image file named by '{plan.TrainColumn}' in {plan.TrainTable} (from {string.Join(", ", plan.TrainFolders)}) and by '{plan.TestColumn}' in {plan.TestTable} with Pillow.";
        yield return $"Convert every image to {(plan.Colour ? "RGB" : "grayscale")} and resize it to {Side}x{Side} pixels.";
        yield return "Features: the pixels averaged over 2x2 blocks, scaled to [0, 1], and histograms of gradient orientations (9 bins) over a 4x4 grid of cells.";
        if (plan.TableNumeric.Count > 0)
        {
            yield return $"Beside the image features, the tables' numeric columns {string.Join(", ", plan.TableNumeric.Select(c => $"'{c}'"))} (blanks filled with the training median, scaled).";
        }
        yield return "Skip training rows whose image is missing or unreadable, with a warning; predict such test rows with the majority class (the mean for a numeric target).";
    }

    /// <summary>The preprocessing stage: tables read, images loaded into feature frames X and X_test.</summary>
    public static string Preprocessing(ImagePlan plan, DataProfile profile) => $$""""
        import json
        import os
        import warnings

        import numpy as np
        import pandas as pd
        from PIL import Image
        from sklearn.base import BaseEstimator
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        TARGET = {{Py.Str(profile.TargetColumn)}}
        ID = {{Py.Str(profile.IdColumn)}}
        TRAIN_IMAGES = {{Py.Str(plan.TrainColumn)}}
        TEST_IMAGES = {{Py.Str(plan.TestColumn)}}
        SIDE = {{Side}}
        MODE = {{Py.Str(plan.Colour ? "RGB" : "L")}}
        CLASSIFY = {{Py.Bool(profile.TaskKind is TaskKind.Binary or TaskKind.Multiclass)}}
        # The tables' own numeric columns, learned from beside the images.
        TABLE_NUMERIC = {{Py.List(plan.TableNumeric)}}

        train = pd.read_csv({{Py.Str(plan.TrainTable)}}, dtype={TRAIN_IMAGES: str})
        test = pd.read_csv({{Py.Str(plan.TestTable)}}, dtype={TEST_IMAGES: str})
        train = train.dropna(subset=[TARGET]).reset_index(drop=True)


        def file_index(folder):
            """Every name a table may use for a file: its path in the folder, with or without extension, or its bare name."""
            index = {}
            for root, _, names in sorted(os.walk(folder)):
                for name in sorted(names):
                    path = os.path.join(root, name)
                    relative = os.path.relpath(path, folder).replace(os.sep, "/")
                    for key in (relative, os.path.splitext(relative)[0], name, os.path.splitext(name)[0]):
                        index.setdefault(key, path)
            return index


        INDEXES = {folder: file_index(folder) for folder in {{Py.List(plan.TrainFolders.Union(plan.TestFolders))}}}


        def find(value, folders):
            key = str(value).strip().replace("\\", "/")
            key = key[2:] if key.startswith("./") else key
            for folder in folders:
                name = key[len(folder) + 1:] if key.startswith(folder + "/") else key
                if name in INDEXES[folder]:
                    return INDEXES[folder][name]
            return None


        def gradient_histograms(gray, cells=4, bins=9):
            """Histograms of gradient orientation weighted by magnitude, per cell (a plain-numpy HOG)."""
            dy, dx = np.gradient(gray)
            magnitude = np.hypot(dx, dy)
            orientation = np.minimum((np.mod(np.arctan2(dy, dx), np.pi) / np.pi * bins).astype(int), bins - 1)
            step = gray.shape[0] // cells
            histograms = []
            for i in range(cells):
                for j in range(cells):
                    window = np.s_[i * step:(i + 1) * step, j * step:(j + 1) * step]
                    histogram = np.bincount(orientation[window].ravel(), weights=magnitude[window].ravel(), minlength=bins)
                    histograms.append(histogram / (np.linalg.norm(histogram) + 1e-6))
            return np.concatenate(histograms)


        def image_features(path):
            with Image.open(path) as image:
                pixels = np.asarray(image.convert(MODE).resize((SIDE, SIDE), Image.BILINEAR), dtype=np.float32) / 255.0
            gray = pixels if pixels.ndim == 2 else pixels.mean(axis=2)
            blocks = pixels.reshape(SIDE // 2, 2, SIDE // 2, 2, -1).mean(axis=(1, 3))
            return np.concatenate([blocks.ravel(), gradient_histograms(gray)])


        def load_images(frame, column, folders, role):
            rows, readable, problems = [], [], []
            for value in frame[column]:
                path = find(value, folders) if pd.notna(value) else None
                try:
                    if path is None:
                        raise FileNotFoundError(f"no such file in {', '.join(folders)}")
                    rows.append(image_features(path))
                    readable.append(1.0)
                except Exception as error:  # a damaged file must not stop the run
                    rows.append(None)
                    readable.append(0.0)
                    problems.append(f"{value} ({error})")
            if problems:
                print(f"warning: {len(problems)} {role} image(s) missing or unreadable, "
                      f"{'skipped in training' if role == 'train' else 'predicted with the majority class'}: {'; '.join(problems[:3])}")
            width = next((len(r) for r in rows if r is not None), 0)
            if width == 0:
                raise ValueError(f"no {role} image could be read from {', '.join(folders)}")
            matrix = np.vstack([r if r is not None else np.zeros(width, dtype=np.float32) for r in rows])
            features = pd.DataFrame(matrix, columns=[f"image_{k}" for k in range(width)], index=frame.index)
            features["image_readable"] = readable
            return features


        X = load_images(train, TRAIN_IMAGES, {{Py.List(plan.TrainFolders)}}, "train")
        y = train[TARGET]
        X_test = load_images(test, TEST_IMAGES, {{Py.List(plan.TestFolders)}}, "test")
        IMAGE_FEATURES = [c for c in X.columns if c != "image_readable"]
        for column in TABLE_NUMERIC:
            X[column] = pd.to_numeric(train[column], errors="coerce")
            X_test[column] = pd.to_numeric(test[column], errors="coerce")
        NUMERIC = IMAGE_FEATURES + TABLE_NUMERIC
        CATEGORICAL = []
        TEXT = []
        FEATURES = NUMERIC


        class FallbackForUnreadable(BaseEstimator):
            """Learns from the rows whose image was read; the others get the majority class (the mean for a number)."""

            def __init__(self, model):
                self.model = model

            def fit(self, X, y):
                readable = X["image_readable"].to_numpy() == 1
                self.model.fit(X[readable], y[readable])
                values = pd.Series(np.asarray(y))
                self.fallback_ = values.mode().iloc[0] if CLASSIFY else float(values.mean())
                if CLASSIFY:
                    self.classes_ = self.model.classes_
                    self.prior_ = values.value_counts(normalize=True).reindex(self.classes_).fillna(0).to_numpy()
                return self

            def predict(self, X):
                predictions = pd.Series(self.model.predict(X))
                predictions[X["image_readable"].to_numpy() != 1] = self.fallback_
                return predictions.to_numpy()

            def predict_proba(self, X):
                probabilities = self.model.predict_proba(X)
                probabilities[X["image_readable"].to_numpy() != 1] = self.prior_
                return probabilities


        preprocessor = ColumnTransformer([
            ("images", StandardScaler(), IMAGE_FEATURES),
            ("table", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), TABLE_NUMERIC),
        ], sparse_threshold=0)
        print(f"train: {len(X)} images, test: {len(X_test)} images, {len(IMAGE_FEATURES)} image features each ({MODE}, {SIDE}x{SIDE})"
              f" and {len(TABLE_NUMERIC)} table column(s)")

        """";

    /// <summary>Wraps the architecture stage's model so unreadable images fall back to the majority class.</summary>
    public const string WrapModel = """
        model = FallbackForUnreadable(model)
        print("rows without a readable image are predicted with the majority class")

        """;
}

/// <summary>Which columns of which tables name the image files, in which folders to look first, the colour mode, and the tables' numeric columns.</summary>
internal sealed record ImagePlan(
    string TrainTable, string TrainColumn, IReadOnlyList<string> TrainFolders,
    string TestTable, string TestColumn, IReadOnlyList<string> TestFolders,
    bool Colour, IReadOnlyList<string> TableNumeric);
