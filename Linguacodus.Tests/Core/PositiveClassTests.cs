using System.Text;
using Linguacodus.Core.Data;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>The positive class of a binary task from each of its sources, profiled from real files.</summary>
public sealed class PositiveClassTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lc-positive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_HintNamesTheOtherClass_HintWinsAndTheColumnIsNoted()
    {
        var profile = Profile(["barolo", "other"], sampleColumn: "barolo", hint: "Other");

        Assert.Equal("other", profile.PositiveClass);
        Assert.Equal(PositiveClassSource.Hint, profile.PositiveClassSource);
        var note = Assert.Single(profile.PositiveClassNotes!);
        Assert.Contains("the submission column 'barolo'", note, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("'other' is used", note);
    }

    [Fact]
    public void Profile_HintNotALabel_FailsNamingTaskJsonTheHintAndTheLabels()
    {
        var error = Assert.Throws<TaskFolderException>(() => Profile(["barolo", "other"], hint: "barbera"));

        Assert.Equal("task.json", error.File);
        Assert.Contains("'barbera'", error.Message);
        Assert.Contains("its labels are barolo, other", error.Message);
    }

    [Fact]
    public void Profile_HintOnARegressionTask_IsNotedNotUsed()
    {
        var profile = Profile(["1.5", "2.25", "3.75"], hint: "1.5", metric: "rmse");

        Assert.Equal(TaskKind.Regression, profile.TaskKind);
        Assert.Null(profile.PositiveClass);
        Assert.Contains("not used", Assert.Single(profile.PositiveClassNotes!));
    }

    [Theory]
    [InlineData("barolo", "barolo")]
    [InlineData("Barolo", "barolo")]
    [InlineData("p_barolo", "barolo")]
    [InlineData("barolo_probability", "barolo")]
    public void Profile_SubmissionColumnNamedAfterAClass_IsThePositiveClass(string column, string expected)
    {
        var profile = Profile(["barolo", "other"], sampleColumn: column);

        Assert.Equal(expected, profile.PositiveClass);
        Assert.Equal(PositiveClassSource.SubmissionColumn, profile.PositiveClassSource);
        Assert.Contains(column, profile.PositiveClassEvidence);
        Assert.Empty(profile.PositiveClassNotes!);
    }

    [Theory]
    [InlineData("Predict the probability that the review is negative.", "negative", "positive")]
    [InlineData("Give the probability of class 0 for each row.", "0", "1")]
    [InlineData("Predict whether a breast mass is benign from its measurements.", "benign", "malignant")]
    [InlineData("Submit P(ham) for every message.", "ham", "spam")]
    public void Profile_TextAsksForTheProbabilityOfOneClass_IsThePositiveClass(string task, string expected, string other)
    {
        var profile = Profile([other, expected], task: task);

        Assert.Equal(expected, profile.PositiveClass);
        Assert.Equal(PositiveClassSource.TaskText, profile.PositiveClassSource);
        Assert.Contains("the task text", profile.PositiveClassEvidence);
    }

    [Theory]
    [InlineData("Predict a probability between 0 and 1 that the passenger survived.", "1")]
    [InlineData("Predict whether the mass is benign or malignant.", "malignant")]
    public void Profile_TextNamesNoSingleClass_FallsBackToTheDefault(string task, string expected)
    {
        var profile = Profile(expected == "1" ? ["0", "1"] : ["benign", "malignant"], task: task);

        Assert.Equal(expected, profile.PositiveClass);
        Assert.Equal(PositiveClassSource.Default, profile.PositiveClassSource);
    }

    [Theory]
    [InlineData("0", "1", "1")]
    [InlineData("no", "yes", "yes")]
    [InlineData("False", "True", "True")]
    [InlineData("affair", "no", "affair")]
    [InlineData("a", "b", "b")]
    public void Profile_NothingNamesAClass_TakesTheConventionalOneAndSaysSo(string first, string second, string expected)
    {
        var profile = Profile([first, second]);

        Assert.Equal(expected, profile.PositiveClass);
        Assert.Equal(PositiveClassSource.Default, profile.PositiveClassSource);
        Assert.Contains("nothing names a class", profile.PositiveClassEvidence);
    }

    [Fact]
    public void Profile_SubmissionColumnContradictsTheText_FollowsTheColumnAndSaysSo()
    {
        var profile = Profile(["negative", "positive"], sampleColumn: "negative", task: "Predict the probability that the review is positive.");

        Assert.Equal("negative", profile.PositiveClass);
        Assert.Equal(PositiveClassSource.SubmissionColumn, profile.PositiveClassSource);
        var note = Assert.Single(profile.PositiveClassNotes!);
        Assert.Contains("The task text", note);
        Assert.Contains("'positive'", note);
    }

    [Fact]
    public void Profile_OneProbabilityColumnPerClass_RecordsEachColumnsClassInSubmissionOrder()
    {
        var train = new StringBuilder("id,x,species\n");
        string[] species = ["setosa", "versicolor", "virginica"];
        for (var i = 0; i < 30; i++)
        {
            train.Append($"{i},{i % 7},{species[i % 3]}\n");
        }
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "id,x\n100,1\n");
        File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), "id,Virginica,setosa,p_versicolor\n100,0.3,0.3,0.4\n");
        var folder = TaskFolder.Create(_dir, new MlTask("t", "Predict the species.", "tabular", "multiclass log loss", "species: target", ""));

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(TaskKind.Multiclass, profile.TaskKind);
        Assert.Null(profile.PositiveClass);
        Assert.Equal(
            [new ClassColumn("Virginica", "virginica"), new ClassColumn("setosa", "setosa"), new ClassColumn("p_versicolor", "versicolor")],
            profile.ClassColumns);
    }

    [Fact]
    public void Describe_BinaryProfile_TellsTheLlmWhichClassTheProbabilityIsFor()
    {
        var profile = Profile(["barolo", "other"], sampleColumn: "barolo");

        var text = PromptValues.Describe(profile);

        Assert.Contains("The positive class is barolo (from the submission column); the submission's probability column is P(y = barolo), not the probability of other.", text);
    }

    [Fact]
    public void Conventional_NumbersSpelledAsFloats_FindsOne() =>
        Assert.Equal("1.0", PositiveClasses.Conventional(["0.0", "1.0"]));

    /// <summary>A two-feature task whose target takes the given labels; the sample submission's one column is named as given.</summary>
    private DataProfile Profile(
        string[] labels, string? sampleColumn = null, string? hint = null, string task = "Predict the target.", string metric = "roc auc")
    {
        var train = new StringBuilder("id,x,y\n");
        for (var i = 0; i < 40; i++)
        {
            train.Append($"{i},{i % 5},{labels[i % labels.Length]}\n");
        }
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train.ToString());
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "id,x\n100,1\n101,2\n");
        if (sampleColumn is not null)
        {
            File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), $"id,{sampleColumn}\n100,0.5\n101,0.5\n");
        }
        var hints = TaskHints.None with { PositiveClass = hint };
        return DataProfiler.Profile(TaskFolder.Create(_dir, new MlTask("t", task, "tabular", metric, "y: the target", ""), hints));
    }
}
