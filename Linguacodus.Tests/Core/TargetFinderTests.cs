using System.Text.Json.Nodes;
using Linguacodus.Core.Data;
using Linguacodus.Core.Runs;
using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

/// <summary>Several targets found from each source the profiler reads, and the messages when a named one is wrong.</summary>
public sealed class TargetFinderTests : IDisposable
{
    private const string Train = "id,x,note,b,a,c\n1,2,hi,3,4,5\n2,3,yo,4,5,6\n3,4,ok,5,6,7\n";
    private const string Test = "id,x,note\n4,5,hey\n5,6,no\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-targets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Profile_SampleSubmissionNamesThree_TakesAllInItsOrder()
    {
        var folder = WriteFolder(sample: "id,a,b,c\n4,0,0,0\n5,0,0,0\n");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["a", "b", "c"], profile.Targets);
        Assert.Equal("a", profile.TargetColumn);
        Assert.Equal(TargetSource.SampleSubmission, profile.TargetSource);
        Assert.Equal(["id", "a", "b", "c"], profile.SubmissionColumns);
        Assert.Equal(["x", "note"], profile.Features.Select(c => c.Name));
        Assert.Equal(TaskKind.Regression, profile.TaskKind);
    }

    [Fact]
    public void Profile_SampleColumnsThatAreNotTrainColumns_AreNotTargets()
    {
        // One probability column per class: the target is the one label column train has beyond test.
        var folder = WriteFolder(
            train: "id,x,label\n1,2,cat\n2,3,dog\n3,4,cat\n", test: "id,x\n4,5\n",
            sample: "id,cat,dog\n4,0.5,0.5\n", metric: "log loss");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["label"], profile.Targets);
        Assert.Equal(TargetSource.TrainTestDifference, profile.TargetSource);
    }

    [Fact]
    public void Profile_ColumnwiseMetricAndTrainOnlyColumns_TakesThemAllInTrainOrder()
    {
        var folder = WriteFolder();

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["b", "a", "c"], profile.Targets);
        Assert.Equal(TargetSource.TrainTestDifference, profile.TargetSource);
        Assert.Equal(["id", "b", "a", "c"], profile.SubmissionColumns);
    }

    [Fact]
    public void Profile_ColumnwiseMetricAndCardNamingTwo_TakesTheTwoItNames()
    {
        var folder = WriteFolder(dataCard: "Each row is a text; a and c are the two scores to predict.");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["a", "c"], profile.Targets);
        Assert.Equal(TargetSource.DataCard, profile.TargetSource);
    }

    [Fact]
    public void Profile_CardSayingPredictForTwoColumns_TakesBoth()
    {
        var folder = WriteFolder(metric: "rmse", dataCard: "b is a helper column. Predict a. Predict c as well.");

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["a", "c"], profile.Targets);
        Assert.Equal(TargetSource.DataCard, profile.TargetSource);
    }

    [Fact]
    public void Profile_SeveralTrainOnlyColumnsAndAPlainMetric_AsksForTheTargetsByName()
    {
        var folder = WriteFolder(metric: "rmse");

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("train.csv", e.File);
        Assert.Contains("b, a, c", e.Problem);
        Assert.Contains("separated by commas", e.Problem);
    }

    [Fact]
    public void Profile_TaskJsonTargets_WinOverTheSampleSubmission()
    {
        var folder = WriteFolder(sample: "id,a\n4,0\n5,0\n", hints: new TaskHints(new Dictionary<string, FileRole>(), ["c", "b"], null));

        var profile = DataProfiler.Profile(folder);

        Assert.Equal(["c", "b"], profile.Targets);
        Assert.Equal(TargetSource.User, profile.TargetSource);
    }

    [Fact]
    public void Profile_NamedTargets_WinOverTaskJsonTargets()
    {
        var folder = WriteFolder(hints: new TaskHints(new Dictionary<string, FileRole>(), ["c"], null));

        var profile = DataProfiler.Profile(folder, ["a", "b"]);

        Assert.Equal(["a", "b"], profile.Targets);
        Assert.Equal(TargetSource.User, profile.TargetSource);
    }

    [Fact]
    public void Profile_TaskJsonTargetNotInTrain_ThrowsNamingTheFileAndItsColumns()
    {
        var folder = WriteFolder(hints: new TaskHints(new Dictionary<string, FileRole>(), ["a", "zzz"], null));

        var e = Assert.Throws<TaskFolderException>(() => DataProfiler.Profile(folder));

        Assert.Equal("train.csv", e.File);
        Assert.Contains("'zzz'", e.Problem);
        Assert.Contains("id, x, note, b, a, c", e.Problem);
    }

    [Fact]
    public void RunJson_ProfileStoredBeforeSeveralTargets_ReadsItsOneTarget()
    {
        var profile = DataProfiler.Profile(WriteFolder(sample: "id,a,b,c\n4,0,0,0\n5,0,0,0\n"));
        var run = new RunUpdate.ProfileReady(profile).ApplyTo(RunSnapshot.Start(Guid.NewGuid(), new MlTask("t", "d", "tabular", "rmse", "", ""), "baseline"));
        var document = JsonNode.Parse(RunJson.Serialize(run))!.AsObject();
        Assert.NotNull(document["profile"]!["targets"]);
        document["profile"]!.AsObject().Remove("targets");

        var back = RunJson.Deserialize(document.ToJsonString());

        Assert.Equal("a", back.Profile!.TargetColumn);
        Assert.Equal(["a"], back.Profile.Targets);
        Assert.Equal(["a", "b", "c"], RunJson.Deserialize(RunJson.Serialize(run)).Profile!.Targets);
    }

    private TaskFolder WriteFolder(
        string train = Train, string test = Test, string? sample = null, string metric = "MCRMSE", string dataCard = "", TaskHints? hints = null)
    {
        File.WriteAllText(Path.Combine(_dir, "train.csv"), train);
        File.WriteAllText(Path.Combine(_dir, "test.csv"), test);
        if (sample is not null)
        {
            File.WriteAllText(Path.Combine(_dir, "sample_submission.csv"), sample);
        }

        return TaskFolder.Create(_dir, new MlTask("t", "Predict the scores.", "tabular", metric, dataCard, ""), hints);
    }
}
