using Linguacodus.Core.Tasks;

namespace Linguacodus.Tests.Core;

public sealed class TaskLayoutTests : IDisposable
{
    private static readonly MlTask Task = new("House prices", "Predict the price.", "tabular", "RMSE", "", "id,price");

    private readonly string _dir = Directory.CreateTempSubdirectory("lc-layout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Detect_PlainNames_GiveTheClassicRoles()
    {
        Touch("train.csv", "test.csv", "sample_submission.csv", "README.md");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal("train.csv", layout.Train?.Name);
        Assert.Equal("test.csv", layout.Test?.Name);
        Assert.Equal("sample_submission.csv", layout.SampleSubmission?.Name);
        Assert.Equal(FileRole.Ignored, layout.Files.Single(f => f.Name == "README.md").Role);
        Assert.DoesNotContain(layout.Inputs, f => f.Name == "README.md");
    }

    [Fact]
    public void Detect_KaggleNames_AndRelatedTables()
    {
        Touch("house_train.csv", "house_test.csv", "submission_format.csv", "neighbourhoods.csv");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal("house_train.csv", layout.Train?.Name);
        Assert.Equal("house_test.csv", layout.Test?.Name);
        Assert.Equal("submission_format.csv", layout.SampleSubmission?.Name);
        Assert.Equal(["neighbourhoods.csv"], layout.Auxiliary.Select(f => f.Name));
    }

    [Fact]
    public void Detect_PlainTrainBesideOtherTrainTables_KeepsThePlainOne()
    {
        Touch("train.csv", "train_labels.csv", "test.csv");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal("train.csv", layout.Train?.Name);
        Assert.Equal(FileRole.Auxiliary, layout.Files.Single(f => f.Name == "train_labels.csv").Role);
    }

    [Fact]
    public void Detect_SeveralTrainAndTestTables_TakesTheLargestPairAndSaysSo()
    {
        Touch("prompts_train.csv", "prompts_test.csv");
        File.WriteAllText(Path.Combine(_dir, "summaries_train.csv"), "id,text\n" + string.Concat(Enumerable.Repeat("1,some words\n", 50)));
        File.WriteAllText(Path.Combine(_dir, "summaries_test.csv"), "id,text\n1,a\n");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal("summaries_train.csv", layout.Train?.Name);
        Assert.Contains("largest", layout.Train?.Reason);
        Assert.Equal("summaries_test.csv", layout.Test?.Name);
        Assert.Equal("named like summaries_train.csv", layout.Test?.Reason);
        Assert.Equal(["prompts_test.csv", "prompts_train.csv"], layout.Auxiliary.Select(f => f.Name));
    }

    [Fact]
    public void Detect_HintedTrain_TurnsTheOtherTrainTablesIntoRelatedOnes()
    {
        Touch("a_train.csv", "b_train.csv", "test.csv");

        var layout = TaskLayout.Detect(_dir, TaskHints.None with { Roles = new Dictionary<string, FileRole> { ["b_train.csv"] = FileRole.Train } });

        Assert.Equal("b_train.csv", layout.Train?.Name);
        Assert.Equal(["a_train.csv"], layout.Auxiliary.Select(f => f.Name));
    }

    [Fact]
    public void Detect_OneTable_IsDataToImpute()
    {
        Touch("data.csv", "sample_submission.csv");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal("data.csv", layout.Data?.Name);
        Assert.Null(layout.Train);
    }

    [Fact]
    public void Detect_ImageFolder_IsImages_OtherFolderIsIgnoredWithReason()
    {
        Touch("train.csv", "test.csv", "train_images/a.png", "train_images/b.PNG", "audio/a.wav");

        var layout = TaskLayout.Detect(_dir, TaskHints.None);

        Assert.Equal(["train_images"], layout.ImageFolders.Select(f => f.Name));
        var audio = layout.Files.Single(f => f.Name == "audio");
        Assert.Equal(FileRole.Ignored, audio.Role);
        Assert.Contains("only image folders", audio.Reason);
    }

    [Fact]
    public void Detect_TwoUntoldTables_SaysWhatToDo()
    {
        Touch("customers.csv", "orders.csv");

        var e = Assert.Throws<TaskFolderException>(() => TaskLayout.Detect(_dir, TaskHints.None));

        Assert.Equal("customers.csv, orders.csv", e.File);
        Assert.Contains("name one train", e.Problem);
    }

    [Fact]
    public void Detect_TrainWithoutTest_SaysWhatIsMissing()
    {
        Touch("train.csv");

        var e = Assert.Throws<TaskFolderException>(() => TaskLayout.Detect(_dir, TaskHints.None));

        Assert.Contains("give test.csv", e.Problem);
    }

    [Fact]
    public void Detect_HintsWin_AndAnUnknownNameIsRefused()
    {
        Touch("customers.csv", "orders.csv", "to_score.csv");
        var hints = TaskHints.None with { Roles = new Dictionary<string, FileRole> { ["customers.csv"] = FileRole.Train, ["to_score.csv"] = FileRole.Test } };

        var layout = TaskLayout.Detect(_dir, hints);

        Assert.Equal("customers.csv", layout.Train?.Name);
        Assert.Equal("named in task.json", layout.Train?.Reason);
        Assert.Equal(["orders.csv"], layout.Auxiliary.Select(f => f.Name));
        var wrong = hints with { Roles = new Dictionary<string, FileRole> { ["nothere.csv"] = FileRole.Train } };
        Assert.Contains("'nothere.csv'", Assert.Throws<TaskFolderException>(() => TaskLayout.Detect(_dir, wrong)).Problem);
    }

    [Fact]
    public void Create_WritesHints_AndLoadReadsThemBack()
    {
        Touch("customers.csv", "orders.csv");
        var hints = new TaskHints(new Dictionary<string, FileRole> { ["customers.csv"] = FileRole.Data }, ["churn", "spend"], "yes");

        var folder = TaskFolder.Create(_dir, Task, hints);
        var reloaded = TaskFolder.Load(_dir);

        Assert.Equal(FileRole.Data, reloaded.Hints.Roles["customers.csv"]);
        Assert.Equal(["churn", "spend"], reloaded.Hints.Targets);
        Assert.Equal("yes", reloaded.Hints.PositiveClass);
        Assert.Equal(folder.TrainFile, reloaded.TrainFile);
        Assert.Null(reloaded.TestFile);
        Assert.Contains("\"data\"", File.ReadAllText(Path.Combine(_dir, "task.json")));
    }

    [Theory]
    [InlineData("\"files\": [\"a.csv\"]", "must be an object")]
    [InlineData("\"files\": {\"train.csv\": \"training\"}", "the roles are train, test")]
    [InlineData("\"targets\": 3", "must be a list")]
    [InlineData("\"positive_class\": true", "positive_class")]
    public void Load_MalformedHint_NamesTheField(string field, string expected)
    {
        Touch("train.csv", "test.csv");
        File.WriteAllText(Path.Combine(_dir, "task.json"), $$"""{"title": "t", "task": "x", "data_type": "tabular", "metrics": "rmse", "data_card": "", "submission": "", {{field}}}""");

        var e = Assert.Throws<TaskFolderException>(() => TaskFolder.Load(_dir));

        Assert.Contains(expected, e.Problem);
    }

    [Fact]
    public void Load_TargetsAsOneString_SplitsOnCommas()
    {
        Touch("train.csv", "test.csv");
        File.WriteAllText(Path.Combine(_dir, "task.json"), """{"title": "t", "task": "x", "data_type": "tabular", "metrics": "rmse", "data_card": "", "submission": "", "targets": "a, b", "positive_class": 1}""");

        var folder = TaskFolder.Load(_dir);

        Assert.Equal(["a", "b"], folder.Hints.Targets);
        Assert.Equal("1", folder.Hints.PositiveClass);
    }

    [Fact]
    public void CopyInputsTo_CopiesTablesAndImageFolders_NotIgnoredFiles()
    {
        Touch("train.csv", "test.csv", "notes.txt", "images/x/1.png");
        var layout = TaskLayout.Detect(_dir, TaskHints.None);
        var target = Directory.CreateDirectory(Path.Combine(_dir, "..", Path.GetFileName(_dir) + "-copy")).FullName;
        try
        {
            layout.CopyInputsTo(target);

            Assert.True(File.Exists(Path.Combine(target, "train.csv")));
            Assert.True(File.Exists(Path.Combine(target, "images", "x", "1.png")));
            Assert.False(File.Exists(Path.Combine(target, "notes.txt")));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    private void Touch(params string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(_dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "a\n1\n");
        }
    }
}
