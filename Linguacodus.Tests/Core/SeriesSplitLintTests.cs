using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;

namespace Linguacodus.Tests.Core;

/// <summary>A shuffled or future-leaking split on a series is flagged however it is written; time-ordered splits are not.</summary>
public sealed class SeriesSplitLintTests
{
    private const string Program = """
        import pandas as pd
        from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit, cross_val_score, train_test_split
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        FEATURES = ["temp"]
        X, y = train[FEATURES], train["sales"]
        {0}
        model.fit(X, y)
        submission = pd.read_csv("sample_submission.csv")
        submission["sales"] = model.predict(test[FEATURES])
        submission.to_csv("submission.csv", index=False)
        """;

    private static DataProfile Profile(TaskKind kind, SeriesAxis? series) => new(
        100, 10,
        [new("date", ColumnKind.Date, 0, 100, []), new("temp", ColumnKind.Numeric, 0, 90, []), new("sales", ColumnKind.Numeric, 0, 80, [])],
        ["date", "temp"], null, "sales", TargetSource.SampleSubmission, "date", kind, [], ["date", "sales"], series);

    private static readonly SeriesAxis Daily = new("date", SeriesFrequency.Daily, 7, "2024-01-01", "2024-04-09", "2024-04-10", "2024-04-19");

    private static List<LintFinding> Findings(string split, DataProfile? profile = null) =>
        [.. ValidityLint.Check(Program.Replace("{0}", split, StringComparison.Ordinal), profile ?? Profile(TaskKind.Forecast, Daily)).Where(f => f.Rule == "shuffled-series")];

    [Theory]
    [InlineData("X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)", "train_test_split")]
    [InlineData("X_tr, X_va, y_tr, y_va = train_test_split(\n    X, y, test_size=int(len(X) * 0.2))", "train_test_split")]
    [InlineData("folds = KFold(n_splits=5, shuffle=True, random_state=0)", "KFold")]
    [InlineData("folds = KFold(5)", "KFold")]
    [InlineData("folds = StratifiedKFold(n_splits=5, shuffle=True)", "StratifiedKFold")]
    [InlineData("scores = cross_val_score(model, X, y, cv=5)", "cross_val_score")]
    [InlineData("scores = cross_val_score(model, X, y, scoring=\"neg_mean_absolute_error\")", "cross_val_score")]
    [InlineData("train = train.sample(frac=1.0, random_state=0)\nsplit = int(len(train) * 0.8)", ".sample(frac")]
    [InlineData("order = np.random.permutation(len(X))\nX, y = X.iloc[order], y.iloc[order]", "np.random.permutation")]
    [InlineData("folds = ShuffleSplit(n_splits=3, test_size=0.2)", "ShuffleSplit")]
    public void Check_ShuffledSplitOnSeries_IsFlagged(string split, string named)
    {
        var finding = Assert.Single(Findings(split));
        Assert.Contains(named, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, shuffle=False)")]
    [InlineData("scores = cross_val_score(model, X, y, cv=TimeSeriesSplit(n_splits=5))")]
    [InlineData("for fit_rows, valid_rows in TimeSeriesSplit(n_splits=4).split(X):\n    pass")]
    [InlineData("split = int(len(X) * 0.8)\nX_tr, X_va = X.iloc[:split], X.iloc[split:]")]
    [InlineData("cutoff = train[\"date\"].max() - pd.Timedelta(days=60)\nvalid = train[train[\"date\"] > cutoff]")]
    [InlineData("# train = train.sample(frac=1.0)\nX_tr, X_va = X[:-60], X[-60:]")]
    public void Check_TimeOrderedSplit_IsNotFlagged(string split)
    {
        Assert.Empty(Findings(split));
    }

    [Fact]
    public void Check_ShuffledSplit_IsFlaggedOnlyWhenTheProfileIsASeries()
    {
        const string split = "X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2)";

        Assert.Empty(Findings(split, Profile(TaskKind.Regression, null)));
        Assert.Single(Findings(split, Profile(TaskKind.Forecast, null)));
        Assert.Single(Findings(split, Profile(TaskKind.Regression, Daily)));
    }
}
