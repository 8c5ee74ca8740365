using Linguacodus.Core.Artifacts;
using Linguacodus.Core.Data;

namespace Linguacodus.Tests.Core;

public sealed class ValidityLintTests
{
    private static DataProfile Profile(TaskKind kind = TaskKind.Binary) => new(
        100, 50,
        [new("id", ColumnKind.Numeric, 0, 100, []), new("x", ColumnKind.Numeric, 0, 90, []), new("label", ColumnKind.Numeric, 0, 2, [])],
        ["id", "x"], "id", "label", TargetSource.SampleSubmission, null, kind, ["0", "1"], ["id", "label"]);

    private const string Clean = """
        import pandas as pd
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        FEATURES = ["x"]
        model.fit(train[FEATURES], train["label"])
        submission = pd.read_csv("sample_submission.csv")
        submission["label"] = model.predict_proba(test[FEATURES])[:, 1]
        submission.to_csv("submission.csv", index=False)
        """;

    private static IEnumerable<string> Rules(string program, TaskKind kind = TaskKind.Binary) =>
        ValidityLint.Check(program, Profile(kind)).Select(f => f.Rule);

    [Fact]
    public void Check_CleanProgram_FindsNothing()
    {
        Assert.Empty(Rules(Clean));
    }

    [Theory]
    [InlineData("scaler.fit(X_test)", "fit-on-test")]
    [InlineData("encoder.fit_transform(test[FEATURES])", "fit-on-test")]
    [InlineData("FEATURES = [\"x\", \"label\"]", "target-in-features")]
    [InlineData("feature_cols = ['id', 'x']", "id-in-features")]
    [InlineData("X = train.copy()", "target-in-features")]
    [InlineData("submission = submission.head(10)", "submission-rows")]
    public void Check_Mistake_IsReported(string line, string rule)
    {
        Assert.Contains(rule, Rules(Clean + "\n" + line + "\n"));
    }

    [Fact]
    public void Check_CommentedMistake_IsIgnored()
    {
        Assert.Empty(Rules(Clean + "\n# scaler.fit(X_test)\n"));
    }

    [Fact]
    public void Check_ShuffledSplitOnSeries_IsReportedOnlyForForecasts()
    {
        var program = Clean + "\nX_tr, X_va = train_test_split(X, test_size=0.2)\n";

        Assert.Contains("shuffled-series", Rules(program, TaskKind.Forecast));
        Assert.DoesNotContain("shuffled-series", Rules(program, TaskKind.Binary));
        Assert.DoesNotContain("shuffled-series", Rules(program.Replace("0.2)", "0.2, shuffle=False)"), TaskKind.Forecast));
    }

    [Fact]
    public void Check_NoSubmissionWritten_IsReported()
    {
        Assert.Contains("submission-missing", Rules(Clean.Replace("submission.csv", "out.csv")));
    }

    [Fact]
    public void Check_SubmissionWithoutSampleAndWithoutTargetColumn_IsReported()
    {
        var program = Clean.Replace("pd.read_csv(\"sample_submission.csv\")", "pd.DataFrame({\"id\": test[\"id\"]})")
            .Replace("submission[\"label\"]", "submission[\"prediction\"]")
            .Replace("train[\"label\"]", "y");

        Assert.Contains("submission-columns", Rules(program));
    }
}
